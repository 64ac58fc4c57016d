-- Name search at national scale: a caseworker searches the children of their own province, but the
-- blind-index keys had no territory, so a common name ("Mohamed", "Fatima") matched every child of
-- the country before the territory was filtered through `child`. Each key now carries its child's
-- territory (moved with the child on a transfer) and the lookup index starts with it.
ALTER TABLE child_search_key ADD COLUMN territory_code text;
UPDATE child_search_key k SET territory_code = c.territory_code FROM child c WHERE c.id = k.child_id;
ALTER TABLE child_search_key
  ALTER COLUMN territory_code SET NOT NULL,
  ADD CONSTRAINT child_search_key_territory_fk FOREIGN KEY (territory_code) REFERENCES territory(code);
CREATE INDEX child_search_key_territory_idx ON child_search_key (territory_code, field, key, child_id);
