-- Caseload filters on the child — sex and age band — read from the case itself. Joining every open
-- case of a province to its child only to filter or count them was the slowest caseload query at
-- national scale (bench/results/2026-11-23-1000000.md: 59 ms for "girls aged 12–14" in Marrakech,
-- about a millisecond once the filter is on one indexed table).
--
-- The copy is kept by the database, whatever writes the child or the case: a case takes its child's
-- sex and birth year when it is created or moved to another child (a merge), and a change of the
-- child's sex or birth year reaches all of its cases. Bulk loads that switch triggers off
-- (session_replication_role = replica, the generator) write the same values themselves.

ALTER TABLE protection_case ADD COLUMN child_sex text, ADD COLUMN child_birth_year int;

UPDATE protection_case c
   SET child_sex = ch.sex, child_birth_year = ch.birth_year
  FROM child ch
 WHERE ch.id = c.child_id;

ALTER TABLE protection_case
  ALTER COLUMN child_sex SET NOT NULL,
  ADD CONSTRAINT protection_case_child_sex_check CHECK (child_sex IN ('female', 'male', 'unknown'));

CREATE FUNCTION protection_case_child_profile() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT sex, birth_year INTO NEW.child_sex, NEW.child_birth_year FROM child WHERE id = NEW.child_id;
  RETURN NEW;
END $$;

CREATE TRIGGER protection_case_child_profile
  BEFORE INSERT OR UPDATE OF child_id ON protection_case
  FOR EACH ROW EXECUTE FUNCTION protection_case_child_profile();

CREATE FUNCTION child_profile_to_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE protection_case
     SET child_sex = NEW.sex, child_birth_year = NEW.birth_year
   WHERE child_id = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER child_profile_to_cases
  AFTER UPDATE OF sex, birth_year ON child
  FOR EACH ROW
  WHEN (OLD.sex IS DISTINCT FROM NEW.sex OR OLD.birth_year IS DISTINCT FROM NEW.birth_year)
  EXECUTE FUNCTION child_profile_to_cases();

-- Open cases of a territory by the child's age, then sex: the filter and the bounded count of
-- "girls aged 12–14" or "children under 6" read this index alone.
CREATE INDEX IF NOT EXISTS case_territory_child_age_idx
  ON protection_case (territory_code, child_birth_year, child_sex) WHERE closed_at IS NULL;

-- A social worker's own open cases ("my cases", the coordinator's filter by worker), in the two
-- orders the list offers for them, counted from the index alone; case_worker_idx (0002) starts with
-- the stage and had every open case of the worker sorted for each page.
CREATE INDEX IF NOT EXISTS case_worker_activity_idx
  ON protection_case (territory_code, assigned_worker_id, last_activity_at DESC, id) WHERE closed_at IS NULL;
CREATE INDEX IF NOT EXISTS case_worker_follow_up_idx
  ON protection_case (territory_code, assigned_worker_id, next_follow_up_on) WHERE closed_at IS NULL;
-- Open cases at one stage of the circuit, and their count, without reading closed ones
-- (case_territory_stage_idx of 0002 also holds the closed cases, and the count read every row).
CREATE INDEX IF NOT EXISTS case_territory_open_stage_idx
  ON protection_case (territory_code, stage, last_activity_at DESC, id) WHERE closed_at IS NULL;
-- A worker's cases are all in one territory: without this the planner multiplies the two filters'
-- selectivities, expects a few dozen rows instead of hundreds, and sorts them all before the page.
CREATE STATISTICS IF NOT EXISTS protection_case_worker_territory (dependencies)
  ON assigned_worker_id, territory_code FROM protection_case;
ANALYZE protection_case;

-- Filters by form of harm or situation, and their counts, read the arrays from the index: the
-- bounded count of a rare form of harm walks the territory's open cases, without their rows.
CREATE INDEX IF NOT EXISTS case_territory_open_activity_idx
  ON protection_case (territory_code, last_activity_at DESC, id) INCLUDE (harm_forms, situations)
  WHERE closed_at IS NULL;

-- "Overdue services": the territory's open plan items due before today, with their case, from the
-- index alone (it replaces plan_item_open_due_idx of 0002, which had to read each item's row).
CREATE INDEX IF NOT EXISTS plan_item_open_due_case_idx
  ON plan_item (territory_code, due_on) INCLUDE (case_id)
  WHERE status IN ('planned', 'requested', 'in_progress');
DROP INDEX IF EXISTS plan_item_open_due_idx;
