-- The daily reminder of overdue follow-ups (issue 4, §6–7): one notice a day at most per caseworker,
-- summing up how many of their cases wait for a follow-up and for how long, never one per case.
--
-- One row per caseworker: the last notice sent. The job claims a worker's day by writing it in the
-- same statement that decides to notify (INSERT … ON CONFLICT DO UPDATE … WHERE reminded_on < today),
-- so a second run the same day, on this instance or another, sends nothing. The overdue cases the
-- notice counted (ids only) let the next day's run stay silent while nothing new is overdue.
CREATE TABLE follow_up_reminder (
  worker_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  reminded_on date NOT NULL,
  case_ids uuid[] NOT NULL,
  -- The latest follow-up date among them: a case due on or after reminded_on is newly overdue.
  latest_due_on date NOT NULL,
  overdue int NOT NULL,
  most_days_overdue int NOT NULL
);
