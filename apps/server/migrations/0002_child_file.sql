-- The child's file and the protection circuit: reports, children (identity encrypted), cases and
-- their stages, danger assessments, case plans, the child's three files, follow-up and evaluation
-- cards, and the log of every view of a child's identity or file.
--
-- Every table that holds case data keeps its territory_code: permissions scope by it, and it is
-- the key for partitioning (and Citus distribution) when one database is no longer enough.
-- Columns ending in _enc hold KeyRing envelopes (AES-256-GCM); a dump holds no name in clear.

-- Reference lists of the child's file, loaded from the shipped taxonomies (kind = the list).
CREATE TABLE reference_item (
  kind text NOT NULL,
  code text NOT NULL,
  name_ar text NOT NULL,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}'::jsonb,
  sort_order int NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (kind, code)
);

-- بطاقة التبليغ: the report that opens a child's path.
CREATE TABLE report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_code text NOT NULL REFERENCES territory(code),
  source_code text NOT NULL,
  received_at timestamptz NOT NULL,
  commune_id uuid REFERENCES commune(id),
  urgency text NOT NULL CHECK (urgency IN ('normal', 'urgent', 'immediate')),
  harm_forms text[] NOT NULL DEFAULT '{}',
  reporter_anonymous boolean NOT NULL DEFAULT false,
  -- {name, phone, relation, institution}: confidential, encrypted.
  reporter_enc text,
  -- {address, facts}: free text may name people, so it is encrypted too.
  details_enc text NOT NULL,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'triaged', 'closed')),
  closed_reason text,
  triaged_at timestamptz,
  triaged_by uuid REFERENCES app_user(id),
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_by_institution uuid REFERENCES institution(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 0
);
-- The triage queue: new reports of a territory, the most urgent and oldest first.
CREATE INDEX report_triage_idx ON report (territory_code, status, urgency, received_at);
CREATE INDEX report_created_by_idx ON report (created_by, created_at DESC);

-- Children's register. Only the pseudonymous code, sex, birth year and territory are in clear.
CREATE TABLE child (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  territory_code text NOT NULL REFERENCES territory(code),
  sex text NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
  -- The year alone, for age bands and statistics; the full date is in the identity.
  birth_year int CHECK (birth_year BETWEEN 1990 AND 2100),
  birth_date_estimated boolean NOT NULL DEFAULT false,
  identity_enc text NOT NULL,
  merged_into uuid REFERENCES child(id),
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 0
);
CREATE INDEX child_territory_idx ON child (territory_code, created_at DESC);

-- Blind indexes of a child's identity: HMAC keys of normalised name tokens, skeletons, birth date,
-- parents' names, phone numbers. Search answers from here without decrypting the child table.
CREATE TABLE child_search_key (
  key text NOT NULL,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  field text NOT NULL,
  PRIMARY KEY (key, child_id, field)
);
CREATE INDEX child_search_key_child_idx ON child_search_key (child_id);

-- Sequences of the pseudonymous codes, per territory and year (TNG-2026-00042).
CREATE TABLE child_code_sequence (
  territory_code text NOT NULL REFERENCES territory(code),
  year int NOT NULL,
  last_value int NOT NULL,
  PRIMARY KEY (territory_code, year)
);

CREATE TABLE report_child (
  report_id uuid NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  position int NOT NULL,
  -- {firstName, lastName, approximateAge, sex, notes} as the reporter gave them: encrypted.
  description_enc text NOT NULL,
  sex text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'unknown')),
  child_id uuid REFERENCES child(id),
  case_id uuid,
  PRIMARY KEY (report_id, position)
);
CREATE INDEX report_child_child_idx ON report_child (child_id);

-- A case: one child's path through the circuit (a child may have several over time).
CREATE TABLE protection_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id),
  territory_code text NOT NULL REFERENCES territory(code),
  stage text NOT NULL,
  assigned_worker_id uuid REFERENCES app_user(id),
  situations text[] NOT NULL DEFAULT '{}',
  harm_forms text[] NOT NULL DEFAULT '{}',
  danger_level text,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  closure_reason text,
  -- A social worker's request to close, waiting for the coordinator: {reason, note, by, at}.
  closure_request jsonb,
  next_follow_up_on date,
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES app_user(id),
  version int NOT NULL DEFAULT 0
);
ALTER TABLE report_child ADD FOREIGN KEY (case_id) REFERENCES protection_case(id);
-- Caseload lists: by territory and stage, by worker, by danger level; overdue follow-ups.
CREATE INDEX case_territory_stage_idx ON protection_case (territory_code, stage, last_activity_at DESC);
CREATE INDEX case_worker_idx ON protection_case (assigned_worker_id, stage, last_activity_at DESC);
CREATE INDEX case_danger_idx ON protection_case (territory_code, danger_level) WHERE closed_at IS NULL;
CREATE INDEX case_follow_up_due_idx ON protection_case (territory_code, next_follow_up_on) WHERE closed_at IS NULL;
CREATE INDEX case_child_idx ON protection_case (child_id);

CREATE TABLE case_transition (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES protection_case(id),
  from_stage text,
  to_stage text NOT NULL,
  reason_enc text,
  closure_reason text,
  approved_by uuid REFERENCES app_user(id),
  actor_id uuid NOT NULL REFERENCES app_user(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_transition_case_idx ON case_transition (case_id, at);

CREATE TABLE case_assignment (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES protection_case(id),
  worker_id uuid REFERENCES app_user(id),
  actor_id uuid NOT NULL REFERENCES app_user(id),
  at timestamptz NOT NULL DEFAULT now()
);

-- Versions of the danger-assessment instrument; exactly one is active.
CREATE TABLE assessment_instrument (
  version text PRIMARY KEY,
  document jsonb NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT false,
  loaded_by uuid REFERENCES app_user(id),
  loaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX assessment_instrument_one_active ON assessment_instrument (active) WHERE active;

CREATE TABLE assessment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES protection_case(id),
  territory_code text NOT NULL,
  instrument_version text NOT NULL REFERENCES assessment_instrument(version),
  answers jsonb NOT NULL,
  red_flags text[] NOT NULL DEFAULT '{}',
  result jsonb NOT NULL,
  danger_level text NOT NULL,
  proposed_orientation text NOT NULL,
  confirmed_orientation text NOT NULL,
  override_justification_enc text,
  assessed_by uuid NOT NULL REFERENCES app_user(id),
  assessed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_case_idx ON assessment (case_id, assessed_at);

-- The provincial protocol: stage × form of harm × situation → recommended service, sector, delay.
CREATE TABLE protocol_rule (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_code text REFERENCES territory(code),
  stage text NOT NULL,
  harm_form text,
  situation text,
  service_code text NOT NULL,
  sector_code text NOT NULL REFERENCES sector(code),
  max_delay_days int NOT NULL CHECK (max_delay_days > 0)
);
CREATE INDEX protocol_rule_stage_idx ON protocol_rule (stage);

CREATE TABLE plan_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES protection_case(id),
  territory_code text NOT NULL,
  stage text NOT NULL,
  need_enc text,
  service_code text NOT NULL,
  sector_code text NOT NULL REFERENCES sector(code),
  institution_id uuid REFERENCES institution(id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'requested', 'in_progress', 'delivered', 'not_delivered')),
  not_delivered_reason text,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 0
);
CREATE INDEX plan_item_case_idx ON plan_item (case_id);
CREATE INDEX plan_item_open_due_idx ON plan_item (territory_code, due_on)
  WHERE status IN ('planned', 'requested', 'in_progress');

-- The child's three files: judicial, medical and psychological, social. Notes and documents.
CREATE TABLE case_record (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES protection_case(id),
  territory_code text NOT NULL,
  file text NOT NULL CHECK (file IN ('judicial', 'medical', 'social')),
  kind text NOT NULL CHECK (kind IN ('note', 'document')),
  document_type text,
  title_enc text NOT NULL,
  body_enc text,
  storage_key text,
  content_type text,
  size_bytes int,
  sha256 text,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_record_case_idx ON case_record (case_id, file, created_at);

-- بطاقة التتبع
CREATE TABLE follow_up (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES protection_case(id),
  territory_code text NOT NULL,
  contact_type text NOT NULL CHECK (contact_type IN ('home_visit', 'interview', 'phone_call', 'school_visit', 'other')),
  contact_at timestamptz NOT NULL,
  -- {observations, childViews, nextSteps}: the child's own words are required.
  content_enc text NOT NULL,
  next_follow_up_on date,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_up_case_idx ON follow_up (case_id, contact_at);

-- بطاقة التقييم
CREATE TABLE evaluation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES protection_case(id),
  territory_code text NOT NULL,
  baseline_assessment_id uuid REFERENCES assessment(id),
  current_assessment_id uuid REFERENCES assessment(id),
  comparison jsonb NOT NULL,
  services_effect_enc text,
  recommendation text NOT NULL CHECK (recommendation IN ('continue', 'adjust_plan', 'close')),
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluation_case_idx ON evaluation (case_id, created_at);

-- Every view of a child's identity, a file or a document (law 09-08: who saw what, when).
CREATE TABLE access_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid NOT NULL REFERENCES app_user(id),
  child_id uuid REFERENCES child(id),
  case_id uuid REFERENCES protection_case(id),
  territory_code text,
  what text NOT NULL,
  target_id text,
  ip text
);
CREATE INDEX access_log_child_idx ON access_log (child_id, at DESC);
CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
