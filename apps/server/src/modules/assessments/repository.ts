import { defaultAssessmentInstrument } from '@madar/domain';
import { type Selectable, sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';
import type { AssessmentInstrumentTable, AssessmentTable, EvaluationTable } from '../../platform/db/schema';

export type InstrumentRow = Selectable<AssessmentInstrumentTable> & { loaded_by_name: string | null };
export type AssessmentRow = Selectable<AssessmentTable> & {
  assessed_by_name: string;
  instrument_is_default: boolean;
};
export type EvaluationRow = Selectable<EvaluationTable> & { created_by_name: string };

/** Serialises changes of the active instrument (two loads, or a load and a server start). */
async function lockInstruments(tx: DbOrTx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('madar:assessment_instrument'))`.execute(tx);
}

/**
 * Makes sure the instrument shipped with Madar is in the table, and active when nothing else is — or
 * when what is active is an older shipped default (a release bringing `default-2` replaces `default-1`).
 * An instrument loaded by an administrator (the Ministry's référentiel) is never displaced.
 */
export async function ensureDefaultInstrument(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await lockInstruments(tx);
    const version = defaultAssessmentInstrument().version;
    await tx
      .insertInto('assessment_instrument')
      .values({
        version,
        document: JSON.stringify(defaultAssessmentInstrument()),
        is_default: true,
        active: false,
      })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
    const active = await tx
      .selectFrom('assessment_instrument')
      .select(['version', 'is_default'])
      .where('active', '=', true)
      .executeTakeFirst();
    if (active && (active.version === version || !active.is_default)) return;
    await tx.updateTable('assessment_instrument').set({ active: false }).where('active', '=', true).execute();
    await tx
      .updateTable('assessment_instrument')
      .set({ active: true })
      .where('version', '=', version)
      .execute();
  });
}

function instrumentQuery(db: DbOrTx) {
  return db
    .selectFrom('assessment_instrument as i')
    .leftJoin('app_user as u', 'u.id', 'i.loaded_by')
    .selectAll('i')
    .select('u.full_name as loaded_by_name');
}

export function listInstruments(db: DbOrTx): Promise<InstrumentRow[]> {
  return instrumentQuery(db).orderBy('i.loaded_at', 'desc').orderBy('i.version').execute();
}

export function findActiveInstrument(db: DbOrTx): Promise<InstrumentRow | undefined> {
  return instrumentQuery(db).where('i.active', '=', true).executeTakeFirst();
}

export function findInstrument(db: DbOrTx, version: string): Promise<InstrumentRow | undefined> {
  return instrumentQuery(db).where('i.version', '=', version).executeTakeFirst();
}

/**
 * Stores a new version and makes it the active one; false when the version exists already. Runs in the
 * caller's transaction, so the audit row goes with it.
 */
export async function insertActiveInstrument(
  tx: DbOrTx,
  values: { version: string; document: string; loaded_by: string },
): Promise<boolean> {
  await lockInstruments(tx);
  const exists = await tx
    .selectFrom('assessment_instrument')
    .select('version')
    .where('version', '=', values.version)
    .executeTakeFirst();
  if (exists) return false;
  await tx.updateTable('assessment_instrument').set({ active: false }).where('active', '=', true).execute();
  await tx
    .insertInto('assessment_instrument')
    .values({ ...values, is_default: false, active: true })
    .execute();
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Assessments

function assessmentQuery(db: DbOrTx) {
  return db
    .selectFrom('assessment as a')
    .innerJoin('app_user as u', 'u.id', 'a.assessed_by')
    .innerJoin('assessment_instrument as i', 'i.version', 'a.instrument_version')
    .selectAll('a')
    .select(['u.full_name as assessed_by_name', 'i.is_default as instrument_is_default']);
}

export function listAssessments(db: DbOrTx, caseId: string): Promise<AssessmentRow[]> {
  return assessmentQuery(db)
    .where('a.case_id', '=', caseId)
    .orderBy('a.assessed_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

export function findAssessment(db: DbOrTx, id: string): Promise<AssessmentRow | undefined> {
  return assessmentQuery(db).where('a.id', '=', id).executeTakeFirst();
}

/** The case's initial diagnosis under an instrument version: its first assessment made with it. */
export function firstAssessment(
  db: DbOrTx,
  caseId: string,
  instrumentVersion: string,
): Promise<AssessmentRow | undefined> {
  return assessmentQuery(db)
    .where('a.case_id', '=', caseId)
    .where('a.instrument_version', '=', instrumentVersion)
    .orderBy('a.assessed_at')
    .orderBy('a.id')
    .executeTakeFirst();
}

export function latestAssessment(db: DbOrTx, caseId: string): Promise<AssessmentRow | undefined> {
  return assessmentQuery(db)
    .where('a.case_id', '=', caseId)
    .orderBy('a.assessed_at', 'desc')
    .orderBy('a.id', 'desc')
    .executeTakeFirst();
}

/** Whether the case has an assessment made with another instrument before a moment. */
export async function hasEarlierAssessmentWithOtherInstrument(
  db: DbOrTx,
  caseId: string,
  instrumentVersion: string,
  before: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('assessment')
    .select('id')
    .where('case_id', '=', caseId)
    .where('instrument_version', '<>', instrumentVersion)
    .where('assessed_at', '<', before)
    .executeTakeFirst();
  return row !== undefined;
}

export interface AssessmentValues {
  id: string;
  case_id: string;
  territory_code: string;
  instrument_version: string;
  answers: string;
  red_flags: string[];
  result: string;
  danger_level: string;
  proposed_orientation: string;
  confirmed_orientation: string;
  override_justification_enc: string | null;
  assessed_by: string;
}

export async function insertAssessment(tx: DbOrTx, values: AssessmentValues): Promise<AssessmentRow> {
  await tx.insertInto('assessment').values(values).execute();
  return (await findAssessment(tx, values.id))!;
}

/** The case takes the assessment's danger level; its version moves so stale editors get a 409. */
export async function setCaseDangerLevel(tx: DbOrTx, caseId: string, level: string): Promise<number> {
  const row = await tx
    .updateTable('protection_case')
    .set((eb) => ({ danger_level: level, version: eb('version', '+', 1), last_activity_at: new Date() }))
    .where('id', '=', caseId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

// ---------------------------------------------------------------------------------------------------
// Evaluation cards

/** The case plan's services: status and service code, for the "effect of services" part of the card. */
export function planItemStatuses(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('plan_item')
    .select(['status', 'service_code'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

function evaluationQuery(db: DbOrTx) {
  return db
    .selectFrom('evaluation as e')
    .innerJoin('app_user as u', 'u.id', 'e.created_by')
    .selectAll('e')
    .select('u.full_name as created_by_name');
}

export function listEvaluations(db: DbOrTx, caseId: string): Promise<EvaluationRow[]> {
  return evaluationQuery(db)
    .where('e.case_id', '=', caseId)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

export interface EvaluationValues {
  id: string;
  case_id: string;
  territory_code: string;
  baseline_assessment_id: string;
  current_assessment_id: string;
  comparison: string;
  services_effect_enc: string | null;
  recommendation: 'continue' | 'adjust_plan' | 'close';
  created_by: string;
}

export async function insertEvaluation(tx: DbOrTx, values: EvaluationValues): Promise<EvaluationRow> {
  await tx.insertInto('evaluation').values(values).execute();
  return (await evaluationQuery(tx).where('e.id', '=', values.id).executeTakeFirst())!;
}

export async function caseVersion(db: DbOrTx, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('protection_case')
    .select('version')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.version;
}
