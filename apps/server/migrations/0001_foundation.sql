-- Foundation: territories, sectors, institutions, accounts, sessions and the security audit log.

CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE region (
  code text PRIMARY KEY,
  name_ar text NOT NULL,
  name_fr text NOT NULL
);

-- Prefectures and provinces (and Casablanca's prefectures of arrondissements): the unit of a DTIPE.
CREATE TABLE territory (
  code text PRIMARY KEY,
  region_code text NOT NULL REFERENCES region(code),
  kind text NOT NULL,
  name_ar text NOT NULL,
  name_fr text NOT NULL,
  hcp_code text,
  pilot boolean NOT NULL DEFAULT false,
  parent_code text REFERENCES territory(code),
  -- Prefix of the children's pseudonymous codes (e.g. TNG-2026-00042); unique so codes never clash.
  case_code_prefix text NOT NULL UNIQUE
);

CREATE TABLE commune (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_code text NOT NULL REFERENCES territory(code),
  name_ar text NOT NULL,
  name_fr text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (territory_code, name_fr)
);

CREATE TABLE sector (
  code text PRIMARY KEY,
  name_ar text NOT NULL,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  sort_order int NOT NULL DEFAULT 0
);

-- A DTIPE (integrated territorial child-protection mechanism) attached to one territory.
CREATE TABLE dtipe (
  territory_code text PRIMARY KEY REFERENCES territory(code),
  established_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE institution (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name_ar text NOT NULL,
  name_fr text NOT NULL,
  sector_code text NOT NULL REFERENCES sector(code),
  type text NOT NULL,
  territory_code text NOT NULL REFERENCES territory(code),
  active boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX institution_territory_idx ON institution (territory_code, sector_code);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  login text NOT NULL UNIQUE CHECK (login = lower(login)),
  full_name text NOT NULL,
  email text,
  phone text,
  institution_id uuid REFERENCES institution(id),
  territory_code text REFERENCES territory(code),
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  preferred_language text NOT NULL DEFAULT 'ar' CHECK (preferred_language IN ('ar', 'fr', 'en')),
  active boolean NOT NULL DEFAULT true,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  password_changed_at timestamptz,
  failed_login_count int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  -- The TOTP secret is encrypted with the key ring like any other secret.
  totp_secret_enc text,
  totp_pending_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_last_step bigint,
  last_login_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  version int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_territory_idx ON app_user (territory_code);
CREATE INDEX app_user_institution_idx ON app_user (institution_id);

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
CREATE TABLE session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  mfa_verified boolean NOT NULL DEFAULT false,
  ip text,
  user_agent text
);
CREATE INDEX session_user_idx ON session (user_id);
CREATE INDEX session_expires_idx ON session (expires_at);

-- Append-only security audit log.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  event text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
  actor_user_id uuid,
  actor_login text,
  target_type text,
  target_id text,
  territory_code text,
  ip text,
  user_agent text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_event_idx ON audit_log (event, at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_login, at DESC);
CREATE INDEX audit_log_territory_idx ON audit_log (territory_code, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
