import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/errors';
import { type ActionOn, authorize } from '../../policies';
import type { CaseResource } from '../../policies/cases';
import { logAccess } from '../children/repository';

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export function findCase(db: DbOrTx, id: string) {
  return db.selectFrom('protection_case').selectAll().where('id', '=', id).executeTakeFirst();
}

export const caseResource = (row: Pick<CaseRow, 'territory_code' | 'assigned_worker_id'>): CaseResource => ({
  type: 'case',
  territoryCode: row.territory_code,
  assignedWorkerId: row.assigned_worker_id,
});

/**
 * Loads a case for an action on it: 404 when it does not exist, 403 (audited) when the actor may
 * not do that action. Every feature of the child's file starts here.
 */
export async function caseFor(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  action: ActionOn<CaseResource>,
): Promise<CaseRow> {
  const row = await findCase(ctx.db, caseId);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, action, caseResource(row));
  if (row.closed_at && WORK_ON_OPEN_CASES.has(action)) throw new AppError(409, 'case_closed');
  return row;
}

/** Work that only an open case receives: a closed case is reopened (a transition) first. */
const WORK_ON_OPEN_CASES = new Set<string>([
  'update',
  'assign',
  'assess',
  'plan',
  'followUp',
  'evaluate',
  'writeSocialFile',
  'writeJudicialFile',
  'writeMedicalFile',
]);

/** Records that a user viewed part of a child's file (what: 'file:medical', 'document', 'report_pdf'...). */
export async function recordCaseView(
  db: DbOrTx,
  request: FastifyRequest,
  actor: Actor,
  row: CaseRow,
  what: string,
  targetId: string | null = null,
): Promise<void> {
  await logAccess(db, [
    {
      user_id: actor.id,
      child_id: row.child_id,
      case_id: row.id,
      territory_code: row.territory_code,
      what,
      target_id: targetId,
      ip: request.ip,
    },
  ]);
}

/** Marks activity on a case, so caseload lists sort by what moved last. */
export async function touchCase(db: DbOrTx, caseId: string): Promise<void> {
  await db
    .updateTable('protection_case')
    .set({ last_activity_at: new Date() })
    .where('id', '=', caseId)
    .execute();
}
