import { randomUUID } from 'node:crypto';
import {
  addDays,
  basketService,
  casablancaDate,
  matchProtocol,
  type NewPlanItemInput,
  OPEN_PLAN_ITEM_STATUSES,
  type PlanItem,
  type PlanSuggestion,
  type ProtocolRule,
  type ProtocolRuleValues,
  type ProtocolStage,
  planStatusChangeAllowed,
  type UpdatePlanItemInput,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { badRequest, type FieldProblem, notFound, versionConflict } from '../../platform/errors';
import { originOf } from '../../platform/http/request';
import { isReferenceCode } from '../../platform/reference-codes';
import { authorize } from '../../policies';
import { type CaseRow, caseFor, touchCase } from '../cases/access';
import * as repo from './repository';

export const needAad = (itemId: string) => `plan_item.need:${itemId}`;

// ---------------------------------------------------------------------------------------------
// Protocol
// ---------------------------------------------------------------------------------------------

function toRule(row: repo.ProtocolRuleRow): ProtocolRule {
  return {
    id: row.id,
    territoryCode: row.territory_code,
    stage: row.stage as ProtocolStage,
    harmForm: row.harm_form,
    situation: row.situation,
    serviceCode: row.service_code,
    sectorCode: row.sector_code,
    maxDelayDays: row.max_delay_days,
  };
}

/**
 * The rules that apply in a territory: its own set when it adopted one, else the national default.
 * A territory's set replaces the national one as a whole, so a province can also drop a service.
 */
async function effectiveRules(db: DbOrTx, territoryCode: string | null, stage?: string) {
  if (territoryCode !== null && (await repo.hasOwnProtocol(db, territoryCode))) {
    return { inherited: false, rows: await repo.protocolRules(db, territoryCode, stage) };
  }
  return { inherited: territoryCode !== null, rows: await repo.protocolRules(db, null, stage) };
}

/** A territory's protocol as the API gives it: the rules that apply there and the version of its own set. */
async function protocolOf(db: DbOrTx, territoryCode: string | null, stage?: string) {
  const { inherited, rows } = await effectiveRules(db, territoryCode, stage);
  const version = await repo.protocolVersion(db, territoryCode);
  return { territoryCode, inherited, rules: rows.map(toRule), version };
}

async function checkTerritory(db: DbOrTx, territoryCode: string | null) {
  if (territoryCode === null) return;
  const row = await db
    .selectFrom('territory')
    .select('code')
    .where('code', '=', territoryCode)
    .executeTakeFirst();
  if (!row) throw badRequest([{ path: 'territoryCode', code: 'unknown_code' }]);
}

export async function getProtocol(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  query: { territoryCode?: string | undefined; stage?: string | undefined },
) {
  const territoryCode = query.territoryCode ?? null;
  await authorize(ctx.db, request, actor, 'read', { type: 'protocol', territoryCode });
  await checkTerritory(ctx.db, territoryCode);
  return protocolOf(ctx.db, territoryCode, query.stage);
}

async function checkRules(db: DbOrTx, territoryCode: string | null, rules: readonly ProtocolRuleValues[]) {
  const problems: FieldProblem[] = [];
  if (territoryCode === null && rules.length === 0) {
    // The national default is what every province without its own protocol plans with.
    problems.push({ path: 'rules', code: 'too_small' });
  }
  const sectors = await repo.existingSectors(db, [...new Set(rules.map((r) => r.sectorCode))]);
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = (field: string) => `rules.${i}.${field}`;
    if (rule.harmForm !== null && !isReferenceCode('harm_forms', rule.harmForm))
      problems.push({ path: at('harmForm'), code: 'unknown_code' });
    if (rule.situation !== null && !isReferenceCode('child_situations', rule.situation))
      problems.push({ path: at('situation'), code: 'unknown_code' });
    if (!basketService(rule.serviceCode)) problems.push({ path: at('serviceCode'), code: 'unknown_code' });
    if (!sectors.has(rule.sectorCode)) problems.push({ path: at('sectorCode'), code: 'unknown_code' });
    const key = [rule.stage, rule.harmForm, rule.situation, rule.serviceCode].join('|');
    if (seen.has(key)) problems.push({ path: at('serviceCode'), code: 'duplicate' });
    seen.add(key);
  });
  if (problems.length) throw badRequest(problems);
}

/**
 * Replaces a territory's protocol (or the national default) as a whole, if nobody replaced it since
 * the caller read `version`: otherwise a 409 with the protocol as it is now, and nothing written.
 */
export async function replaceProtocol(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  input: { territoryCode: string | null; rules: ProtocolRuleValues[]; version: number },
) {
  const { territoryCode, rules } = input;
  await authorize(ctx.db, request, actor, 'update', { type: 'protocol', territoryCode });
  await checkTerritory(ctx.db, territoryCode);
  await checkRules(ctx.db, territoryCode, rules);
  return ctx.db.transaction().execute(async (tx) => {
    const version = await repo.nextProtocolVersion(tx, territoryCode, input.version);
    if (version === null) throw versionConflict(await protocolOf(tx, territoryCode));
    await repo.replaceProtocol(tx, territoryCode, rules);
    await recordAudit(tx, originOf(request), {
      event: 'protocol_updated',
      actor,
      target: { type: 'protocol', id: territoryCode ?? 'national' },
      territoryCode,
      details: { rules: rules.length, version },
    });
    return protocolOf(tx, territoryCode);
  });
}

// ---------------------------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------------------------

function isClosed(row: CaseRow): boolean {
  return row.stage === 'closed' || row.closed_at !== null;
}

/**
 * The services the protocol recommends for the case as it stands (stage, harm forms, situations),
 * minus those already open or delivered in its plan, each with a due date and the institutions of
 * the case's territory that could deliver it.
 */
export async function suggestions(ctx: AppContext, request: FastifyRequest, actor: Actor, caseId: string) {
  const row = await caseFor(ctx, request, actor, caseId, 'read');
  const { inherited, rows } = await effectiveRules(ctx.db, row.territory_code, row.stage);
  const rules = rows.map(toRule);
  const planned = await repo.servicesInPlan(ctx.db, row.id);
  const matches = isClosed(row)
    ? []
    : matchProtocol(rules, {
        stage: row.stage,
        harmForms: row.harm_forms,
        situations: row.situations,
      }).filter((m) => !planned.has(m.serviceCode));
  const institutions = await repo.activeInstitutions(ctx.db, row.territory_code, [
    ...new Set(matches.map((m) => m.sectorCode)),
  ]);
  const today = casablancaDate();
  const items: PlanSuggestion[] = matches.map((m) => {
    const service = basketService(m.serviceCode);
    return {
      serviceCode: m.serviceCode,
      labels: {
        ar: service?.ar ?? m.serviceCode,
        fr: service?.fr ?? m.serviceCode,
        en: service?.en ?? m.serviceCode,
      },
      sectorCode: m.sectorCode,
      maxDelayDays: m.maxDelayDays,
      suggestedDueOn: addDays(today, m.maxDelayDays),
      harmForms: m.harmForms,
      situations: m.situations,
      candidates: institutions
        .filter((i) => i.sector_code === m.sectorCode)
        .map((i) => ({ id: i.id, nameAr: i.name_ar, nameFr: i.name_fr, type: i.type })),
    };
  });
  return { stage: row.stage, protocol: inherited ? ('national' as const) : ('territory' as const), items };
}

// ---------------------------------------------------------------------------------------------
// Plan items
// ---------------------------------------------------------------------------------------------

function toPlanItem(ctx: AppContext, row: repo.PlanItemRow, today = casablancaDate()): PlanItem {
  return {
    id: row.id,
    caseId: row.case_id,
    territoryCode: row.territory_code,
    stage: row.stage,
    serviceCode: row.service_code,
    sectorCode: row.sector_code,
    institution:
      row.institution_id !== null
        ? {
            id: row.institution_id,
            nameAr: row.institution_name_ar ?? '',
            nameFr: row.institution_name_fr ?? '',
            active: row.institution_active ?? false,
          }
        : null,
    need: row.need_enc !== null ? ctx.keyRing.decrypt(row.need_enc, needAad(row.id)) : null,
    dueOn: row.due_on,
    status: row.status,
    notDeliveredReason: row.not_delivered_reason as PlanItem['notDeliveredReason'],
    overdue: OPEN_PLAN_ITEM_STATUSES.includes(row.status) && row.due_on < today,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

async function planItemOf(ctx: AppContext, db: DbOrTx, id: string): Promise<PlanItem> {
  const row = await repo.findPlanItem(db, id);
  if (!row) throw notFound();
  return toPlanItem(ctx, row);
}

export async function listPlan(ctx: AppContext, request: FastifyRequest, actor: Actor, caseId: string) {
  const row = await caseFor(ctx, request, actor, caseId, 'read');
  const today = casablancaDate();
  return { items: (await repo.planOf(ctx.db, row.id)).map((item) => toPlanItem(ctx, item, today)) };
}

/** A due date cannot precede the case: the plan starts when the child entered the circuit. */
function checkDueOn(row: CaseRow, dueOn: string, problems: FieldProblem[]) {
  if (dueOn < casablancaDate(row.opened_at)) problems.push({ path: 'dueOn', code: 'before_case_opened' });
}

async function checkInstitution(db: DbOrTx, institutionId: string, problems: FieldProblem[]) {
  const institution = await repo.findInstitution(db, institutionId);
  if (!institution) problems.push({ path: 'institutionId', code: 'unknown_code' });
  else if (!institution.active) problems.push({ path: 'institutionId', code: 'inactive_institution' });
}

export async function createPlanItem(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  input: NewPlanItemInput,
) {
  const row = await caseFor(ctx, request, actor, caseId, 'plan');
  const problems: FieldProblem[] = [];
  if (!basketService(input.serviceCode)) problems.push({ path: 'serviceCode', code: 'unknown_code' });
  if (!(await repo.existingSectors(ctx.db, [input.sectorCode])).has(input.sectorCode))
    problems.push({ path: 'sectorCode', code: 'unknown_code' });
  if (input.institutionId !== null) await checkInstitution(ctx.db, input.institutionId, problems);
  checkDueOn(row, input.dueOn, problems);
  // The same service twice in a plan is a double click, not a second need: one open item per service.
  const open = await ctx.db
    .selectFrom('plan_item')
    .select('id')
    .where('case_id', '=', row.id)
    .where('service_code', '=', input.serviceCode)
    .where('status', 'in', ['planned', 'requested', 'in_progress'])
    .executeTakeFirst();
  if (open) problems.push({ path: 'serviceCode', code: 'duplicate' });
  if (problems.length) throw badRequest(problems);
  const id = randomUUID();
  return ctx.db.transaction().execute(async (tx) => {
    await repo.insertPlanItem(tx, {
      id,
      case_id: row.id,
      territory_code: row.territory_code,
      stage: row.stage,
      need_enc: input.need ? ctx.keyRing.encrypt(input.need, needAad(id)) : null,
      service_code: input.serviceCode,
      sector_code: input.sectorCode,
      institution_id: input.institutionId,
      due_on: input.dueOn,
      created_by: actor.id,
    });
    await touchCase(tx, row.id);
    return planItemOf(ctx, tx, id);
  });
}

export async function updatePlanItem(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  input: UpdatePlanItemInput,
) {
  const before = await repo.findPlanItem(ctx.db, id);
  if (!before) throw notFound();
  const row = await caseFor(ctx, request, actor, before.case_id, 'plan');
  const problems: FieldProblem[] = [];
  if (input.status !== before.status && !planStatusChangeAllowed(before.status, input.status))
    problems.push({ path: 'status', code: 'status_change_not_allowed' });
  if (input.status === 'not_delivered' && input.notDeliveredReason === null)
    problems.push({ path: 'notDeliveredReason', code: 'reason_required' });
  // An institution closed since it was chosen stays on the item; choosing it anew is refused.
  if (input.institutionId !== null && input.institutionId !== before.institution_id)
    await checkInstitution(ctx.db, input.institutionId, problems);
  if (input.dueOn !== before.due_on) checkDueOn(row, input.dueOn, problems);
  if (problems.length) throw badRequest(problems);
  return ctx.db.transaction().execute(async (tx) => {
    const updated = await repo.updatePlanItemIfVersion(tx, id, input.version, {
      status: input.status,
      not_delivered_reason: input.status === 'not_delivered' ? input.notDeliveredReason : null,
      institution_id: input.institutionId,
      due_on: input.dueOn,
      need_enc: input.need ? ctx.keyRing.encrypt(input.need, needAad(id)) : null,
    });
    if (!updated) throw versionConflict(await planItemOf(ctx, ctx.db, id));
    await touchCase(tx, row.id);
    return planItemOf(ctx, tx, id);
  });
}
