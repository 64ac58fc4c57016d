/**
 * The rows a batch of synthetic children produces, table by table, before encryption: encrypted
 * columns hold a `Sealed` (the plain text and the additional data the application binds it with),
 * sequence-numbered codes a `Numbered` (filled in at load time, in order, like the application's
 * sequences). Columns are listed in the order of the COPY statements.
 */

export class Sealed {
  constructor(
    readonly plain: string,
    readonly aad: string,
  ) {}
}

/** A code whose number comes from a per-(territory, year) sequence: `${prefix}${00042}`. */
export class Numbered {
  constructor(
    /** Everything before the number, e.g. `RC-TNG-2026-`. */
    readonly prefix: string,
    /** The sequence it draws from: `${territory}|${year}`. */
    readonly sequence: string,
  ) {}
}

/** A jsonb value. */
export class Json {
  constructor(readonly value: unknown) {}
}

export type Cell = string | number | boolean | null | readonly string[] | Sealed | Numbered | Json;
export type Row = Cell[];

export const TABLES = {
  report: [
    'id',
    'territory_code',
    'source_code',
    'received_at',
    'commune_id',
    'urgency',
    'harm_forms',
    'reporter_anonymous',
    'reporter_enc',
    'details_enc',
    'status',
    'closed_reason',
    'triaged_at',
    'triaged_by',
    'created_by',
    'created_by_institution',
    'created_at',
    'version',
  ],
  child: [
    'id',
    'code',
    'territory_code',
    'sex',
    'birth_year',
    'birth_date_estimated',
    'identity_enc',
    'created_by',
    'created_at',
    'updated_at',
    'version',
  ],
  child_search_key: ['key', 'child_id', 'field', 'territory_code'],
  protection_case: [
    'id',
    'child_id',
    'territory_code',
    'stage',
    'assigned_worker_id',
    'situations',
    'harm_forms',
    'danger_level',
    'opened_at',
    'closed_at',
    'closure_reason',
    'closure_request',
    'next_follow_up_on',
    'last_activity_at',
    'created_by',
    'version',
    // Copied from the child by a trigger (migration 0011), which a bulk load switches off.
    'child_sex',
    'child_birth_year',
  ],
  report_child: ['report_id', 'position', 'description_enc', 'sex', 'child_id', 'case_id'],
  case_transition: [
    'case_id',
    'from_stage',
    'to_stage',
    'reason_enc',
    'closure_reason',
    'approved_by',
    'actor_id',
    'at',
  ],
  case_assignment: ['case_id', 'worker_id', 'actor_id', 'at'],
  assessment: [
    'id',
    'case_id',
    'territory_code',
    'instrument_version',
    'answers',
    'red_flags',
    'result',
    'danger_level',
    'proposed_orientation',
    'confirmed_orientation',
    'override_justification_enc',
    'assessed_by',
    'assessed_at',
  ],
  plan_item: [
    'id',
    'case_id',
    'territory_code',
    'stage',
    'need_enc',
    'service_code',
    'sector_code',
    'institution_id',
    'due_on',
    'status',
    'not_delivered_reason',
    'created_by',
    'created_at',
    'updated_at',
    'version',
  ],
  evaluation: [
    'id',
    'case_id',
    'territory_code',
    'baseline_assessment_id',
    'current_assessment_id',
    'comparison',
    'services_effect_enc',
    'recommendation',
    'created_by',
    'created_at',
  ],
  follow_up: [
    'id',
    'case_id',
    'territory_code',
    'contact_type',
    'contact_at',
    'content_enc',
    'next_follow_up_on',
    'created_by',
    'created_at',
  ],
  referral_card: [
    'id',
    'number',
    'case_id',
    'plan_item_id',
    'territory_code',
    'sender_institution_id',
    'sender_user_id',
    'receiving_institution_id',
    'service_code',
    'urgency',
    'due_on',
    'status',
    'shared_sections',
    'share_identity',
    'note_enc',
    'measures_enc',
    'decline_reason_enc',
    'created_at',
    'updated_at',
    'sent_at',
    'sent_by',
    'received_at',
    'received_by',
    'started_at',
    'started_by',
    'completed_at',
    'completed_by',
    'declined_at',
    'declined_by',
    'cancelled_at',
    'cancelled_by',
    'overdue_notified_at',
    'escalated_at',
    'version',
  ],
  referral_message: [
    'id',
    'card_id',
    'case_id',
    'territory_code',
    'author_id',
    'side',
    'body_enc',
    'created_at',
  ],
  case_transfer: [
    'id',
    'case_id',
    'from_territory',
    'to_territory',
    'status',
    'reason_enc',
    'decision_note_enc',
    'requested_by',
    'requested_at',
    'decided_by',
    'decided_at',
    'version',
  ],
} as const satisfies Record<string, readonly string[]>;

export type TableName = keyof typeof TABLES;

/** Load order: every row's references are loaded before it (foreign keys hold at each COPY). */
export const TABLE_ORDER: readonly TableName[] = [
  'report',
  'child',
  'child_search_key',
  'protection_case',
  'report_child',
  'case_transition',
  'case_assignment',
  'assessment',
  'plan_item',
  'evaluation',
  'follow_up',
  'referral_card',
  'referral_message',
  'case_transfer',
];

export type BatchRows = { [T in TableName]: Row[] };

export function emptyBatch(): BatchRows {
  return Object.fromEntries(TABLE_ORDER.map((t) => [t, []])) as unknown as BatchRows;
}
