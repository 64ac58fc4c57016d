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
  // The actor map (0003_actor_map.sql).
  address: ColumnType<string | null, string | null | undefined, string | null>;
  commune_id: ColumnType<string | null, string | null | undefined, string | null>;
  latitude: ColumnType<number | null, number | null | undefined, number | null>;
  longitude: ColumnType<number | null, number | null | undefined, number | null>;
  opening_hours: ColumnType<string | null, string | null | undefined, string | null>;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  fax: ColumnType<string | null, string | null | undefined, string | null>;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  website: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface InstitutionServiceTable {
  institution_id: string;
  service_code: string;
}
export interface InstitutionContactTable {
  id: Generated<string>;
  institution_id: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  user_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
// Merged into `Database` below: kept beside the institution so the actor map is one block.
export interface Database {
  institution_service: InstitutionServiceTable;
  institution_contact: InstitutionContactTable;
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

type Json<T = Record<string, unknown>> = ColumnType<T, string, string>;

export interface ReferenceItemTable {
  kind: string;
  code: string;
  name_ar: string;
  name_fr: string;
  name_en: string;
  extra: Json;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}
export interface ReportTable {
  id: Generated<string>;
  territory_code: string;
  source_code: string;
  received_at: Timestamp;
  commune_id: string | null;
  urgency: 'normal' | 'urgent' | 'immediate';
  harm_forms: string[];
  reporter_anonymous: Generated<boolean>;
  reporter_enc: string | null;
  details_enc: string;
  status: Generated<'new' | 'triaged' | 'closed'>;
  closed_reason: string | null;
  triaged_at: Timestamp | null;
  triaged_by: string | null;
  created_by: string;
  created_by_institution: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}
export interface ChildTable {
  id: Generated<string>;
  code: string;
  territory_code: string;
  sex: 'female' | 'male' | 'unknown';
  birth_year: number | null;
  birth_date_estimated: Generated<boolean>;
  identity_enc: string;
  merged_into: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
export interface ChildSearchKeyTable {
  key: string;
  child_id: string;
  field: string;
  /** The child's territory, copied so that a search never leaves the province's keys. */
  territory_code: string;
}
export interface ChildCodeSequenceTable {
  territory_code: string;
  year: number;
  last_value: number;
}
export interface ReportChildTable {
  report_id: string;
  position: number;
  description_enc: string;
  sex: Generated<'female' | 'male' | 'unknown'>;
  child_id: string | null;
  case_id: string | null;
}
export interface ProtectionCaseTable {
  id: Generated<string>;
  child_id: string;
  territory_code: string;
  stage: string;
  assigned_worker_id: string | null;
  situations: Generated<string[]>;
  harm_forms: Generated<string[]>;
  danger_level: string | null;
  opened_at: Generated<Date>;
  closed_at: Timestamp | null;
  closure_reason: string | null;
  closure_request: ColumnType<
    { reason: string; note: string | null; by: string; at: string; openServices: number } | null,
    string | null,
    string | null
  >;
  next_follow_up_on: ColumnType<string | null, string | null, string | null>;
  last_activity_at: Generated<Date>;
  created_by: string;
  version: Generated<number>;
  /** The child's sex and birth year, copied by the database for caseload filters (migration 0011). */
  child_sex: ColumnType<'female' | 'male' | 'unknown', never, never>;
  child_birth_year: ColumnType<number | null, never, never>;
}
export interface CaseTransitionTable {
  id: Generated<string>;
  case_id: string;
  from_stage: string | null;
  to_stage: string;
  reason_enc: string | null;
  closure_reason: string | null;
  approved_by: string | null;
  actor_id: string;
  at: Generated<Date>;
}
export interface CaseAssignmentTable {
  id: Generated<string>;
  case_id: string;
  worker_id: string | null;
  actor_id: string;
  at: Generated<Date>;
}
export interface AssessmentInstrumentTable {
  version: string;
  document: Json;
  is_default: Generated<boolean>;
  active: Generated<boolean>;
  loaded_by: string | null;
  loaded_at: Generated<Date>;
}
export interface AssessmentTable {
  id: Generated<string>;
  case_id: string;
  territory_code: string;
  instrument_version: string;
  answers: Json<Record<string, number>>;
  red_flags: string[];
  result: Json;
  danger_level: string;
  proposed_orientation: string;
  confirmed_orientation: string;
  override_justification_enc: string | null;
  assessed_by: string;
  assessed_at: Generated<Date>;
}
export interface ProtocolRuleTable {
  id: Generated<string>;
  territory_code: string | null;
  stage: string;
  harm_form: string | null;
  situation: string | null;
  service_code: string;
  sector_code: string;
  max_delay_days: number;
}
/** The version of a territory's protocol as a whole (NULL territory: the national default). */
export interface ProtocolTable {
  territory_code: string | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}
export interface PlanItemTable {
  id: Generated<string>;
  case_id: string;
  territory_code: string;
  stage: string;
  need_enc: string | null;
  service_code: string;
  sector_code: string;
  institution_id: string | null;
  due_on: ColumnType<string, string, string>;
  status: Generated<'planned' | 'requested' | 'in_progress' | 'delivered' | 'not_delivered'>;
  not_delivered_reason: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
export interface CaseRecordTable {
  id: Generated<string>;
  case_id: string;
  territory_code: string;
  file: 'judicial' | 'medical' | 'social';
  kind: 'note' | 'document';
  document_type: string | null;
  title_enc: string;
  body_enc: string | null;
  storage_key: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  created_by: string;
  created_at: Generated<Date>;
}
export interface FollowUpTable {
  id: Generated<string>;
  case_id: string;
  territory_code: string;
  contact_type: 'home_visit' | 'interview' | 'phone_call' | 'school_visit' | 'other';
  contact_at: Timestamp;
  content_enc: string;
  next_follow_up_on: ColumnType<string | null, string | null, string | null>;
  created_by: string;
  created_at: Generated<Date>;
}
export interface EvaluationTable {
  id: Generated<string>;
  case_id: string;
  territory_code: string;
  baseline_assessment_id: string | null;
  current_assessment_id: string | null;
  comparison: Json;
  services_effect_enc: string | null;
  recommendation: 'continue' | 'adjust_plan' | 'close';
  created_by: string;
  created_at: Generated<Date>;
}
export interface AccessLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  user_id: string;
  child_id: string | null;
  case_id: string | null;
  territory_code: string | null;
  what: string;
  target_id: string | null;
  ip: string | null;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
}
export interface EmailOutboxTable {
  id: Generated<string>;
  user_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  territory_code: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
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
  reference_item: ReferenceItemTable;
  report: ReportTable;
  child: ChildTable;
  child_search_key: ChildSearchKeyTable;
  child_code_sequence: ChildCodeSequenceTable;
  report_child: ReportChildTable;
  protection_case: ProtectionCaseTable;
  case_transition: CaseTransitionTable;
  case_assignment: CaseAssignmentTable;
  assessment_instrument: AssessmentInstrumentTable;
  assessment: AssessmentTable;
  protocol_rule: ProtocolRuleTable;
  protocol: ProtocolTable;
  plan_item: PlanItemTable;
  case_record: CaseRecordTable;
  follow_up: FollowUpTable;
  evaluation: EvaluationTable;
  access_log: AccessLogTable;
  notification: NotificationTable;
  email_outbox: EmailOutboxTable;
  case_transfer: CaseTransferTable;
}

export interface CaseTransferTable {
  id: Generated<string>;
  case_id: string;
  from_territory: string;
  to_territory: string;
  status: Generated<'requested' | 'accepted' | 'declined' | 'cancelled'>;
  reason_enc: string;
  decision_note_enc: string | null;
  requested_by: string;
  requested_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  version: Generated<number>;
}

// Referral cards (0004_referrals.sql), merged into `Database` like the actor map above.
export interface Database {
  referral_card_sequence: ReferralCardSequenceTable;
  referral_card: ReferralCardTable;
  referral_message: ReferralMessageTable;
  referral_attachment: ReferralAttachmentTable;
}
export interface ReferralCardSequenceTable {
  territory_code: string;
  year: number;
  last_value: number;
}
export type ReferralStatus =
  | 'draft'
  | 'sent'
  | 'received'
  | 'in_progress'
  | 'completed'
  | 'declined'
  | 'cancelled';
export interface ReferralCardTable {
  id: Generated<string>;
  number: string;
  case_id: string;
  plan_item_id: string;
  territory_code: string;
  sender_institution_id: string | null;
  sender_user_id: string;
  receiving_institution_id: string;
  service_code: string;
  urgency: 'normal' | 'urgent' | 'immediate';
  due_on: ColumnType<string, string, string>;
  status: Generated<ReferralStatus>;
  shared_sections: string[];
  share_identity: Generated<boolean>;
  note_enc: string | null;
  measures_enc: string | null;
  decline_reason_enc: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  sent_at: Timestamp | null;
  sent_by: string | null;
  received_at: Timestamp | null;
  received_by: string | null;
  started_at: Timestamp | null;
  started_by: string | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  declined_at: Timestamp | null;
  declined_by: string | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  overdue_notified_at: Timestamp | null;
  escalated_at: Timestamp | null;
  version: Generated<number>;
}
export interface ReferralMessageTable {
  id: Generated<string>;
  card_id: string;
  case_id: string;
  territory_code: string;
  author_id: string;
  side: 'sender' | 'receiver';
  body_enc: string;
  created_at: Generated<Date>;
}
export interface ReferralAttachmentTable {
  id: Generated<string>;
  card_id: string;
  case_id: string;
  territory_code: string;
  side: 'sender' | 'receiver';
  document_type: string;
  title_enc: string;
  storage_key: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  created_at: Generated<Date>;
}

// The last overdue follow-up reminder sent to each caseworker (0008_follow_up_reminders.sql).
export interface Database {
  follow_up_reminder: FollowUpReminderTable;
}
export interface FollowUpReminderTable {
  worker_id: string;
  reminded_on: string;
  case_ids: string[];
  latest_due_on: string;
  overdue: number;
  most_days_overdue: number;
}

// The last summary of unassigned overdue follow-ups sent to each CAPE coordinator
// (0012_follow_up_unassigned_reminders.sql).
export interface Database {
  follow_up_unassigned_reminder: FollowUpUnassignedReminderTable;
}
export interface FollowUpUnassignedReminderTable {
  coordinator_id: string;
  territory_code: string;
  reminded_on: string;
  case_ids: string[];
  latest_due_on: string;
  overdue: number;
  most_days_overdue: number;
}
