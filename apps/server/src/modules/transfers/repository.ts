import type { TransferStatus } from '@madar/domain';
import type { Db, DbOrTx } from '../../platform/db/database';
import { moveSearchKeys } from '../children/repository';

/**
 * Tables of a case's file that carry the case's territory_code and move with it on acceptance:
 * permissions and caseload lists of the receiving province find them by it. Referral cards go too
 * (their receiving institutions stay as they are, in whatever province they are): the receiving CAPE
 * follows them up from then on.
 */
export const MOVED_WITH_CASE = [
  'assessment',
  'plan_item',
  'case_record',
  'follow_up',
  'evaluation',
  'referral_card',
  'referral_message',
  'referral_attachment',
] as const;

/**
 * Tables with a case_id and a territory_code that keep the territory they were written in: the
 * access_log says where each view of the child's data was made (and is append-only).
 */
export const KEPT_WHERE_WRITTEN = ['access_log'] as const;

function transfers(db: DbOrTx) {
  return db
    .selectFrom('case_transfer as t')
    .innerJoin('protection_case as c', 'c.id', 't.case_id')
    .innerJoin('child as ch', 'ch.id', 'c.child_id')
    .innerJoin('app_user as rq', 'rq.id', 't.requested_by')
    .leftJoin('app_user as dc', 'dc.id', 't.decided_by')
    .select([
      't.id',
      't.case_id',
      't.from_territory',
      't.to_territory',
      't.status',
      't.reason_enc',
      't.decision_note_enc',
      't.requested_by',
      't.requested_at',
      't.decided_by',
      't.decided_at',
      't.version',
      'rq.full_name as requested_by_name',
      'dc.full_name as decided_by_name',
      'c.territory_code as case_territory',
      'c.stage',
      'c.danger_level',
      'c.harm_forms',
      'c.situations',
      'ch.code as child_code',
      'ch.sex',
      'ch.birth_year',
    ]);
}

export type TransferRow = NonNullable<Awaited<ReturnType<typeof findTransfer>>>;

export function findTransfer(db: DbOrTx, id: string) {
  return transfers(db).where('t.id', '=', id).executeTakeFirst();
}

/** Every request made for a case, oldest first: the case's moves between provinces. */
export function transfersOfCase(db: Db, caseId: string) {
  return transfers(db).where('t.case_id', '=', caseId).orderBy('t.requested_at').orderBy('t.id').execute();
}

export async function listTransfers(
  db: Db,
  f: {
    territoryCode: string;
    direction: 'incoming' | 'outgoing';
    status?: TransferStatus | undefined;
    limit: number;
    offset: number;
  },
) {
  const column = f.direction === 'incoming' ? 't.to_territory' : 't.from_territory';
  let q = transfers(db).where(column, '=', f.territoryCode);
  let count = db
    .selectFrom('case_transfer as t')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(column, '=', f.territoryCode);
  if (f.status) {
    q = q.where('t.status', '=', f.status);
    count = count.where('t.status', '=', f.status);
  }
  const [rows, total] = await Promise.all([
    q.orderBy('t.requested_at', 'desc').orderBy('t.id').limit(f.limit).offset(f.offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function openTransferOf(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('case_transfer')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'requested')
    .executeTakeFirst();
}

export async function territoryWithDtipe(db: DbOrTx, territoryCode: string) {
  return db
    .selectFrom('territory as t')
    .leftJoin('dtipe as d', 'd.territory_code', 't.code')
    .select(['t.code', 'd.territory_code as dtipe'])
    .where('t.code', '=', territoryCode)
    .executeTakeFirst();
}

export function insertTransfer(
  db: DbOrTx,
  values: {
    id: string;
    case_id: string;
    from_territory: string;
    to_territory: string;
    reason_enc: string;
    requested_by: string;
  },
) {
  return db.insertInto('case_transfer').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Closes an open request, if it is still open and at the version the user saw. */
export function closeTransferIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  values: {
    status: Exclude<TransferStatus, 'requested'>;
    decision_note_enc: string | null;
    decided_by: string;
  },
) {
  return db
    .updateTable('case_transfer')
    .set((eb) => ({ ...values, decided_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'requested')
    .returning('id')
    .executeTakeFirst();
}

/** The case and its child, locked for the move (a transition or assignment racing waits for it). */
export function lockCase(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('protection_case')
    .select(['id', 'child_id', 'territory_code', 'assigned_worker_id', 'closed_at'])
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * Moves a case to another territory, inside the caller's transaction: the case (its worker cleared:
 * the receiving coordinator assigns), its child, and every row of its file. Nothing is deleted.
 */
export async function moveCase(
  tx: DbOrTx,
  kase: { id: string; child_id: string; assigned_worker_id: string | null },
  toTerritory: string,
  actorId: string,
): Promise<void> {
  await tx
    .updateTable('protection_case')
    .set((eb) => ({
      territory_code: toTerritory,
      assigned_worker_id: null,
      version: eb('version', '+', 1),
      last_activity_at: new Date(),
    }))
    .where('id', '=', kase.id)
    .execute();
  if (kase.assigned_worker_id !== null) {
    // The assignment history shows the sending worker's part ending with the move.
    await tx
      .insertInto('case_assignment')
      .values({ case_id: kase.id, worker_id: null, actor_id: actorId })
      .execute();
  }
  await tx
    .updateTable('child')
    .set((eb) => ({ territory_code: toTerritory, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', kase.child_id)
    .execute();
  await moveSearchKeys(tx, kase.child_id, toTerritory);
  for (const table of MOVED_WITH_CASE) {
    await tx.updateTable(table).set({ territory_code: toTerritory }).where('case_id', '=', kase.id).execute();
  }
}
