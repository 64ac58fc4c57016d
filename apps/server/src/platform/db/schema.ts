import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables; kept beside the SQL migrations it mirrors. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RegionTable {
  code: string;
  name_ar: string;
  name_fr: string;
}
export interface TerritoryTable {
  code: string;
  region_code: string;
  kind: string;
  name_ar: string;
  name_fr: string;
  hcp_code: string | null;
  pilot: Generated<boolean>;
  parent_code: string | null;
  case_code_prefix: string;
}
export interface CommuneTable {
  id: Generated<string>;
  territory_code: string;
  name_ar: string;
  name_fr: string;
  created_at: Generated<Date>;
}
export interface SectorTable {
  code: string;
  name_ar: string;
  name_fr: string;
  name_en: string;
  sort_order: Generated<number>;
}
export interface DtipeTable {
  territory_code: string;
  established_on: string | null;
  created_at: Generated<Date>;
}
export interface InstitutionTable {
  id: Generated<string>;
  name_ar: string;
  name_fr: string;
  sector_code: string;
  type: string;
  territory_code: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface AppUserTable {
  id: Generated<string>;
  login: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  institution_id: string | null;
  territory_code: string | null;
  roles: string[];
  preferred_language: Generated<string>;
  active: Generated<boolean>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp | null;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  totp_secret_enc: string | null;
  totp_pending_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: ColumnType<string | null, number | string | null, number | string | null>;
  last_login_at: Timestamp | null;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  mfa_verified: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
}
export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  event: string;
  outcome: 'success' | 'failure';
  actor_user_id: string | null;
  actor_login: string | null;
  target_type: string | null;
  target_id: string | null;
  territory_code: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface Database {
  region: RegionTable;
  territory: TerritoryTable;
  commune: CommuneTable;
  sector: SectorTable;
  dtipe: DtipeTable;
  institution: InstitutionTable;
  app_user: AppUserTable;
  session: SessionTable;
  audit_log: AuditLogTable;
}
