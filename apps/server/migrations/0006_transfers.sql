-- Between provinces (issue 4, §8): a case handed over to the DTIPE of another province.
--
-- The request is the history of the move: requested → accepted | declined | cancelled, each step
-- attributed and timestamped, nothing deleted. On acceptance the case, its child and every row of
-- the case's file take the receiving territory_code (access follows territory_code), while the
-- access_log keeps the territory each view was made in and the report stays with the CAPE that
-- received it.
CREATE TABLE case_transfer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES protection_case(id),
  from_territory text NOT NULL REFERENCES territory(code),
  to_territory text NOT NULL REFERENCES territory(code),
  status text NOT NULL DEFAULT 'requested'
    CHECK (status IN ('requested', 'accepted', 'declined', 'cancelled')),
  -- Why the child moves: free text that may name people, so encrypted.
  reason_enc text NOT NULL,
  -- The receiving coordinator's answer (required to decline), encrypted too.
  decision_note_enc text,
  requested_by uuid NOT NULL REFERENCES app_user(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  -- Who closed the request: the receiving coordinator (accepted, declined) or the sender (cancelled).
  decided_by uuid REFERENCES app_user(id),
  decided_at timestamptz,
  version int NOT NULL DEFAULT 0,
  CHECK (from_territory <> to_territory),
  CHECK ((status = 'requested') = (decided_at IS NULL))
);
-- One open request per case, also when two coordinators click at the same moment.
CREATE UNIQUE INDEX case_transfer_one_open_idx ON case_transfer (case_id) WHERE status = 'requested';
-- The coordinators' lists: incoming and outgoing requests of a territory, newest first.
CREATE INDEX case_transfer_incoming_idx ON case_transfer (to_territory, status, requested_at DESC);
CREATE INDEX case_transfer_outgoing_idx ON case_transfer (from_territory, status, requested_at DESC);
CREATE INDEX case_transfer_case_idx ON case_transfer (case_id, requested_at);
