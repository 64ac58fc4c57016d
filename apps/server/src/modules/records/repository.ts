import type { Insertable } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';
import type { CaseRecordTable } from '../../platform/db/schema';
import type { CaseFile } from '../../policies/cases';

export type RecordRow = NonNullable<Awaited<ReturnType<typeof findRecord>>>;

const recordColumns = [
  'r.id',
  'r.case_id',
  'r.territory_code',
  'r.file',
  'r.kind',
  'r.document_type',
  'r.title_enc',
  'r.body_enc',
  'r.storage_key',
  'r.content_type',
  'r.size_bytes',
  'r.sha256',
  'r.created_by',
  'r.created_at',
  'u.full_name as created_by_name',
] as const;

export async function insertRecord(db: DbOrTx, values: Insertable<CaseRecordTable> & { id: string }) {
  await db.insertInto('case_record').values(values).execute();
  return (await findRecord(db, values.id))!;
}

export function findRecord(db: DbOrTx, id: string) {
  return db
    .selectFrom('case_record as r')
    .innerJoin('app_user as u', 'u.id', 'r.created_by')
    .select(recordColumns)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** The notes and documents of some of a case's files, newest first. */
export function listRecords(db: Db, caseId: string, files: CaseFile[]) {
  if (files.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('case_record as r')
    .innerJoin('app_user as u', 'u.id', 'r.created_by')
    .select(recordColumns)
    .where('r.case_id', '=', caseId)
    .where('r.file', 'in', files)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .execute();
}

// --- The child's path (timeline) --------------------------------------------------------------

export function reportsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('report_child as rc')
    .innerJoin('report as r', 'r.id', 'rc.report_id')
    .innerJoin('app_user as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.received_at', 'r.source_code', 'r.urgency', 'r.harm_forms', 'u.full_name'])
    .where('rc.case_id', '=', caseId)
    .distinct()
    .execute();
}

export function transitionsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('case_transition as t')
    .innerJoin('app_user as u', 'u.id', 't.actor_id')
    .leftJoin('app_user as a', 'a.id', 't.approved_by')
    .select([
      't.id',
      't.at',
      't.from_stage',
      't.to_stage',
      't.reason_enc',
      't.closure_reason',
      'u.full_name',
      'a.full_name as approved_by_name',
    ])
    .where('t.case_id', '=', caseId)
    .orderBy('t.at')
    .orderBy('t.id')
    .execute();
}

export function assessmentsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('assessment as s')
    .innerJoin('app_user as u', 'u.id', 's.assessed_by')
    .select([
      's.id',
      's.assessed_at',
      's.instrument_version',
      's.danger_level',
      's.proposed_orientation',
      's.confirmed_orientation',
      's.result',
      'u.full_name',
    ])
    .where('s.case_id', '=', caseId)
    .orderBy('s.assessed_at')
    .execute();
}

export function planItemsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('plan_item as p')
    .innerJoin('app_user as u', 'u.id', 'p.created_by')
    .select([
      'p.id',
      'p.created_at',
      'p.service_code',
      'p.sector_code',
      'p.status',
      'p.due_on',
      'p.not_delivered_reason',
      'u.full_name',
    ])
    .where('p.case_id', '=', caseId)
    .orderBy('p.created_at')
    .execute();
}

export function followUpsOfCase(db: Db, caseId: string, limit?: number) {
  let q = db
    .selectFrom('follow_up as f')
    .innerJoin('app_user as u', 'u.id', 'f.created_by')
    .select(['f.id', 'f.contact_at', 'f.contact_type', 'f.content_enc', 'f.next_follow_up_on', 'u.full_name'])
    .where('f.case_id', '=', caseId)
    .orderBy('f.contact_at', 'desc');
  if (limit) q = q.limit(limit);
  return q.execute();
}

export function evaluationsOfCase(db: Db, caseId: string, limit?: number) {
  let q = db
    .selectFrom('evaluation as e')
    .innerJoin('app_user as u', 'u.id', 'e.created_by')
    .select([
      'e.id',
      'e.created_at',
      'e.recommendation',
      'e.comparison',
      'e.services_effect_enc',
      'u.full_name',
    ])
    .where('e.case_id', '=', caseId)
    .orderBy('e.created_at', 'desc');
  if (limit) q = q.limit(limit);
  return q.execute();
}

// --- The evaluation report ----------------------------------------------------------------------

export function childOfCase(db: Db, childId: string) {
  return db.selectFrom('child').selectAll().where('id', '=', childId).executeTakeFirstOrThrow();
}

export function territoryNames(db: Db, code: string) {
  return db
    .selectFrom('territory')
    .select(['name_ar', 'name_fr'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function instrumentDocument(db: Db, version: string) {
  return db
    .selectFrom('assessment_instrument')
    .select('document')
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function userName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await db.selectFrom('app_user').select('full_name').where('id', '=', id).executeTakeFirst();
  return row?.full_name ?? null;
}

export function transfersOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('case_transfer as t')
    .innerJoin('app_user as u', 'u.id', 't.requested_by')
    .select([
      't.id',
      't.from_territory',
      't.to_territory',
      't.status',
      't.requested_at',
      't.decided_at',
      'u.full_name',
    ])
    .where('t.case_id', '=', caseId)
    .execute();
}
