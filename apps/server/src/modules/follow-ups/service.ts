import { randomUUID } from 'node:crypto';
import {
  casablancaDate,
  type FollowUp,
  type NewFollowUpInput,
  type OverdueFollowUp,
  UNASSIGNED_WORKER,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import { badRequest, type FieldProblem, notFound } from '../../platform/errors';
import { authorize } from '../../policies';
import { caseFor, recordCaseView } from '../cases/access';
import { notify } from '../notifications/service';
import * as repo from './repository';

export const followUpContentAad = (id: string) => `follow_up.content:${id}`;

/** A contact time a little ahead of the server's clock is a device clock, not a contact in the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

interface FollowUpContent {
  observations: string;
  childViews: string;
  nextSteps: string | null;
}

function toFollowUp(ctx: AppContext, row: repo.FollowUpRow): FollowUp {
  const content = JSON.parse(
    ctx.keyRing.decrypt(row.content_enc, followUpContentAad(row.id)),
  ) as FollowUpContent;
  return {
    id: row.id,
    caseId: row.case_id,
    contactType: row.contact_type,
    contactAt: row.contact_at.toISOString(),
    observations: content.observations,
    childViews: content.childViews,
    nextSteps: content.nextSteps,
    nextFollowUpOn: row.next_follow_up_on,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Records a follow-up card (بطاقة التتبع). Observations, the child's own words and the next steps
 * are one encrypted envelope; the case's next follow-up date moves in the same transaction.
 */
export async function createFollowUp(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  input: NewFollowUpInput,
) {
  const row = await caseFor(ctx, request, actor, caseId, 'followUp');
  const now = new Date();
  const contactAt = new Date(input.contactAt);
  const problems: FieldProblem[] = [];
  if (contactAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    problems.push({ path: 'contactAt', code: 'in_future' });
  if (input.nextFollowUpOn < casablancaDate(now)) problems.push({ path: 'nextFollowUpOn', code: 'in_past' });
  if (problems.length) throw badRequest(problems);

  const id = randomUUID();
  const content: FollowUpContent = {
    observations: input.observations,
    childViews: input.childViews,
    nextSteps: input.nextSteps || null,
  };
  return ctx.db.transaction().execute(async (tx) => {
    await repo.insertFollowUp(tx, {
      id,
      case_id: row.id,
      territory_code: row.territory_code,
      contact_type: input.contactType,
      contact_at: contactAt,
      content_enc: ctx.keyRing.encrypt(JSON.stringify(content), followUpContentAad(id)),
      next_follow_up_on: input.nextFollowUpOn,
      created_by: actor.id,
    });
    const caseVersion = await repo.setNextFollowUp(tx, row.id, input.nextFollowUpOn);
    const created = await repo.findFollowUp(tx, id);
    if (!created) throw notFound();
    return { followUp: toFollowUp(ctx, created), caseVersion };
  });
}

/** A case's follow-up cards, latest first. They hold what the child said: each reading is logged. */
export async function listFollowUps(ctx: AppContext, request: FastifyRequest, actor: Actor, caseId: string) {
  const row = await caseFor(ctx, request, actor, caseId, 'read');
  const rows = await repo.followUpsOf(ctx.db, row.id);
  await recordCaseView(ctx.db, request, actor, row, 'follow_ups');
  return { items: rows.map((r) => toFollowUp(ctx, r)) };
}

/** Open cases of a territory whose follow-up date has passed (the CAPE's overdue list). */
export async function overdueFollowUps(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  query: { territoryCode?: string | undefined; limit: number; offset: number },
) {
  const territoryCode = query.territoryCode ?? actor.territoryCode;
  await authorize(ctx.db, request, actor, 'list', {
    type: 'case',
    // A national account has no territory of its own to default to; the policy refuses it.
    territoryCode: territoryCode ?? '',
    assignedWorkerId: null,
  });
  const today = casablancaDate();
  const { rows, total } = await repo.overdueCases(ctx.db, {
    territoryCode: territoryCode!,
    today,
    limit: query.limit,
    offset: query.offset,
  });
  const items: OverdueFollowUp[] = rows.map((r) => ({
    caseId: r.id,
    childCode: r.child_code,
    territoryCode: r.territory_code,
    stage: r.stage,
    dangerLevel: r.danger_level,
    nextFollowUpOn: r.next_follow_up_on,
    daysOverdue: Number(r.days_overdue),
    assignedWorkerId: r.assigned_worker_id,
    assignedWorkerName: r.assigned_worker_name,
  }));
  return { today, items, total };
}

/** A worker still behind on the same cases is reminded again after a week, not every morning. */
export const FOLLOW_UP_REMINDER_REPEAT_DAYS = 7;

/** The worker's own overdue cases in the caseload, the longest overdue first (ids only in the URL). */
export const overdueFollowUpsPath = (workerId: string) =>
  `/cases?view=overdue_follow_up&workerId=${encodeURIComponent(workerId)}&sort=next_follow_up`;

/** The coordinator's territory's overdue cases that no worker holds, the longest overdue first. */
export const unassignedOverdueFollowUpsPath = () =>
  `/cases?view=overdue_follow_up&workerId=${UNASSIGNED_WORKER}&sort=next_follow_up`;

/**
 * The daily reminder of overdue follow-ups: each caseworker with open cases past their follow-up
 * date gets one notice summing them up (how many, the longest overdue in days) that leads to their
 * overdue follow-ups in the caseload — not one notice per case, which would bury the bell of a
 * worker with thirty late visits. The cases no worker holds would otherwise reach nobody: each CAPE
 * coordinator of their territory gets one summary of those (`follow_up_overdue_unassigned`), leading
 * to the unassigned overdue cases of the caseload, where they can be given to a worker.
 * Claimed per recipient and day in the primary database (see repo.claimFollowUpReminders and
 * repo.claimUnassignedFollowUpReminders), so a second run the same day, on any instance, sends
 * nothing; a recipient is told again when a case became overdue since, or after a week. Counts and
 * ids only: never a child's code or name. Returns the notices sent.
 */
export async function remindOverdueFollowUps(ctx: AppContext, today = casablancaDate()) {
  return ctx.db.transaction().execute(async (tx) => {
    const summary = (
      userId: string,
      kind: 'follow_up_overdue' | 'follow_up_overdue_unassigned',
      c: { overdue: number; most_days_overdue: number },
      path: string,
    ) =>
      notify(ctx, tx, {
        userIds: [userId],
        kind,
        data: { overdue: c.overdue, mostDaysOverdue: c.most_days_overdue, path },
      });
    const claimed = await repo.claimFollowUpReminders(tx, today, FOLLOW_UP_REMINDER_REPEAT_DAYS);
    for (const c of claimed) {
      await summary(c.worker_id, 'follow_up_overdue', c, overdueFollowUpsPath(c.worker_id));
    }
    const unassigned = await repo.claimUnassignedFollowUpReminders(tx, today, FOLLOW_UP_REMINDER_REPEAT_DAYS);
    for (const c of unassigned) {
      await summary(c.coordinator_id, 'follow_up_overdue_unassigned', c, unassignedOverdueFollowUpsPath());
    }
    return {
      workers: claimed.map((c) => ({
        workerId: c.worker_id,
        overdue: c.overdue,
        mostDaysOverdue: c.most_days_overdue,
      })),
      coordinators: unassigned.map((c) => ({
        coordinatorId: c.coordinator_id,
        territoryCode: c.territory_code,
        overdue: c.overdue,
        mostDaysOverdue: c.most_days_overdue,
      })),
    };
  });
}
