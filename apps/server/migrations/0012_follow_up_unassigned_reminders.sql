-- Overdue follow-ups of cases that no worker holds (issue 4, §7): the daily reminder told each
-- caseworker of their own overdue cases, and nobody of a case without a worker — a child could wait
-- unseen. The territory's CAPE coordinators now get one summary a day of those cases.
--
-- One row per coordinator: the last such notice sent, claimed exactly as follow_up_reminder (0008)
-- claims a worker's day (INSERT … ON CONFLICT DO UPDATE … WHERE reminded_on < today), so a second
-- run the same day, on this instance or another, sends nothing, and nothing is repeated while no
-- new case is waiting. A table of its own: a coordinator who also holds cases gets both notices.
CREATE TABLE follow_up_unassigned_reminder (
  coordinator_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  -- The territory whose cases were counted (a coordinator moved elsewhere starts afresh).
  territory_code text NOT NULL REFERENCES territory(code),
  reminded_on date NOT NULL,
  case_ids uuid[] NOT NULL,
  -- The latest follow-up date among them: a case due on or after reminded_on is newly overdue.
  latest_due_on date NOT NULL,
  overdue int NOT NULL,
  most_days_overdue int NOT NULL
);

-- The coordinator's list the notice leads to (a territory's open cases without a worker, by
-- follow-up date), and the job's national count: few rows, read without touching assigned cases.
CREATE INDEX IF NOT EXISTS case_unassigned_follow_up_idx
  ON protection_case (territory_code, next_follow_up_on) WHERE closed_at IS NULL AND assigned_worker_id IS NULL;
