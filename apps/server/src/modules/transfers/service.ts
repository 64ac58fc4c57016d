import { randomUUID } from 'node:crypto';
import {
  ageBandFromBirthYear,
  type CaseTransfer,
  type CircuitStage,
  casablancaDate,
  type NewTransferInput,
  type TransferDecisionInput,
  type TransferProfile,
  type TransferStatus,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import { type DbOrTx, isUniqueViolation } from '../../platform/db/database';
import { AppError, badRequest, notFound, versionConflict } from '../../platform/errors';
import { originOf } from '../../platform/http/request';
import { authorize, can } from '../../policies';
import type { TransferResource } from '../../policies/transfers';
import { caseFor, touchCase } from '../cases/access';
import { usersWithRole } from '../notifications/repository';
import { notify } from '../notifications/service';
import * as repo from './repository';

// Additional data of the encrypted texts, binding each to its row. Exported for the synthetic-data
// generator (src/generate), which must bind values exactly as this module does.
export const aad = {
  reason: (id: string) => `case_transfer.reason:${id}`,
  decisionNote: (id: string) => `case_transfer.decision_note:${id}`,
};

const transferPending = () => new AppError(409, 'transfer_pending');
const transferNotPending = () => new AppError(409, 'transfer_not_pending');

const resourceOf = (row: { id: string; from_territory: string; to_territory: string }): TransferResource => ({
  type: 'transfer',
  id: row.id,
  fromTerritory: row.from_territory,
  toTerritory: row.to_territory,
});

async function childCodeOf(db: DbOrTx, childId: string): Promise<string> {
  const row = await db.selectFrom('child').select('code').where('id', '=', childId).executeTakeFirstOrThrow();
  return row.code;
}

function toTransfer(
  ctx: AppContext,
  actor: Actor,
  row: repo.TransferRow,
  today = casablancaDate(),
): CaseTransfer {
  const open = row.status === 'requested';
  // The receiving side decides on this profile; once the request is closed, only the province that
  // holds the case keeps seeing how it goes on.
  const profile: TransferProfile | null =
    open || row.case_territory === actor.territoryCode
      ? {
          sex: row.sex,
          ageBand: ageBandFromBirthYear(row.birth_year, today),
          stage: row.stage as CircuitStage,
          dangerLevel: row.danger_level,
          harmForms: row.harm_forms,
          situations: row.situations,
        }
      : null;
  return {
    id: row.id,
    caseId: row.case_id,
    childCode: row.child_code,
    fromTerritoryCode: row.from_territory,
    toTerritoryCode: row.to_territory,
    status: row.status,
    reason: ctx.keyRing.decrypt(row.reason_enc, aad.reason(row.id)),
    decisionNote:
      row.decision_note_enc !== null
        ? ctx.keyRing.decrypt(row.decision_note_enc, aad.decisionNote(row.id))
        : null,
    requestedById: row.requested_by,
    requestedByName: row.requested_by_name,
    requestedAt: row.requested_at.toISOString(),
    decidedById: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at?.toISOString() ?? null,
    version: row.version,
    profile,
    permissions: {
      decide: open && can(actor, 'decide', resourceOf(row)),
      cancel: open && can(actor, 'cancel', resourceOf(row)),
    },
  };
}

async function transferOf(ctx: AppContext, db: DbOrTx, actor: Actor, id: string): Promise<CaseTransfer> {
  const row = await repo.findTransfer(db, id);
  if (!row) throw notFound();
  return toTransfer(ctx, actor, row);
}

/**
 * The coordinator of the province that holds a case asks the DTIPE of another province to take it.
 * The case stays where it is, and fully workable, until the other side accepts.
 */
export async function requestTransfer(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  input: NewTransferInput,
): Promise<CaseTransfer> {
  const kase = await caseFor(ctx, request, actor, caseId, 'read');
  await authorize(ctx.db, request, actor, 'request', {
    type: 'transfer',
    id: kase.id,
    fromTerritory: kase.territory_code,
    toTerritory: input.toTerritoryCode,
  });
  // A closed case has no CAPE work left to hand over: it is reopened first.
  if (kase.closed_at) throw new AppError(409, 'case_closed');
  if (input.toTerritoryCode === kase.territory_code) {
    throw badRequest([{ path: 'toTerritoryCode', code: 'same_territory' }]);
  }
  const target = await repo.territoryWithDtipe(ctx.db, input.toTerritoryCode);
  if (!target) throw badRequest([{ path: 'toTerritoryCode', code: 'unknown_code' }]);
  if (!target.dtipe) throw badRequest([{ path: 'toTerritoryCode', code: 'no_dtipe_there' }]);
  if (await repo.openTransferOf(ctx.db, kase.id)) throw transferPending();
  const id = randomUUID();
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await repo.insertTransfer(tx, {
        id,
        case_id: kase.id,
        from_territory: kase.territory_code,
        to_territory: target.code,
        reason_enc: ctx.keyRing.encrypt(input.reason, aad.reason(id)),
        requested_by: actor.id,
      });
      await touchCase(tx, kase.id);
      await notify(ctx, tx, {
        userIds: await usersWithRole(tx, target.code, 'cape_coordinator'),
        kind: 'transfer_requested',
        // Codes only: the notice names the provinces and the child's pseudonymous code.
        data: {
          childCode: await childCodeOf(tx, kase.child_id),
          fromTerritoryCode: kase.territory_code,
          toTerritoryCode: target.code,
          path: '/transfers',
        },
      });
    });
  } catch (error) {
    // Two requests at the same moment: the partial unique index lets only one be open.
    throw isUniqueViolation(error) ? transferPending() : error;
  }
  return transferOf(ctx, ctx.db, actor, id);
}

/** The receiving coordinator accepts (the case moves, in one transaction) or declines with a reason. */
export async function decideTransfer(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  input: TransferDecisionInput,
): Promise<CaseTransfer> {
  const row = await repo.findTransfer(ctx.db, id);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'decide', resourceOf(row));
  if (row.version !== input.version) throw versionConflict(toTransfer(ctx, actor, row));
  if (row.status !== 'requested') throw transferNotPending();
  const note = input.note || null;
  if (!input.accept && note === null) throw badRequest([{ path: 'note', code: 'reason_required' }]);
  await ctx.db.transaction().execute(async (tx) => {
    const closed = await repo.closeTransferIfVersion(tx, id, input.version, {
      status: input.accept ? 'accepted' : 'declined',
      decision_note_enc: note !== null ? ctx.keyRing.encrypt(note, aad.decisionNote(id)) : null,
      decided_by: actor.id,
    });
    if (!closed) throw versionConflict(await transferOf(ctx, ctx.db, actor, id));
    const kase = await repo.lockCase(tx, row.case_id);
    await notify(ctx, tx, {
      userIds: [row.requested_by],
      kind: 'transfer_decided',
      data: {
        childCode: await childCodeOf(tx, kase.child_id),
        status: input.accept ? 'accepted' : 'declined',
        fromTerritoryCode: row.from_territory,
        toTerritoryCode: row.to_territory,
        path: '/transfers',
      },
    });
    if (!input.accept) return;
    // Closed while the request waited: nothing to take over (the sender cancels or reopens first).
    if (kase.closed_at) throw new AppError(409, 'case_closed');
    await repo.moveCase(tx, kase, row.to_territory, actor.id);
    await recordAudit(tx, originOf(request), {
      event: 'case_transferred',
      actor,
      target: { type: 'case', id: kase.id },
      territoryCode: row.to_territory,
      details: { from: row.from_territory, to: row.to_territory },
    });
  });
  return transferOf(ctx, ctx.db, actor, id);
}

/**
 * The sending side withdraws its request while it is open. The receiving province's coordinators,
 * who had a decision waiting, are told (codes only), in the same transaction.
 */
export async function cancelTransfer(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  input: { version: number },
): Promise<CaseTransfer> {
  const row = await repo.findTransfer(ctx.db, id);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'cancel', resourceOf(row));
  if (row.version !== input.version) throw versionConflict(toTransfer(ctx, actor, row));
  if (row.status !== 'requested') throw transferNotPending();
  await ctx.db.transaction().execute(async (tx) => {
    const closed = await repo.closeTransferIfVersion(tx, id, input.version, {
      status: 'cancelled',
      decision_note_enc: null,
      decided_by: actor.id,
    });
    if (!closed) throw versionConflict(await transferOf(ctx, ctx.db, actor, id));
    await notify(ctx, tx, {
      userIds: await usersWithRole(tx, row.to_territory, 'cape_coordinator'),
      kind: 'transfer_cancelled',
      data: {
        childCode: row.child_code,
        fromTerritoryCode: row.from_territory,
        toTerritoryCode: row.to_territory,
        path: '/transfers?direction=incoming',
      },
    });
  });
  return transferOf(ctx, ctx.db, actor, id);
}

export async function getTransfer(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const row = await repo.findTransfer(ctx.db, id);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'read', resourceOf(row));
  return toTransfer(ctx, actor, row);
}

/** The coordinator's incoming or outgoing requests, for their own territory. */
export async function listTransfers(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  query: {
    direction: 'incoming' | 'outgoing';
    status?: TransferStatus | undefined;
    limit: number;
    offset: number;
  },
) {
  const territoryCode = actor.territoryCode;
  await authorize(ctx.db, request, actor, 'read', {
    type: 'transfer',
    fromTerritory: query.direction === 'outgoing' ? territoryCode : null,
    toTerritory: query.direction === 'incoming' ? territoryCode : null,
  });
  const { rows, total } = await repo.listTransfers(ctx.db, { ...query, territoryCode: territoryCode! });
  const today = casablancaDate();
  return { items: rows.map((row) => toTransfer(ctx, actor, row, today)), total };
}

/** A case's moves between provinces, for the CAPE that holds it now (the case page, the timeline). */
export async function transfersOfCase(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
) {
  const kase = await caseFor(ctx, request, actor, caseId, 'read');
  const today = casablancaDate();
  const items = (await repo.transfersOfCase(ctx.db, kase.id)).map((row) =>
    toTransfer(ctx, actor, row, today),
  );
  const mayRequest = can(actor, 'request', {
    type: 'transfer',
    id: kase.id,
    fromTerritory: kase.territory_code,
    toTerritory: null,
  });
  return {
    items,
    // The case page offers the request only when the server would take it.
    permissions: {
      request: mayRequest && kase.closed_at === null && !items.some((item) => item.status === 'requested'),
    },
  };
}
