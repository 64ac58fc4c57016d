-- A territory's protocol is replaced as a whole set of rules, so two coordinators editing it at once
-- silently overwrote each other. Its version cannot live on the rules (a territory that returned to
-- the national default has none, and its next edit must still be checked), so it lives here: one row
-- per territory whose set was ever replaced, NULL for the national default. No row means version 0.
CREATE TABLE protocol (
  territory_code text REFERENCES territory(code),
  version int NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT protocol_territory_key UNIQUE NULLS NOT DISTINCT (territory_code)
);
