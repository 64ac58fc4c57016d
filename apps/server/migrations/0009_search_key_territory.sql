-- Name search at national scale: a caseworker searches the children of their own province, but the
-- blind-index keys had no territory, so a common name ("Mohamed", "Fatima") matched every child of
-- the country before the territory was filtered through `child`. Each key now carries its child's
-- territory (moved with the child on a transfer), and the primary key starts with it: one index
-- serves the lookup (territory, field, key) and uniqueness (a child's territory is one value, so the
-- old key's uniqueness is kept), instead of two indexes over tens of millions of rows.
ALTER TABLE child_search_key ADD COLUMN territory_code text;
UPDATE child_search_key k SET territory_code = c.territory_code FROM child c WHERE c.id = k.child_id;
ALTER TABLE child_search_key
  ALTER COLUMN territory_code SET NOT NULL,
  ADD CONSTRAINT child_search_key_territory_fk FOREIGN KEY (territory_code) REFERENCES territory(code),
  DROP CONSTRAINT child_search_key_pkey,
  ADD CONSTRAINT child_search_key_pkey PRIMARY KEY (territory_code, field, key, child_id);
