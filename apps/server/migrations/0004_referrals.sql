-- بطاقة الربط / fiche de liaison (issue 4, §4–7): the referral card from the CAPE to a named
-- service for one service of a child's case plan; the receiving service answers on the same card
-- (measures taken, documents), and both sides talk on its message thread.
--
-- A card keeps the case's territory_code (the sending CAPE's scope; it moves with the case on a
-- transfer). The receiving side is reached through receiving_institution_id only: a partner sees
-- the cards addressed to its institution and nothing else of the child.
-- Free texts (note, measures, decline reason, messages, document titles) are KeyRing envelopes.

-- Sequences of the card numbers, per territory and year (RC-TNG-2026-00012).
CREATE TABLE referral_card_sequence (
  territory_code text NOT NULL REFERENCES territory(code),
  year int NOT NULL,
  last_value int NOT NULL,
  PRIMARY KEY (territory_code, year)
);

CREATE TABLE referral_card (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  case_id uuid NOT NULL REFERENCES protection_case(id),
  plan_item_id uuid NOT NULL REFERENCES plan_item(id),
  territory_code text NOT NULL REFERENCES territory(code),
  sender_institution_id uuid REFERENCES institution(id),
  sender_user_id uuid NOT NULL REFERENCES app_user(id),
  receiving_institution_id uuid NOT NULL REFERENCES institution(id),
  service_code text NOT NULL,
  urgency text NOT NULL CHECK (urgency IN ('normal', 'urgent', 'immediate')),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'sent', 'received', 'in_progress', 'completed', 'declined', 'cancelled')),
  -- What of the child's file the receiving side sees: 'profile' always (code, sex, age band),
  -- 'identity' only with share_identity, 'situation', 'assessment', 'plan_item_need'.
  shared_sections text[] NOT NULL DEFAULT '{profile}',
  share_identity boolean NOT NULL DEFAULT false,
  -- The sender's words to the receiving service.
  note_enc text,
  -- The answer: measures taken (required to complete) or why the service declines.
  measures_enc text,
  decline_reason_enc text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  sent_by uuid REFERENCES app_user(id),
  received_at timestamptz,
  received_by uuid REFERENCES app_user(id),
  started_at timestamptz,
  started_by uuid REFERENCES app_user(id),
  completed_at timestamptz,
  completed_by uuid REFERENCES app_user(id),
  declined_at timestamptz,
  declined_by uuid REFERENCES app_user(id),
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES app_user(id),
  -- Set once by the reminder and escalation jobs: each card is reminded and escalated once.
  overdue_notified_at timestamptz,
  escalated_at timestamptz,
  version int NOT NULL DEFAULT 0,
  CHECK ('profile' = ANY (shared_sections)),
  CHECK (share_identity = ('identity' = ANY (shared_sections))),
  -- A draft was never sent; a cancelled card may have been (or been withdrawn as a draft).
  CHECK (status <> 'draft' OR sent_at IS NULL),
  CHECK (sent_at IS NOT NULL OR status IN ('draft', 'cancelled')),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL AND measures_enc IS NOT NULL)),
  CHECK ((status = 'declined') = (declined_at IS NOT NULL AND decline_reason_enc IS NOT NULL)),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
-- One card at a time per service of the plan: a declined or cancelled one frees the item for another.
CREATE UNIQUE INDEX referral_card_one_open_idx ON referral_card (plan_item_id)
  WHERE status IN ('draft', 'sent', 'received', 'in_progress');
-- The partner's inbox, the CAPE's outbox, the case page.
CREATE INDEX referral_card_inbox_idx ON referral_card (receiving_institution_id, status, due_on);
CREATE INDEX referral_card_outbox_idx ON referral_card (territory_code, status, due_on);
CREATE INDEX referral_card_case_idx ON referral_card (case_id, created_at);
-- The reminder and escalation jobs scan open cards by due date.
CREATE INDEX referral_card_open_due_idx ON referral_card (due_on)
  WHERE status IN ('sent', 'received', 'in_progress');
-- The circuit view: cards of a territory sent in a period.
CREATE INDEX referral_card_sent_idx ON referral_card (territory_code, sent_at) WHERE sent_at IS NOT NULL;

-- The thread between the two sides of a card.
CREATE TABLE referral_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  card_id uuid NOT NULL REFERENCES referral_card(id),
  case_id uuid NOT NULL REFERENCES protection_case(id),
  territory_code text NOT NULL REFERENCES territory(code),
  author_id uuid NOT NULL REFERENCES app_user(id),
  side text NOT NULL CHECK (side IN ('sender', 'receiver')),
  body_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_message_card_idx ON referral_message (card_id, created_at);

-- Documents joined to a card by either side (a referral letter; a certificate, a report in answer).
CREATE TABLE referral_attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  card_id uuid NOT NULL REFERENCES referral_card(id),
  case_id uuid NOT NULL REFERENCES protection_case(id),
  territory_code text NOT NULL REFERENCES territory(code),
  side text NOT NULL CHECK (side IN ('sender', 'receiver')),
  document_type text NOT NULL,
  title_enc text NOT NULL,
  storage_key text NOT NULL,
  content_type text NOT NULL,
  size_bytes int NOT NULL,
  sha256 text NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_attachment_card_idx ON referral_attachment (card_id, created_at);
