-- National scale (issue 5, §4): every list, search and inbox is served by an index that matches
-- both its filter and its order, so that a page reads its 50 rows and stops, however many cases,
-- cards and log lines the country holds. apps/server/test/query-plans.test.ts checks the plans of
-- the queries the repositories send against about 100k seeded rows; it fails on any whole-table scan.
--
-- Plain CREATE INDEX (migrations run in a transaction): on an existing national database, build
-- them first by hand with CREATE INDEX CONCURRENTLY under the same names (see docs/scaling.md);
-- IF NOT EXISTS then makes this migration a no-op.

-- Caseload lists of a CAPE: a territory's cases by last activity (the default order), open ones or
-- all, and by opening date; the stage filter keeps case_territory_stage_idx (0002).
CREATE INDEX IF NOT EXISTS case_territory_activity_idx
  ON protection_case (territory_code, last_activity_at DESC, id);
CREATE INDEX IF NOT EXISTS case_territory_opened_idx
  ON protection_case (territory_code, opened_at DESC, id);
-- Sorted by danger (most severe first): the expression is the one of listCases
-- (cases/repository.ts), character for character, or the planner cannot use the index.
CREATE INDEX IF NOT EXISTS case_territory_danger_idx
  ON protection_case (territory_code,
    (CASE danger_level WHEN 'grave_imminent_danger' THEN 0 WHEN 'danger' THEN 1 WHEN 'risk' THEN 2 WHEN 'no_danger' THEN 3 ELSE 4 END),
    last_activity_at DESC, id)
  WHERE closed_at IS NULL;
-- Closure requests waiting for the coordinator: a handful per territory, found without a scan.
CREATE INDEX IF NOT EXISTS case_awaiting_closure_idx
  ON protection_case (territory_code, last_activity_at DESC) WHERE closure_request IS NOT NULL AND closed_at IS NULL;
-- The daily follow-up reminder counts overdue open cases of every territory at once.
CREATE INDEX IF NOT EXISTS case_follow_up_overdue_idx
  ON protection_case (next_follow_up_on) WHERE closed_at IS NULL AND stage <> 'closed';

-- A child's profile (what lists show and filter on) without its wide identity envelope: lists
-- that join cases to their child, or filter them by sex and age, read it from the index alone.
CREATE INDEX IF NOT EXISTS child_profile_idx
  ON child (id) INCLUDE (code, sex, birth_year, territory_code, merged_into);

-- Overdue services of a case (the caseload's "overdue services" view, the open-services count
-- before closure): the open items of one case by due date.
CREATE INDEX IF NOT EXISTS plan_item_open_case_idx
  ON plan_item (case_id, due_on) WHERE status IN ('planned', 'requested', 'in_progress');

-- Reports of a territory newest first, and a reporter's own reports (they are listed by
-- received_at, not created_at: the old index could filter but not order).
CREATE INDEX IF NOT EXISTS report_territory_received_idx ON report (territory_code, received_at DESC);
CREATE INDEX IF NOT EXISTS report_created_by_received_idx ON report (created_by, received_at DESC);
DROP INDEX IF EXISTS report_created_by_idx;

-- The partner's inbox and the CAPE's outbox in the order they are shown: open cards first, the
-- most pressing due date first, then the newest. The expression is the one of listCards
-- (referrals/repository.ts), character for character, or the planner cannot use the index.
-- Filters by status keep referral_card_inbox_idx and referral_card_outbox_idx (0004).
CREATE INDEX IF NOT EXISTS referral_card_inbox_order_idx
  ON referral_card (receiving_institution_id,
    (CASE WHEN status IN ('sent', 'received', 'in_progress') THEN 0 ELSE 1 END), due_on, created_at DESC, id)
  WHERE status <> 'draft';
CREATE INDEX IF NOT EXISTS referral_card_outbox_order_idx
  ON referral_card (territory_code,
    (CASE WHEN status IN ('sent', 'received', 'in_progress') THEN 0 ELSE 1 END), due_on, created_at DESC, id);

-- The log of views of children's data, newest first: nationally, per province, per user, per
-- kind of view (access_log_child_idx of 0002 serves one child).
CREATE INDEX IF NOT EXISTS access_log_at_idx ON access_log (at DESC, id DESC);
CREATE INDEX IF NOT EXISTS access_log_territory_at_idx ON access_log (territory_code, at DESC, id DESC);
CREATE INDEX IF NOT EXISTS access_log_user_at_idx ON access_log (user_id, at DESC);
CREATE INDEX IF NOT EXISTS access_log_what_at_idx ON access_log (what, at DESC);
