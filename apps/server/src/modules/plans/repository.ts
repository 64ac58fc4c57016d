import {
  defaultProtocolRules,
  OPEN_PLAN_ITEM_STATUSES,
  type PlanItemStatus,
  type ProtocolRuleValues,
} from '@madar/domain';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';

// Dates leave the database as text: pg would turn a DATE into a local-midnight Date, a day off
// around midnight depending on the server's time zone.
const dueOnText = sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as('due_on');

export type ProtocolRuleRow = Awaited<ReturnType<typeof protocolRules>>[number];

// ---------------------------------------------------------------------------------------------
// Protocol
// ---------------------------------------------------------------------------------------------

/** The rules of one territory's own protocol (null: the national default), optionally of one stage. */
export function protocolRules(db: DbOrTx, territoryCode: string | null, stage?: string) {
  let q = db
    .selectFrom('protocol_rule')
    .selectAll()
    .where('territory_code', territoryCode === null ? 'is' : '=', territoryCode);
  if (stage) q = q.where('stage', '=', stage);
  return q
    .orderBy('stage')
    .orderBy(sql`harm_form NULLS FIRST`)
    .orderBy(sql`situation NULLS FIRST`)
    .orderBy('service_code')
    .execute();
}

export async function hasOwnProtocol(db: DbOrTx, territoryCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('protocol_rule')
    .select('id')
    .where('territory_code', '=', territoryCode)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The version of a territory's own protocol (null: the national one); 0 until it is first replaced. */
export async function protocolVersion(db: DbOrTx, territoryCode: string | null): Promise<number> {
  const row = await db
    .selectFrom('protocol')
    .select('version')
    .where('territory_code', territoryCode === null ? 'is' : '=', territoryCode)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/**
 * Moves a territory's protocol to its next version if `expected` is still the current one, inside
 * the caller's transaction; null when someone saved first. The row lock taken by the update holds a
 * second writer until the first commits, and its `version = expected` then no longer matches.
 */
export async function nextProtocolVersion(
  tx: DbOrTx,
  territoryCode: string | null,
  expected: number,
): Promise<number | null> {
  // A territory's first replacement: its row at version 0 (two first writers: one inserts, the other
  // waits for it and finds the row).
  await tx
    .insertInto('protocol')
    .values({ territory_code: territoryCode })
    .onConflict((oc) => oc.column('territory_code').doNothing())
    .execute();
  const row = await tx
    .updateTable('protocol')
    .set({ version: sql`version + 1`, updated_at: sql`now()` })
    .where('territory_code', territoryCode === null ? 'is' : '=', territoryCode)
    .where('version', '=', expected)
    .returning('version')
    .executeTakeFirst();
  return row?.version ?? null;
}

function ruleValues(territoryCode: string | null, rule: ProtocolRuleValues) {
  return {
    territory_code: territoryCode,
    stage: rule.stage,
    harm_form: rule.harmForm,
    situation: rule.situation,
    service_code: rule.serviceCode,
    sector_code: rule.sectorCode,
    max_delay_days: rule.maxDelayDays,
  };
}

/** Replaces a territory's rule set (null: the national one) as a whole, inside the caller's transaction. */
export async function replaceProtocol(
  tx: DbOrTx,
  territoryCode: string | null,
  rules: readonly ProtocolRuleValues[],
): Promise<void> {
  await tx
    .deleteFrom('protocol_rule')
    .where('territory_code', territoryCode === null ? 'is' : '=', territoryCode)
    .execute();
  for (let i = 0; i < rules.length; i += 500) {
    await tx
      .insertInto('protocol_rule')
      .values(rules.slice(i, i + 500).map((r) => ruleValues(territoryCode, r)))
      .execute();
  }
}

/**
 * Ships the default national protocol: inserted only when there is no national rule at all, so an
 * administrator's edits survive restarts. The advisory lock keeps two instances starting together
 * from inserting it twice.
 */
export async function ensureDefaultProtocol(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('madar.default_protocol'))`.execute(tx);
    const existing = await tx
      .selectFrom('protocol_rule')
      .select('id')
      .where('territory_code', 'is', null)
      .limit(1)
      .executeTakeFirst();
    if (!existing) await replaceProtocol(tx, null, defaultProtocolRules());
  });
}

export async function existingSectors(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('sector').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

// ---------------------------------------------------------------------------------------------
// Plan items
// ---------------------------------------------------------------------------------------------

function planItems(db: DbOrTx) {
  return db
    .selectFrom('plan_item as p')
    .leftJoin('institution as i', 'i.id', 'p.institution_id')
    .leftJoin('app_user as u', 'u.id', 'p.created_by')
    .select([
      'p.id',
      'p.case_id',
      'p.territory_code',
      'p.stage',
      'p.need_enc',
      'p.service_code',
      'p.sector_code',
      'p.institution_id',
      dueOnText,
      'p.status',
      'p.not_delivered_reason',
      'p.created_by',
      'p.created_at',
      'p.updated_at',
      'p.version',
      'i.name_ar as institution_name_ar',
      'i.name_fr as institution_name_fr',
      'i.active as institution_active',
      'u.full_name as created_by_name',
    ]);
}

export type PlanItemRow = NonNullable<Awaited<ReturnType<typeof findPlanItem>>>;

export function findPlanItem(db: DbOrTx, id: string) {
  return planItems(db).where('p.id', '=', id).executeTakeFirst();
}

export function planOf(db: DbOrTx, caseId: string) {
  return planItems(db).where('p.case_id', '=', caseId).orderBy('p.due_on').orderBy('p.created_at').execute();
}

/** Services of a case that suggestions leave out: open ones, and those already delivered. */
export async function servicesInPlan(db: DbOrTx, caseId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('plan_item')
    .select('service_code')
    .distinct()
    .where('case_id', '=', caseId)
    .where('status', 'in', [...OPEN_PLAN_ITEM_STATUSES, 'delivered'])
    .execute();
  return new Set(rows.map((r) => r.service_code));
}

export function insertPlanItem(
  db: DbOrTx,
  values: {
    id: string;
    case_id: string;
    territory_code: string;
    stage: string;
    need_enc: string | null;
    service_code: string;
    sector_code: string;
    institution_id: string | null;
    due_on: string;
    created_by: string;
  },
) {
  return db.insertInto('plan_item').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updatePlanItemIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  values: {
    status: PlanItemStatus;
    not_delivered_reason: string | null;
    institution_id: string | null;
    due_on: string;
    need_enc: string | null;
  },
) {
  return db
    .updateTable('plan_item')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export function findInstitution(db: DbOrTx, id: string) {
  return db
    .selectFrom('institution')
    .select(['id', 'active', 'sector_code', 'territory_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Active institutions of a territory in some sectors: the candidates to deliver suggested services. */
export function activeInstitutions(db: DbOrTx, territoryCode: string, sectorCodes: string[]) {
  if (sectorCodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('institution')
    .select(['id', 'name_ar', 'name_fr', 'type', 'sector_code'])
    .where('territory_code', '=', territoryCode)
    .where('sector_code', 'in', sectorCodes)
    .where('active', '=', true)
    .orderBy('name_fr')
    .execute();
}
