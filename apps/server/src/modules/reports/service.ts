import type { NewReportInput } from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, type FieldProblem, notFound, versionConflict } from '../../platform/errors';
import { isReferenceCode, unknownCodes } from '../../platform/reference-codes';
import { authorize } from '../../policies';
import { caseFor } from '../cases/access';
import { openCase } from '../cases/service';
import { logAccess } from '../children/repository';
import { checkIdentity, registerChild } from '../children/service';
import * as repo from './repository';

// Additional data of the encrypted texts, binding each to its row. Exported for the synthetic-data
// generator (src/generate), which must bind values exactly as this module does.
export const aad = {
  reporter: (id: string) => `report.reporter:${id}`,
  details: (id: string) => `report.details:${id}`,
  child: (id: string, position: number) => `report_child.description:${id}:${position}`,
};

interface ReportedChild {
  firstName: string | null;
  lastName: string | null;
  approximateAge: number | null;
  sex: 'female' | 'male' | 'unknown';
  notes: string | null;
}

function toSummary(row: repo.ReportRow & { children_count?: string | number | null }) {
  return {
    id: row.id,
    territoryCode: row.territory_code,
    sourceCode: row.source_code,
    receivedAt: row.received_at.toISOString(),
    urgency: row.urgency,
    harmForms: row.harm_forms,
    status: row.status,
    childrenCount: Number(row.children_count ?? 0),
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

/** بطاقة التبليغ: recorded by CAPE staff or a partner; lands in the territory's triage queue. */
export async function createReport(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  input: NewReportInput,
) {
  await authorize(ctx.db, request, actor, 'create', { type: 'report', territoryCode: input.territoryCode });
  const problems: FieldProblem[] = [...unknownCodes('harm_forms', input.harmForms, 'harmForms')];
  if (!isReferenceCode('report_sources', input.sourceCode))
    problems.push({ path: 'sourceCode', code: 'unknown_code' });
  if (!(await repo.territoryExists(ctx.db, input.territoryCode)))
    problems.push({ path: 'territoryCode', code: 'unknown_code' });
  else if (
    input.communeId &&
    !(await repo.communeInTerritory(ctx.db, input.communeId, input.territoryCode))
  ) {
    problems.push({ path: 'communeId', code: 'unknown_code' });
  }
  // A minute of clock difference between a phone and the server is not a report from the future.
  if (new Date(input.receivedAt).getTime() > Date.now() + 60_000)
    problems.push({ path: 'receivedAt', code: 'report_in_future' });
  if (problems.length) throw badRequest(problems);

  const id = crypto.randomUUID();
  const reporter = input.reporter?.anonymous
    ? { anonymous: true, name: null, phone: null, relation: input.reporter.relation }
    : input.reporter;
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('report')
      .values({
        id,
        territory_code: input.territoryCode,
        source_code: input.sourceCode,
        received_at: input.receivedAt,
        commune_id: input.communeId,
        urgency: input.urgency,
        harm_forms: [...new Set(input.harmForms)],
        reporter_anonymous: reporter?.anonymous ?? false,
        reporter_enc: reporter ? ctx.keyRing.encrypt(JSON.stringify(reporter), aad.reporter(id)) : null,
        details_enc: ctx.keyRing.encrypt(
          JSON.stringify({ address: input.address, facts: input.facts }),
          aad.details(id),
        ),
        created_by: actor.id,
        created_by_institution: actor.institutionId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('report_child')
      .values(
        input.children.map((c, position) => ({
          report_id: id,
          position,
          sex: c.sex,
          description_enc: ctx.keyRing.encrypt(JSON.stringify(c), aad.child(id, position)),
        })),
      )
      .execute();
    return toSummary({ ...row, children_count: input.children.length });
  });
}

export async function listTriageQueue(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  query: {
    territoryCode?: string | undefined;
    status: 'new' | 'triaged' | 'closed';
    limit: number;
    offset: number;
  },
) {
  const territoryCode = actor.territoryCode ?? query.territoryCode;
  if (!territoryCode) throw badRequest([{ path: 'territoryCode', code: 'required' }]);
  await authorize(ctx.db, request, actor, 'triage', { type: 'report', territoryCode });
  const { rows, ...count } = await repo.listReports(ctx.db, {
    territoryCode,
    status: query.status,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: rows.map(toSummary), ...count };
}

/** A reporter's own reports: what became of them (status only, nothing of the case). */
export async function listMyReports(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  page: { limit: number; offset: number },
) {
  await authorize(ctx.db, request, actor, 'listOwn', {
    type: 'report',
    territoryCode: actor.territoryCode ?? '',
  });
  const { rows, ...count } = await repo.listReports(ctx.db, { createdBy: actor.id, ...page });
  return { items: rows.map(toSummary), ...count };
}

export async function getReport(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const row = await repo.findReport(ctx.db, id);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'read', {
    type: 'report',
    territoryCode: row.territory_code,
    createdBy: row.created_by,
  });
  const children = await repo.reportChildren(ctx.db, id);
  const details = JSON.parse(ctx.keyRing.decrypt(row.details_enc, aad.details(id))) as {
    address: string | null;
    facts: string;
  };
  const reporter = row.reporter_enc
    ? JSON.parse(ctx.keyRing.decrypt(row.reporter_enc, aad.reporter(id)))
    : null;
  await logAccess(ctx.db, [
    {
      user_id: actor.id,
      child_id: null,
      case_id: null,
      territory_code: row.territory_code,
      what: 'report',
      target_id: id,
      ip: request.ip,
    },
  ]);
  return {
    ...toSummary({ ...row, children_count: children.length }),
    communeId: row.commune_id,
    address: details.address,
    facts: details.facts,
    reporter,
    closedReason: row.closed_reason,
    children: children.map((c) => ({
      ...(JSON.parse(ctx.keyRing.decrypt(c.description_enc, aad.child(id, c.position))) as ReportedChild),
      position: c.position,
      childId: c.child_id,
      caseId: c.case_id,
    })),
  };
}

type TriageInput =
  | {
      action: 'new_child';
      position: number;
      child: { sex: 'female' | 'male' | 'unknown'; identity: Parameters<typeof checkIdentity>[0] };
      situations: string[];
      assignedWorkerId: string | null;
    }
  | {
      action: 'existing_child';
      position: number;
      childId: string;
      situations: string[];
      assignedWorkerId: string | null;
    }
  | { action: 'link_case'; position: number; caseId: string };

/**
 * Triage of one child of a report: a case is opened (for a new or an already registered child) or
 * the report joins the child's open case. Registering, opening and marking happen in one transaction.
 */
export async function triageChild(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  reportId: string,
  input: TriageInput,
) {
  const report = await repo.findReport(ctx.db, reportId);
  if (!report) throw notFound();
  await authorize(ctx.db, request, actor, 'triage', { type: 'report', territoryCode: report.territory_code });
  if (input.action === 'new_child') {
    const problems = checkIdentity(input.child.identity, {
      reportDate: report.received_at.toISOString().slice(0, 10),
      situations: input.situations,
      prefix: 'child.identity',
    });
    if (problems.length) throw badRequest(problems);
  }
  const linkedCase =
    input.action === 'link_case' ? await caseFor(ctx, request, actor, input.caseId, 'update') : null;

  type Outcome = { conflict: 'report_closed' | 'already_triaged' } | { childId: string; caseId: string };
  const result = await ctx.db.transaction().execute(async (tx): Promise<Outcome> => {
    const locked = (await repo.lockReport(tx, reportId))!;
    if (locked.status === 'closed') return { conflict: 'report_closed' };
    const children = await repo.reportChildren(tx, reportId);
    const target = children.find((c) => c.position === input.position);
    if (!target) throw badRequest([{ path: 'position', code: 'invalid_value' }]);
    if (target.child_id) return { conflict: 'already_triaged' };

    let childId: string;
    let caseId: string;
    if (input.action === 'link_case') {
      const linked = linkedCase!;
      if (linked.closed_at || linked.territory_code !== report.territory_code) {
        throw badRequest([{ path: 'caseId', code: 'case_not_open_here' }]);
      }
      childId = linked.child_id;
      caseId = linked.id;
      await tx
        .updateTable('protection_case')
        .set((eb) => ({
          harm_forms: [...new Set([...linked.harm_forms, ...report.harm_forms])],
          version: eb('version', '+', 1),
          last_activity_at: new Date(),
        }))
        .where('id', '=', caseId)
        .execute();
    } else {
      if (input.action === 'existing_child') {
        const child = await tx
          .selectFrom('child')
          .selectAll()
          .where('id', '=', input.childId)
          .executeTakeFirst();
        if (!child || child.merged_into || child.territory_code !== report.territory_code) {
          throw badRequest([{ path: 'childId', code: 'unknown_code' }]);
        }
        const open = await tx
          .selectFrom('protection_case')
          .select('id')
          .where('child_id', '=', child.id)
          .where('closed_at', 'is', null)
          .executeTakeFirst();
        if (open) throw badRequest([{ path: 'childId', code: 'child_has_open_case' }]);
        childId = child.id;
      } else {
        childId = (
          await registerChild(ctx, tx, actor, { territoryCode: report.territory_code, ...input.child })
        ).id;
      }
      caseId = await openCase(tx, actor, {
        childId,
        territoryCode: report.territory_code,
        harmForms: report.harm_forms,
        situations: input.situations,
        workerId: input.assignedWorkerId,
      });
    }
    await tx
      .updateTable('report_child')
      .set({ child_id: childId, case_id: caseId })
      .where('report_id', '=', reportId)
      .where('position', '=', input.position)
      .execute();
    const allDone = children.every((c) => c.position === input.position || c.child_id !== null);
    await tx
      .updateTable('report')
      .set((eb) => ({
        version: eb('version', '+', 1),
        ...(allDone ? { status: 'triaged' as const, triaged_at: new Date(), triaged_by: actor.id } : {}),
      }))
      .where('id', '=', reportId)
      .execute();
    return { childId, caseId };
  });
  if ('conflict' in result) throw new AppError(409, result.conflict);
  return result;
}

export async function closeReport(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  reportId: string,
  input: { reason: string; version: number },
) {
  const report = await repo.findReport(ctx.db, reportId);
  if (!report) throw notFound();
  await authorize(ctx.db, request, actor, 'triage', { type: 'report', territoryCode: report.territory_code });
  if (report.status !== 'new') throw new AppError(409, 'report_not_new');
  const updated = await ctx.db
    .updateTable('report')
    .set((eb) => ({
      status: 'closed' as const,
      closed_reason: input.reason,
      triaged_at: new Date(),
      triaged_by: actor.id,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', reportId)
    .where('version', '=', input.version)
    .where('status', '=', 'new')
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw versionConflict(toSummary((await repo.findReport(ctx.db, reportId))!));
  return toSummary(updated);
}
