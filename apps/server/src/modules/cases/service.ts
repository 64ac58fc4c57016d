import {
  type CaseSummary,
  type CircuitStage,
  checkTransition,
  referenceTaxonomies,
  UNASSIGNED_WORKER,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { AppError, badRequest, type FieldProblem, notFound, versionConflict } from '../../platform/errors';
import { unknownCodes } from '../../platform/reference-codes';
import { type ActionOn, authorize, can } from '../../policies';
import { type CaseResource, casePolicy } from '../../policies/cases';
import { toProfile } from '../children/service';
import { usersWithRole } from '../notifications/repository';
import { notify } from '../notifications/service';
import { caseFor, caseResource } from './access';
import * as repo from './repository';

type CaseWithChild = NonNullable<Awaited<ReturnType<typeof repo.caseWithChild>>>;

export const transitionReasonAad = (caseId: string) => `case_transition.reason:${caseId}`;

export function toCaseSummary(row: CaseWithChild): CaseSummary {
  return {
    id: row.id,
    child: toProfile({
      id: row.child_id,
      code: row.child_code,
      territory_code: row.child_territory_code,
      sex: row.child_sex,
      birth_year: row.child_birth_year,
      merged_into: row.child_merged_into,
      created_at: row.child_created_at,
      version: row.child_version,
    } as Parameters<typeof toProfile>[0]),
    territoryCode: row.territory_code,
    stage: row.stage as CircuitStage,
    assignedWorkerId: row.assigned_worker_id,
    assignedWorkerName: row.worker_name,
    situations: row.situations,
    harmForms: row.harm_forms,
    dangerLevel: row.danger_level,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    closureReason: row.closure_reason,
    closureRequest: row.closure_request,
    nextFollowUpOn: row.next_follow_up_on ? String(row.next_follow_up_on).slice(0, 10) : null,
    lastActivityAt: row.last_activity_at.toISOString(),
    version: row.version,
  };
}

async function summaryOf(db: DbOrTx, caseId: string): Promise<CaseSummary> {
  const row = await repo.caseWithChild(db, caseId);
  if (!row) throw notFound();
  return toCaseSummary(row);
}

/**
 * Writes a case change only if the case is still at the version the user saw (409 with the current
 * state otherwise), counting it as activity on the case.
 */
async function updateCaseAt(
  ctx: AppContext,
  tx: DbOrTx,
  caseId: string,
  version: number,
  values: repo.CaseValues,
): Promise<void> {
  const updated = await tx
    .updateTable('protection_case')
    .set(repo.asCaseChange(values))
    .where('id', '=', caseId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw versionConflict(await summaryOf(ctx.db, caseId));
}

/**
 * A stale version is answered 409 before any rule is checked: the rules of a stage the user no
 * longer sees would only confuse them.
 */
async function checkVersion(db: DbOrTx, row: { id: string; version: number }, version: number) {
  if (row.version !== version) throw versionConflict(await summaryOf(db, row.id));
}

/**
 * A case is given only to an active caseworker of its territory. Called inside the transaction that
 * assigns: the worker's account row is held (shared) until it ends, so a deactivation of that account
 * racing with it either waits and then returns this case to the coordinators with the worker's other
 * open cases, or goes first and this check, run after it, refuses the inactive worker.
 */
async function checkWorker(tx: DbOrTx, workerId: string | null, territoryCode: string, path: string) {
  if (!workerId) return;
  if (!(await repo.isCaseworkerOf(tx, workerId, territoryCode))) {
    throw badRequest([{ path, code: 'not_a_caseworker_here' }]);
  }
}

/**
 * Opens a case for a registered child at detection, inside the caller's transaction (triage does
 * it together with registering the child and marking the report).
 */
export async function openCase(
  tx: DbOrTx,
  actor: Actor,
  input: {
    childId: string;
    territoryCode: string;
    harmForms: string[];
    situations: string[];
    workerId: string | null;
  },
): Promise<string> {
  await checkWorker(tx, input.workerId, input.territoryCode, 'assignedWorkerId');
  const problems = unknownCodes('child_situations', input.situations, 'situations');
  if (problems.length) throw badRequest(problems);
  const row = await tx
    .insertInto('protection_case')
    .values({
      child_id: input.childId,
      territory_code: input.territoryCode,
      stage: 'detection',
      assigned_worker_id: input.workerId,
      situations: input.situations,
      harm_forms: input.harmForms,
      created_by: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await repo.insertTransition(tx, {
    case_id: row.id,
    from_stage: null,
    to_stage: 'detection',
    reason_enc: null,
    closure_reason: null,
    approved_by: null,
    actor_id: actor.id,
  });
  if (input.workerId) await repo.recordAssignment(tx, [row.id], input.workerId, actor.id);
  return row.id;
}

const BAND_YEARS: Record<string, [number, number]> = {
  '0_5': [0, 5],
  '6_11': [6, 11],
  '12_14': [12, 14],
  '15_17': [15, 17],
  '18_plus': [18, 30],
};

export async function listCases(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  query: {
    view: repo.CaseListFilter['view'];
    territoryCode?: string | undefined;
    stage?: string | undefined;
    dangerLevel?: string | undefined;
    harmForm?: string | undefined;
    situation?: string | undefined;
    sex?: string | undefined;
    ageBand?: string | undefined;
    workerId?: string | undefined;
    includeClosed: 'true' | 'false';
    sort: repo.CaseListFilter['sort'];
    limit: number;
    offset: number;
  },
) {
  const territoryCode = actor.territoryCode ?? query.territoryCode;
  if (!territoryCode) throw badRequest([{ path: 'territoryCode', code: 'required' }]);
  await authorize(ctx.db, request, actor, 'list', { type: 'case', territoryCode, assignedWorkerId: null });
  let birthYears: [number, number] | undefined;
  if (query.ageBand) {
    // Bands by birth year: a child's band changes on their birthday, the year is the best cut.
    const [from, to] = BAND_YEARS[query.ageBand] ?? [0, 30];
    const year = new Date().getUTCFullYear();
    birthYears = [year - to, year - from];
  }
  const { rows, total, totalIsLowerBound } = await repo.listCases(ctx.db, {
    ...query,
    territoryCode,
    actorId: actor.id,
    includeClosed: query.includeClosed === 'true',
    birthYears,
  });
  return { items: rows.map(toCaseSummary), total, totalIsLowerBound };
}

export async function getCase(ctx: AppContext, request: FastifyRequest, actor: Actor, caseId: string) {
  // One read of the case, its child and its history serves the permission check and the page
  // (nothing of it is returned before the check).
  const row = await repo.caseWithTransitions(ctx.db, caseId);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'read', caseResource(row));
  const { transitions, ...summaryRow } = row;
  return {
    ...toCaseSummary(summaryRow),
    // Every action on the case, so pages show only what the user may do (the server still checks).
    permissions: Object.fromEntries(
      (Object.keys(casePolicy) as ActionOn<CaseResource>[]).map((action) => [
        action,
        can(actor, action, caseResource(row)),
      ]),
    ),
    transitions: transitions.map((t) => ({
      fromStage: t.from_stage,
      toStage: t.to_stage,
      reason: t.reason_enc ? ctx.keyRing.decrypt(t.reason_enc, transitionReasonAad(row.id)) : null,
      closureReason: t.closure_reason,
      actorName: t.actor_name,
      approvedByName: t.approver_name,
      at: t.at,
    })),
  };
}

export async function updateCase(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  input: { situations: string[]; harmForms: string[]; version: number },
) {
  const row = await caseFor(ctx, request, actor, caseId, 'update');
  await checkVersion(ctx.db, row, input.version);
  const problems: FieldProblem[] = [
    ...unknownCodes('child_situations', input.situations, 'situations'),
    ...unknownCodes('harm_forms', input.harmForms, 'harmForms'),
  ];
  if (problems.length) throw badRequest(problems);
  return ctx.db.transaction().execute(async (tx) => {
    await updateCaseAt(ctx, tx, row.id, input.version, {
      situations: [...new Set(input.situations)],
      harm_forms: [...new Set(input.harmForms)],
    });
    return summaryOf(tx, row.id);
  });
}

function transitionProblems(violations: { code: string; detail?: string }[]): FieldProblem[] {
  const pathOf: Record<string, string> = {
    reason_required: 'reason',
    closure_reason_required: 'closureReason',
    closure_reason_unknown: 'closureReason',
    closure_with_open_services_needs_confirmation: 'confirmOpenServices',
  };
  return violations.map((v) => ({ path: pathOf[v.code] ?? 'to', code: v.code }));
}

/**
 * Moves a case along the circuit. Closing needs the coordinator: a coordinator closes at once; a
 * social worker's closure becomes a request the coordinator approves or declines.
 */
export async function transitionCase(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  input: {
    to: string;
    reason: string | null;
    closureReason: string | null;
    confirmOpenServices: boolean;
    version: number;
  },
) {
  const row = await caseFor(ctx, request, actor, caseId, 'transition');
  await checkVersion(ctx.db, row, input.version);
  const coordinator = can(actor, 'approveClosure', caseResource(row));
  const openServices = await repo.openServicesCount(ctx.db, row.id);
  const closureReasons = referenceTaxonomies.closure_reasons.map((r) => r.code);
  const check = checkTransition(
    {
      from: row.stage,
      to: input.to,
      reason: input.reason,
      closureReason: input.closureReason,
      openServicesCount: openServices,
      confirmOpenServices: input.confirmOpenServices,
      approvedByCoordinator: coordinator,
    },
    { closureReasons },
  );
  const onlyApprovalMissing =
    !check.ok && check.violations.every((v) => v.code === 'closure_needs_coordinator_approval');
  if (!check.ok && !onlyApprovalMissing) throw badRequest(transitionProblems([...check.violations]));
  return ctx.db.transaction().execute(async (tx) => {
    if (onlyApprovalMissing) {
      // A social worker asks; the coordinator decides (closure-decision).
      await updateCaseAt(ctx, tx, row.id, input.version, {
        closure_request: JSON.stringify({
          reason: input.closureReason!,
          note: input.reason,
          by: actor.fullName,
          at: new Date().toISOString(),
          openServices,
        }),
      });
      return summaryOf(tx, row.id);
    }
    await applyTransition(ctx, tx, actor, row, {
      to: input.to,
      reason: input.reason,
      closureReason: input.closureReason,
      approvedBy: input.to === 'closed' ? actor.id : null,
      version: input.version,
    });
    return summaryOf(tx, row.id);
  });
}

async function applyTransition(
  ctx: AppContext,
  tx: DbOrTx,
  actor: Actor,
  row: { id: string; stage: string },
  t: {
    to: string;
    reason: string | null;
    closureReason: string | null;
    approvedBy: string | null;
    version: number;
  },
) {
  const closing = t.to === 'closed';
  const reopening = row.stage === 'closed';
  await updateCaseAt(ctx, tx, row.id, t.version, {
    stage: t.to,
    closure_request: null,
    ...(closing ? { closed_at: new Date(), closure_reason: t.closureReason } : {}),
    ...(reopening ? { closed_at: null, closure_reason: null } : {}),
  });
  await repo.insertTransition(tx, {
    case_id: row.id,
    from_stage: row.stage,
    to_stage: t.to,
    reason_enc: t.reason ? ctx.keyRing.encrypt(t.reason, transitionReasonAad(row.id)) : null,
    closure_reason: closing ? t.closureReason : null,
    approved_by: t.approvedBy,
    actor_id: actor.id,
  });
}

export async function decideClosure(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  input: { approve: boolean; note: string | null; version: number },
) {
  const row = await caseFor(ctx, request, actor, caseId, 'approveClosure');
  await checkVersion(ctx.db, row, input.version);
  if (!row.closure_request) throw new AppError(409, 'no_closure_request');
  return ctx.db.transaction().execute(async (tx) => {
    if (input.approve) {
      const note = [row.closure_request!.note, input.note].filter(Boolean).join('\n— ');
      await applyTransition(ctx, tx, actor, row, {
        to: 'closed',
        reason: note || null,
        closureReason: row.closure_request!.reason,
        approvedBy: actor.id,
        version: input.version,
      });
    } else {
      await updateCaseAt(ctx, tx, row.id, input.version, {
        closure_request: null,
      });
    }
    return summaryOf(tx, row.id);
  });
}

export async function assignCase(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  input: { workerId: string | null; version: number },
) {
  const row = await caseFor(ctx, request, actor, caseId, 'assign');
  await checkVersion(ctx.db, row, input.version);
  return ctx.db.transaction().execute(async (tx) => {
    await checkWorker(tx, input.workerId, row.territory_code, 'workerId');
    await updateCaseAt(ctx, tx, row.id, input.version, {
      assigned_worker_id: input.workerId,
    });
    await repo.recordAssignment(tx, [row.id], input.workerId, actor.id);
    return summaryOf(tx, row.id);
  });
}

/** The caseload's cases that no worker holds, where a coordinator gives them to a worker. */
export const unassignedCasesPath = () => `/cases?workerId=${UNASSIGNED_WORKER}`;

/**
 * No open case stays with a worker who can no longer work it: in the transaction that deactivates
 * an account, moves it to another province or takes away its caseworker roles, its open cases lose
 * their worker as a coordinator's reassignment to nobody would do (assignment history, new version,
 * activity), and each active CAPE coordinator of their territory is told once how many came back —
 * a count and a link to the unassigned cases, never a child's code or name. Otherwise their
 * follow-ups and reminders would go to nobody (the reminder goes to a worker of the case's own
 * territory). Closed cases keep their worker. Returns how many cases were released.
 */
export async function releaseOpenCasesOf(
  ctx: AppContext,
  tx: DbOrTx,
  actor: Actor,
  workerId: string,
  why: 'deactivated' | 'account_changed',
): Promise<number> {
  const released = await repo.releaseOpenCases(tx, workerId);
  await repo.recordAssignment(
    tx,
    released.map((c) => c.id),
    null,
    actor.id,
  );
  const perTerritory = new Map<string, number>();
  for (const c of released) perTerritory.set(c.territory_code, (perTerritory.get(c.territory_code) ?? 0) + 1);
  for (const [territoryCode, cases] of perTerritory) {
    await notify(ctx, tx, {
      userIds: await usersWithRole(tx, territoryCode, 'cape_coordinator'),
      kind: why === 'deactivated' ? 'cases_unassigned_on_deactivation' : 'cases_unassigned_on_account_change',
      data: { cases, path: unassignedCasesPath() },
    });
  }
  return released.length;
}

/** The CAPE caseworkers of a territory, to assign cases to. */
export async function caseworkers(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  territoryCode: string,
) {
  await authorize(ctx.db, request, actor, 'list', { type: 'case', territoryCode, assignedWorkerId: null });
  return ctx.db
    .selectFrom('app_user')
    .select(['id', 'full_name as fullName', 'roles'])
    .where('territory_code', '=', territoryCode)
    .where('active', '=', true)
    .where((eb) =>
      eb.or([eb('roles', '@>', sqlArray('social_worker')), eb('roles', '@>', sqlArray('cape_coordinator'))]),
    )
    .orderBy('full_name')
    .execute();
}

const sqlArray = (role: string) => sql<string[]>`ARRAY[${role}]::text[]`;
