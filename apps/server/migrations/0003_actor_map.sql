-- The actor map (خارطة الفاعلين): how to reach an institution, what it offers, who to call there.
-- Directory data about services and professionals, never about children: kept in clear, the public
-- directory shows all of it but the contact points.

ALTER TABLE institution
  ADD COLUMN address text,
  ADD COLUMN commune_id uuid REFERENCES commune(id),
  -- Morocco with its southern provinces (Lagouira is near 20.8°N, the Oriental's edge near 1°W).
  ADD COLUMN latitude double precision CHECK (latitude BETWEEN 20.5 AND 36),
  ADD COLUMN longitude double precision CHECK (longitude BETWEEN -17.5 AND -0.9),
  ADD COLUMN opening_hours text,
  ADD COLUMN phone text,
  ADD COLUMN fax text,
  ADD COLUMN email text,
  ADD COLUMN website text,
  ADD CONSTRAINT institution_coordinates_pair CHECK ((latitude IS NULL) = (longitude IS NULL));

-- Services of the basket (taxonomies.json service_basket) an institution offers: what orientation
-- "according to the map of actors" and the coverage of a territory are computed from.
CREATE TABLE institution_service (
  institution_id uuid NOT NULL REFERENCES institution(id) ON DELETE CASCADE,
  service_code text NOT NULL,
  PRIMARY KEY (institution_id, service_code)
);
CREATE INDEX institution_service_code_idx ON institution_service (service_code);

-- نقاط الاتصال: the people to call at an institution, linked to their account when they have one.
CREATE TABLE institution_contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institution(id) ON DELETE CASCADE,
  name text NOT NULL,
  title text,
  phone text,
  email text,
  user_id uuid REFERENCES app_user(id),
  version int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX institution_contact_institution_idx ON institution_contact (institution_id);
CREATE UNIQUE INDEX institution_contact_user_idx ON institution_contact (institution_id, user_id)
  WHERE user_id IS NOT NULL;
