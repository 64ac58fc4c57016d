import { createHash, randomUUID } from 'node:crypto';
import {
  addDays,
  ageBandFromBirthYear,
  type ChildIdentity,
  type CircuitRow,
  CLOSED_REFERRAL_STATUSES,
  casablancaDate,
  type DocumentContentType,
  type NewReferralInput,
  type NotificationKind,
  OPEN_REFERRAL_STATUSES,
  type PlanItemStatus,
  REFERRAL_OPTIONAL_SECTIONS,
  REFERRAL_UPDATED_EVENT,
  type ReferralAttachment,
  type ReferralCard,
  type ReferralMessage,
  type ReferralSection,
  type ReferralStatus,
  type ReferralSummary,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import type { Updateable } from 'kysely';
import type { Actor } from '../../platform/auth/actor';
import { TtlCache } from '../../platform/cache';
import { type AppContext, forReading } from '../../platform/context';
import { type DbOrTx, isUniqueViolation } from '../../platform/db/database';
import type { ReferralCardTable } from '../../platform/db/schema';
import { AppError, badRequest, type FieldProblem, notFound, versionConflict } from '../../platform/errors';
import { authorize, can } from '../../policies';
import type { ReferralResource } from '../../policies/referrals';
import { caseFor, touchCase } from '../cases/access';
import { decryptIdentity } from '../children/identity';
import { casePrefix, findChild, logAccess } from '../children/repository';
import { announce, notify } from '../notifications/service';
import { checkDocumentUpload, EXTENSIONS, type Upload } from '../records/service';
import * as repo from './repository';

/**
 * Additional data binding each encrypted text to its row. Exported for the synthetic-data generator
 * (src/generate), which must bind values exactly as this module does.
 */
export const aad = {
  note: (id: string) => `referral_card.note:${id}`,
  measures: (id: string) => `referral_card.measures:${id}`,
  declineReason: (id: string) => `referral_card.decline_reason:${id}`,
  message: (id: string) => `referral_message.body:${id}`,
  attachmentTitle: (id: string) => `referral_attachment.title:${id}`,
  // Written by the plans module: must stay equal to its own.
  planItemNeed: (id: string) => `plan_item.need:${id}`,
};

const cardClosed = () => new AppError(409, 'card_closed');
const stepNotAllowed = () => new AppError(409, 'card_step_not_allowed');

const isClosed = (status: ReferralStatus) => CLOSED_REFERRAL_STATUSES.includes(status);
const isOpen = (status: ReferralStatus) => OPEN_REFERRAL_STATUSES.includes(status);

type Side = 'sender' | 'receiver';

const resourceOf = (card: {
  id: string;
  territory_code: string;
  receiving_institution_id: string;
  status: ReferralStatus;
}): ReferralResource => ({
  type: 'referral',
  id: card.id,
  territoryCode: card.territory_code,
  receivingInstitutionId: card.receiving_institution_id,
  status: card.status,
});

/** The side a user reads a card from (the policy has decided they may read it). */
function sideOf(actor: Actor, card: repo.CardRow): Side {
  return can(actor, 'create', {
    type: 'referral',
    territoryCode: card.territory_code,
    receivingInstitutionId: null,
  })
    ? 'sender'
    : 'receiver';
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

function institutionOf(
  id: string | null,
  row: { name_ar: string | null; name_fr: string | null; sector: string | null; territory: string | null },
) {
  if (id === null || row.name_ar === null) return null;
  return {
    id,
    nameAr: row.name_ar,
    nameFr: row.name_fr ?? '',
    sectorCode: row.sector ?? '',
    territoryCode: row.territory ?? '',
  };
}

function toSummary(row: repo.CardRow, today: string): ReferralSummary {
  return {
    id: row.id,
    number: row.number,
    caseId: row.case_id,
    planItemId: row.plan_item_id,
    childCode: row.child_code,
    territoryCode: row.territory_code,
    serviceCode: row.service_code,
    urgency: row.urgency,
    dueOn: row.due_on,
    status: row.status,
    overdue: isOpen(row.status) && row.due_on < today,
    escalated: row.escalated_at !== null,
    senderInstitution: institutionOf(row.sender_institution_id, {
      name_ar: row.sender_name_ar,
      name_fr: row.sender_name_fr,
      sector: row.sender_sector_code,
      territory: row.sender_territory_code,
    }),
    senderName: row.sender_user_name,
    receivingInstitution: institutionOf(row.receiving_institution_id, {
      name_ar: row.receiving_name_ar,
      name_fr: row.receiving_name_fr,
      sector: row.receiving_sector_code,
      territory: row.receiving_territory_code,
    })!,
    messageCount: Number(row.message_count),
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

function toAttachment(ctx: AppContext, row: repo.AttachmentRow): ReferralAttachment {
  return {
    id: row.id,
    cardId: row.card_id,
    side: row.side,
    documentType: row.document_type as ReferralAttachment['documentType'],
    title: ctx.keyRing.decrypt(row.title_enc, aad.attachmentTitle(row.id)),
    contentType: row.content_type as DocumentContentType,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedById: row.uploaded_by,
    uploadedByName: row.full_name,
    createdAt: row.created_at.toISOString(),
  };
}

function toMessage(ctx: AppContext, row: repo.MessageRow): ReferralMessage {
  return {
    id: row.id,
    cardId: row.card_id,
    side: row.side,
    authorId: row.author_id,
    authorName: row.full_name,
    body: ctx.keyRing.decrypt(row.body_enc, aad.message(row.id)),
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * A card as one side sees it. What the card shares of the child's file is read live from the
 * case; the identity is decrypted only for the receiving side, only when shared (`withIdentity`:
 * the caller logs that view).
 */
async function buildCard(
  ctx: AppContext,
  db: DbOrTx,
  actor: Actor,
  row: repo.CardRow,
  options: { withIdentity: boolean },
): Promise<ReferralCard> {
  const today = casablancaDate();
  const side = sideOf(actor, row);
  const sections = new Set(row.shared_sections as ReferralSection[]);
  const [child, kase, assessment, planItem, attachments, names] = await Promise.all([
    findChild(db, row.child_id),
    db
      .selectFrom('protection_case')
      .select(['harm_forms', 'situations', 'danger_level'])
      .where('id', '=', row.case_id)
      .executeTakeFirstOrThrow(),
    sections.has('assessment') ? repo.latestAssessment(db, row.case_id) : undefined,
    sections.has('plan_item_need') ? repo.findPlanItem(db, row.plan_item_id) : undefined,
    repo.listAttachments(db, row.id),
    repo.userNames(db, [
      row.sent_by,
      row.received_by,
      row.started_by,
      row.completed_by,
      row.declined_by,
      row.cancelled_by,
    ]),
  ]);
  const step = (at: Date | null, by: string | null) =>
    at && by ? { at: at.toISOString(), byId: by, byName: names.get(by) ?? '' } : null;
  const identity: ChildIdentity | null =
    options.withIdentity && side === 'receiver' && row.share_identity && child
      ? decryptIdentity(ctx.keyRing, child.id, child.identity_enc)
      : null;
  const score = assessment?.result as { total?: unknown; domains?: unknown } | undefined;
  const resource = resourceOf(row);
  const closed = isClosed(row.status);
  return {
    ...toSummary(row, today),
    side,
    version: row.version,
    sharedSections: row.shared_sections as ReferralSection[],
    shareIdentity: row.share_identity,
    note: row.note_enc ? ctx.keyRing.decrypt(row.note_enc, aad.note(row.id)) : null,
    shared: {
      profile: {
        childCode: row.child_code,
        sex: child?.sex ?? 'unknown',
        ageBand: ageBandFromBirthYear(child?.birth_year ?? null, today),
      },
      identity,
      situation: sections.has('situation')
        ? { harmForms: kase.harm_forms, situations: kase.situations, dangerLevel: kase.danger_level }
        : null,
      assessment: assessment
        ? {
            assessedAt: assessment.assessed_at.toISOString(),
            instrumentVersion: assessment.instrument_version,
            dangerLevel: assessment.danger_level,
            confirmedOrientation: assessment.confirmed_orientation,
            total: typeof score?.total === 'number' ? score.total : null,
            domains: Array.isArray(score?.domains)
              ? (
                  score.domains as { code: string; protective: boolean; score: number; maxScore: number }[]
                ).map((d) => ({
                  code: d.code,
                  protective: d.protective,
                  score: d.score,
                  maxScore: d.maxScore,
                }))
              : [],
          }
        : null,
      need: planItem?.need_enc ? ctx.keyRing.decrypt(planItem.need_enc, aad.planItemNeed(planItem.id)) : null,
    },
    measures: row.measures_enc ? ctx.keyRing.decrypt(row.measures_enc, aad.measures(row.id)) : null,
    declineReason: row.decline_reason_enc
      ? ctx.keyRing.decrypt(row.decline_reason_enc, aad.declineReason(row.id))
      : null,
    sent: step(row.sent_at, row.sent_by),
    received: step(row.received_at, row.received_by),
    started: step(row.started_at, row.started_by),
    completed: step(row.completed_at, row.completed_by),
    declined: step(row.declined_at, row.declined_by),
    cancelled: step(row.cancelled_at, row.cancelled_by),
    overdueNotifiedAt: row.overdue_notified_at?.toISOString() ?? null,
    escalatedAt: row.escalated_at?.toISOString() ?? null,
    attachments: attachments.map((a) => toAttachment(ctx, a)),
    permissions: {
      send: row.status === 'draft' && can(actor, 'send', resource),
      acknowledge: STEPS.acknowledge.from.includes(row.status) && can(actor, 'acknowledge', resource),
      start: STEPS.start.from.includes(row.status) && can(actor, 'start', resource),
      complete: STEPS.complete.from.includes(row.status) && can(actor, 'complete', resource),
      decline: STEPS.decline.from.includes(row.status) && can(actor, 'decline', resource),
      cancel: STEPS.cancel.from.includes(row.status) && can(actor, 'cancel', resource),
      message: row.status !== 'draft' && row.status !== 'cancelled' && can(actor, 'message', resource),
      attach: !closed && can(actor, 'attach', resource),
    },
  };
}

/** The card as it is now, for a 409 (the identity is not decrypted for it). */
async function currentCard(ctx: AppContext, actor: Actor, id: string) {
  const row = await repo.findCard(ctx.db, id);
  return row ? buildCard(ctx, ctx.db, actor, row, { withIdentity: false }) : null;
}

async function loadCard(db: DbOrTx, id: string) {
  const row = await repo.findCard(db, id);
  if (!row) throw notFound();
  return row;
}

/** Records a receiving user's view of a card: with the identity when it was shown. */
async function logCardAccess(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  row: repo.CardRow,
  what: 'referral_identity' | 'referral_card' | 'referral_attachment',
  targetId: string,
) {
  await logAccess(ctx.db, [
    {
      user_id: actor.id,
      child_id: row.child_id,
      case_id: row.case_id,
      territory_code: row.territory_code,
      what,
      target_id: targetId,
      ip: request.ip ?? null,
    },
  ]);
}

export async function getCard(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const row = await loadCard(ctx.db, id);
  await authorize(ctx.db, request, actor, 'read', resourceOf(row));
  const card = await buildCard(ctx, ctx.db, actor, row, { withIdentity: true });
  // The CAPE reads its own case; a partner's view of a child's data is logged (law 09-08).
  if (card.side === 'receiver') {
    await logCardAccess(
      ctx,
      request,
      actor,
      row,
      card.shared.identity ? 'referral_identity' : 'referral_card',
      row.id,
    );
  }
  return card;
}

// ---------------------------------------------------------------------------------------------
// Real time: who hears of a card
// ---------------------------------------------------------------------------------------------

interface Audience {
  receivers: string[];
  senders: string[];
}

/**
 * The receiving side: the institution's active focal points (not while the card is a draft). The
 * sending side: the case's assigned social worker (else the CAPE coordinators) and the card's sender.
 */
async function audienceOf(
  db: DbOrTx,
  card: { case_id: string; territory_code: string; receiving_institution_id: string; sender_user_id: string },
  status: ReferralStatus,
): Promise<Audience> {
  const [receivers, worker] = await Promise.all([
    status === 'draft' ? Promise.resolve([]) : repo.focalPoints(db, card.receiving_institution_id),
    repo.assignedWorker(db, card.case_id),
  ]);
  const senders = worker ? [worker] : await repo.coordinators(db, card.territory_code);
  return { receivers, senders: [...new Set([...senders, card.sender_user_id])] };
}

const noticeData = (
  card: { id: string; number: string; case_id: string },
  childCode: string,
  status: ReferralStatus,
) => ({
  cardId: card.id,
  cardNumber: card.number,
  childCode,
  caseId: card.case_id,
  status,
  path: `/referrals/${card.id}`,
});

/**
 * Tells the other side (a notification) and both sides' open pages (a live event), inside the
 * transaction: nothing is heard of a step that was not saved. The actor is not notified of their
 * own step.
 */
async function tell(
  ctx: AppContext,
  tx: DbOrTx,
  card: {
    id: string;
    number: string;
    case_id: string;
    territory_code: string;
    receiving_institution_id: string;
    sender_user_id: string;
  },
  childCode: string,
  status: ReferralStatus,
  notice: { kind: NotificationKind; to: Side | 'both' } | null,
  actorId: string | null,
) {
  const audience = await audienceOf(tx, card, status);
  const data = noticeData(card, childCode, status);
  if (notice) {
    const to = [
      ...(notice.to !== 'sender' ? audience.receivers : []),
      ...(notice.to !== 'receiver' ? audience.senders : []),
    ].filter((id) => id !== actorId);
    if (to.length) await notify(ctx, tx, { userIds: to, kind: notice.kind, data });
  }
  await announce(
    tx,
    [...audience.receivers, ...audience.senders, ...(actorId ? [actorId] : [])],
    REFERRAL_UPDATED_EVENT,
    {
      cardId: card.id,
      caseId: card.case_id,
      status,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Creating a card
// ---------------------------------------------------------------------------------------------

async function planItemFor(ctx: AppContext, id: string) {
  const item = await repo.findPlanItem(ctx.db, id);
  if (!item) throw notFound();
  return item;
}

/** Default due date: the plan item's (the protocol's maximum delay), or today when that is past. */
function defaultDueOn(itemDueOn: string, today: string) {
  return itemDueOn < today ? today : itemDueOn;
}

export async function suggestions(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  planItemId: string,
) {
  const item = await planItemFor(ctx, planItemId);
  const kase = await caseFor(ctx, request, actor, item.case_id, 'read');
  await authorize(ctx.db, request, actor, 'create', {
    type: 'referral',
    id: item.id,
    territoryCode: kase.territory_code,
    receivingInstitutionId: null,
  });
  const rows = await repo.suggestedInstitutions(ctx.db, {
    territoryCode: kase.territory_code,
    serviceCode: item.service_code,
    sectorCode: item.sector_code,
  });
  return {
    planItemId: item.id,
    serviceCode: item.service_code,
    sectorCode: item.sector_code,
    suggestedDueOn: defaultDueOn(item.due_on, casablancaDate()),
    openCardId: await repo.openCardOf(ctx.db, item.id),
    items: rows.map((r) => ({
      id: r.id,
      nameAr: r.name_ar,
      nameFr: r.name_fr,
      sectorCode: r.sector_code,
      territoryCode: r.territory_code,
      type: r.type,
      match: r.offers ? ('offers_service' as const) : ('sector' as const),
      sameTerritory: r.territory_code === kase.territory_code,
      focalPoints: Number(r.focal_points),
    })),
  };
}

/** The sections stored: profile always, identity with `shareIdentity`, then the chosen ones. */
function sectionsOf(input: {
  sharedSections?: readonly string[];
  shareIdentity?: boolean;
}): ReferralSection[] {
  const chosen = new Set(input.sharedSections ?? []);
  return [
    'profile',
    ...(input.shareIdentity ? (['identity'] as const) : []),
    ...REFERRAL_OPTIONAL_SECTIONS.filter((s) => chosen.has(s)),
  ];
}

/** A draft card for a service of the case plan, to an institution of any province. */
export async function createReferral(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  planItemId: string,
  input: NewReferralInput,
): Promise<ReferralCard> {
  const item = await planItemFor(ctx, planItemId);
  const kase = await caseFor(ctx, request, actor, item.case_id, 'plan');
  await authorize(ctx.db, request, actor, 'create', {
    type: 'referral',
    id: item.id,
    territoryCode: kase.territory_code,
    receivingInstitutionId: input.receivingInstitutionId,
  });
  if (item.status === 'delivered') throw new AppError(409, 'plan_item_delivered');
  if (await repo.openCardOf(ctx.db, item.id)) throw new AppError(409, 'referral_already_open');

  const today = casablancaDate();
  const problems: FieldProblem[] = [];
  const institution = await repo.findInstitution(ctx.db, input.receivingInstitutionId);
  if (!institution) problems.push({ path: 'receivingInstitutionId', code: 'unknown_code' });
  else if (!institution.active)
    problems.push({ path: 'receivingInstitutionId', code: 'inactive_institution' });
  else if (
    !input.confirmServiceMismatch &&
    !(await repo.offersService(ctx.db, institution.id, item.service_code))
  ) {
    problems.push({ path: 'confirmServiceMismatch', code: 'service_not_offered_confirm' });
  }
  if (input.dueOn !== undefined && input.dueOn < today) problems.push({ path: 'dueOn', code: 'in_past' });
  if (problems.length) throw badRequest(problems);

  const prefix = (await casePrefix(ctx.db, kase.territory_code)) ?? kase.territory_code.toUpperCase();
  const year = Number(today.slice(0, 4));
  const id = randomUUID();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const seq = await repo.nextCardNumber(tx, kase.territory_code, year);
      await repo.insertCard(tx, {
        id,
        number: `RC-${prefix}-${year}-${String(seq).padStart(5, '0')}`,
        case_id: kase.id,
        plan_item_id: item.id,
        territory_code: kase.territory_code,
        sender_institution_id: actor.institutionId,
        sender_user_id: actor.id,
        receiving_institution_id: input.receivingInstitutionId,
        service_code: item.service_code,
        urgency: input.urgency,
        due_on: input.dueOn ?? defaultDueOn(item.due_on, today),
        shared_sections: sectionsOf(input),
        share_identity: input.shareIdentity ?? false,
        note_enc: input.note ? ctx.keyRing.encrypt(input.note, aad.note(id)) : null,
      });
      await touchCase(tx, kase.id);
      const row = await loadCard(tx, id);
      await tell(ctx, tx, row, row.child_code, 'draft', null, actor.id);
      return buildCard(ctx, tx, actor, row, { withIdentity: false });
    });
  } catch (error) {
    // Two drafts for the same item at the same moment: the unique index keeps one.
    if (isUniqueViolation(error)) throw new AppError(409, 'referral_already_open');
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------

type StepName = 'send' | 'acknowledge' | 'start' | 'complete' | 'decline' | 'cancel';

interface StepSpec {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  /** What the plan item becomes, and from which statuses (others are left as the caseworker set them). */
  planItem?: { status: PlanItemStatus; onlyFrom?: readonly PlanItemStatus[] };
  notice: { kind: NotificationKind; to: Side } | null;
}

const STEPS: Record<StepName, StepSpec> = {
  send: {
    from: ['draft'],
    to: 'sent',
    planItem: { status: 'requested' },
    notice: { kind: 'referral_received', to: 'receiver' },
  },
  acknowledge: {
    from: ['sent'],
    to: 'received',
    notice: { kind: 'referral_acknowledged', to: 'sender' },
  },
  start: {
    from: ['sent', 'received'],
    to: 'in_progress',
    planItem: { status: 'in_progress', onlyFrom: ['planned', 'requested'] },
    notice: { kind: 'referral_answered', to: 'sender' },
  },
  complete: {
    from: ['sent', 'received', 'in_progress'],
    to: 'completed',
    planItem: { status: 'delivered' },
    notice: { kind: 'referral_completed', to: 'sender' },
  },
  decline: {
    from: ['sent', 'received', 'in_progress'],
    to: 'declined',
    // The service is to be found elsewhere: the item is free for another card.
    planItem: { status: 'planned', onlyFrom: ['requested', 'in_progress'] },
    notice: { kind: 'referral_declined', to: 'sender' },
  },
  cancel: {
    from: ['draft', 'sent', 'received', 'in_progress'],
    to: 'cancelled',
    planItem: { status: 'planned', onlyFrom: ['requested', 'in_progress'] },
    notice: { kind: 'referral_cancelled', to: 'receiver' },
  },
};

/**
 * One step of a card's life, timestamped and attributed, with its plan item, in one transaction.
 * Answers on a closed card: 409 `card_closed`; a stale version (two answers racing): 409
 * `version_conflict` with the card as it is; a step the card's status does not allow: 409
 * `card_step_not_allowed`.
 */
async function moveCard(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  name: StepName,
  version: number,
  values: (row: repo.CardRow, now: Date) => Updateable<ReferralCardTable>,
  check?: (row: repo.CardRow) => Promise<void>,
): Promise<ReferralCard> {
  const spec = STEPS[name];
  const before = await loadCard(ctx.db, id);
  await authorize(ctx.db, request, actor, name, resourceOf(before));
  if (isClosed(before.status)) throw cardClosed();
  if (before.version !== version) throw versionConflict(await currentCard(ctx, actor, id));
  if (!spec.from.includes(before.status)) throw stepNotAllowed();
  await check?.(before);
  const now = new Date();
  return ctx.db.transaction().execute(async (tx) => {
    const moved = await repo.updateCardIfVersion(tx, id, version, spec.from, {
      ...values(before, now),
      status: spec.to,
    });
    if (!moved) {
      const current = await repo.findCard(ctx.db, id);
      if (current && isClosed(current.status)) throw cardClosed();
      throw versionConflict(await currentCard(ctx, actor, id));
    }
    // A draft withdrawn was never requested: its plan item did not move.
    if (spec.planItem && !(name === 'cancel' && before.status === 'draft')) {
      await repo.setPlanItemStatus(tx, before.plan_item_id, {
        status: spec.planItem.status,
        ...(spec.planItem.onlyFrom ? { onlyFrom: spec.planItem.onlyFrom } : {}),
        ...(name === 'send' ? { institutionId: before.receiving_institution_id } : {}),
      });
    }
    await touchCase(tx, before.case_id);
    const notice = name === 'cancel' && before.status === 'draft' ? null : spec.notice;
    await tell(ctx, tx, before, before.child_code, spec.to, notice, actor.id);
    const row = await loadCard(tx, id);
    return buildCard(ctx, tx, actor, row, { withIdentity: false });
  });
}

/** Any answer from the receiving side acknowledges the card, if that was not done yet. */
const acknowledgedBy = (actor: Actor, row: repo.CardRow, now: Date) => ({
  received_at: row.received_at ?? now,
  received_by: row.received_by ?? actor.id,
});

export function sendReferral(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  version: number,
) {
  return moveCard(
    ctx,
    request,
    actor,
    id,
    'send',
    version,
    (_row, now) => ({ sent_at: now, sent_by: actor.id }),
    async (row) => {
      // The institution may have closed since the draft was written.
      const institution = await repo.findInstitution(ctx.db, row.receiving_institution_id);
      if (!institution?.active)
        throw badRequest([{ path: 'receivingInstitutionId', code: 'inactive_institution' }]);
    },
  );
}

export function acknowledgeReferral(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  version: number,
) {
  return moveCard(ctx, request, actor, id, 'acknowledge', version, (_row, now) => ({
    received_at: now,
    received_by: actor.id,
  }));
}

export function startReferral(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  version: number,
) {
  return moveCard(ctx, request, actor, id, 'start', version, (row, now) => ({
    ...acknowledgedBy(actor, row, now),
    started_at: now,
    started_by: actor.id,
  }));
}

export function completeReferral(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  input: { measures: string; version: number },
) {
  return moveCard(ctx, request, actor, id, 'complete', input.version, (row, now) => ({
    ...acknowledgedBy(actor, row, now),
    measures_enc: ctx.keyRing.encrypt(input.measures, aad.measures(row.id)),
    completed_at: now,
    completed_by: actor.id,
  }));
}

export function declineReferral(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  input: { reason: string; version: number },
) {
  return moveCard(ctx, request, actor, id, 'decline', input.version, (row, now) => ({
    ...acknowledgedBy(actor, row, now),
    decline_reason_enc: ctx.keyRing.encrypt(input.reason, aad.declineReason(row.id)),
    declined_at: now,
    declined_by: actor.id,
  }));
}

export function cancelReferral(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  version: number,
) {
  return moveCard(ctx, request, actor, id, 'cancel', version, (_row, now) => ({
    cancelled_at: now,
    cancelled_by: actor.id,
  }));
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

export async function listReferrals(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  query: {
    box: 'inbox' | 'outbox';
    status?: ReferralStatus | undefined;
    overdue?: 'true' | 'false' | undefined;
    limit: number;
    offset: number;
  },
) {
  const today = casablancaDate();
  if (query.box === 'inbox') {
    await authorize(ctx.db, request, actor, 'listInbox', {
      type: 'referral',
      territoryCode: null,
      receivingInstitutionId: actor.institutionId,
    });
  } else {
    await authorize(ctx.db, request, actor, 'listOutbox', {
      type: 'referral',
      territoryCode: actor.territoryCode,
      receivingInstitutionId: null,
    });
  }
  const { rows, total } = await repo.listCards(ctx.db, {
    box: query.box,
    ...(query.box === 'inbox'
      ? { institutionId: actor.institutionId! }
      : { territoryCode: actor.territoryCode! }),
    ...(query.status ? { status: query.status } : {}),
    ...(query.overdue === 'true' ? { overdueOn: today } : {}),
    limit: query.limit,
    offset: query.offset,
  });
  return { items: rows.map((r) => toSummary(r, today)), total };
}

/** The cards of a case, for its page (the CAPE). */
export async function caseReferrals(ctx: AppContext, request: FastifyRequest, actor: Actor, caseId: string) {
  const kase = await caseFor(ctx, request, actor, caseId, 'read');
  const today = casablancaDate();
  const { rows, total } = await repo.listCards(ctx.db, {
    box: 'case',
    caseId: kase.id,
    limit: 200,
    offset: 0,
  });
  return { items: rows.map((r) => toSummary(r, today)), total };
}

// ---------------------------------------------------------------------------------------------
// Thread
// ---------------------------------------------------------------------------------------------

export async function listMessages(ctx: AppContext, request: FastifyRequest, actor: Actor, cardId: string) {
  const row = await loadCard(ctx.db, cardId);
  await authorize(ctx.db, request, actor, 'read', resourceOf(row));
  const rows = await repo.listMessages(ctx.db, row.id);
  return { items: rows.map((m) => toMessage(ctx, m)) };
}

/**
 * A message on a card's thread, from either side, once the card is sent. A completed or declined
 * card keeps its thread open (a question on the answer); a cancelled one does not.
 */
export async function postMessage(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  cardId: string,
  body: string,
): Promise<ReferralMessage> {
  const row = await loadCard(ctx.db, cardId);
  await authorize(ctx.db, request, actor, 'message', resourceOf(row));
  if (row.status === 'cancelled') throw cardClosed();
  if (row.status === 'draft') throw new AppError(409, 'card_not_sent');
  const side = sideOf(actor, row);
  const id = randomUUID();
  return ctx.db.transaction().execute(async (tx) => {
    await repo.insertMessage(tx, {
      id,
      card_id: row.id,
      case_id: row.case_id,
      territory_code: row.territory_code,
      author_id: actor.id,
      side,
      body_enc: ctx.keyRing.encrypt(body, aad.message(id)),
    });
    await tell(
      ctx,
      tx,
      row,
      row.child_code,
      row.status,
      { kind: 'referral_message', to: side === 'sender' ? 'receiver' : 'sender' },
      actor.id,
    );
    return toMessage(ctx, await repo.findMessage(tx, id));
  });
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

/**
 * A document joined to a card by either side (the same checks as the child's files). The bytes
 * are stored (encrypted) first, then the row; a failed row removes the bytes. The upload is read
 * only once the actor may attach, so a refused user's file is never read.
 */
export async function addAttachment(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  cardId: string,
  readUpload: () => Promise<Upload>,
): Promise<ReferralAttachment> {
  const row = await loadCard(ctx.db, cardId);
  await authorize(ctx.db, request, actor, 'attach', resourceOf(row));
  if (isClosed(row.status)) throw cardClosed();
  const { fields, bytes, contentType } = checkDocumentUpload(await readUpload());
  const id = randomUUID();
  const storageKey = `referral-${id}`;
  await ctx.documents.put(storageKey, bytes);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await repo.insertAttachment(tx, {
        id,
        card_id: row.id,
        case_id: row.case_id,
        territory_code: row.territory_code,
        side: sideOf(actor, row),
        document_type: fields.documentType,
        title_enc: ctx.keyRing.encrypt(fields.title, aad.attachmentTitle(id)),
        storage_key: storageKey,
        content_type: contentType,
        size_bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        uploaded_by: actor.id,
      });
      await tell(ctx, tx, row, row.child_code, row.status, null, actor.id);
      return toAttachment(ctx, (await repo.findAttachment(tx, id))!);
    });
  } catch (error) {
    await ctx.documents.delete(storageKey).catch((cleanup: Error) => {
      request.log.error(
        { err: { message: cleanup.message }, key: storageKey },
        'orphan document left in storage',
      );
    });
    throw error;
  }
}

/** A card's document for download, with a filename that names no child; every download is logged. */
export async function downloadAttachment(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const attachment = await repo.findAttachment(ctx.db, id);
  if (!attachment) throw notFound();
  const row = await loadCard(ctx.db, attachment.card_id);
  await authorize(ctx.db, request, actor, 'readAttachment', resourceOf(row));
  const bytes = await ctx.documents.get(attachment.storage_key);
  await logCardAccess(ctx, request, actor, row, 'referral_attachment', attachment.id);
  const contentType = attachment.content_type as DocumentContentType;
  return {
    bytes,
    contentType,
    filename: `${row.number}-${attachment.id.slice(0, 8)}.${EXTENSIONS[contentType]}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Deadlines (background jobs; tests call them directly)
// ---------------------------------------------------------------------------------------------

/**
 * Reminds the receiving focal points of each open card past its due date, once per card: the
 * UPDATE … WHERE overdue_notified_at IS NULL claims the cards, and the notices are written in the
 * same transaction, so a failure reminds nobody and the next run tries again.
 */
export async function remindOverdueReferrals(ctx: AppContext, today = casablancaDate()): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => {
    const cards = await repo.claimOverdueForReminder(tx, today);
    const codes = await repo.childCodes(tx, [...new Set(cards.map((c) => c.case_id))]);
    for (const card of cards) {
      await tell(
        ctx,
        tx,
        card,
        codes.get(card.case_id) ?? '',
        card.status,
        { kind: 'referral_overdue', to: 'receiver' },
        null,
      );
    }
    return cards.length;
  });
}

/**
 * Escalates to the CAPE coordinators of the case's territory each open card overdue by more than
 * MADAR_REFERRAL_ESCALATION_DAYS, once per card.
 */
export async function escalateOverdueReferrals(ctx: AppContext, today = casablancaDate()): Promise<number> {
  const dueBefore = addDays(today, -ctx.config.referralEscalationDays);
  return ctx.db.transaction().execute(async (tx) => {
    const cards = await repo.claimOverdueForEscalation(tx, dueBefore);
    const codes = await repo.childCodes(tx, [...new Set(cards.map((c) => c.case_id))]);
    for (const card of cards) {
      const coordinators = await repo.coordinators(tx, card.territory_code);
      const data = noticeData(card, codes.get(card.case_id) ?? '', card.status);
      if (coordinators.length) {
        await notify(ctx, tx, { userIds: coordinators, kind: 'referral_escalated', data });
      }
      const audience = await audienceOf(tx, card, card.status);
      await announce(
        tx,
        [...audience.senders, ...audience.receivers, ...coordinators],
        REFERRAL_UPDATED_EVENT,
        {
          cardId: card.id,
          caseId: card.case_id,
          status: card.status,
        },
      );
    }
    return cards.length;
  });
}

// ---------------------------------------------------------------------------------------------
// Circuit view
// ---------------------------------------------------------------------------------------------

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

function toCircuitRow(r: repo.CircuitSqlRow): Omit<CircuitRow, 'sectorCode' | 'serviceCode'> {
  const notCancelled = Number(r.not_cancelled);
  return {
    cards: Number(r.cards),
    completed: Number(r.completed),
    declined: Number(r.declined),
    cancelled: Number(r.cancelled),
    openNow: Number(r.open_now),
    overdueNow: Number(r.overdue_now),
    medianHoursToAcknowledge: round1(r.median_ack === null ? null : Number(r.median_ack)),
    medianHoursToComplete: round1(r.median_complete === null ? null : Number(r.median_complete)),
    overdueShare: notCancelled === 0 ? null : Math.round((Number(r.late) / notCancelled) * 1000) / 1000,
  };
}

/** Where children wait: per receiving sector and service, cards of a territory's cases sent in a period. */
// The circuit view aggregates a year of a territory's cards (a costly query at national scale) and
// is the same for every user of the territory: served from memory for MADAR_CIRCUIT_CACHE_SECONDS.
const circuitCaches = new WeakMap<AppContext, TtlCache<repo.CircuitSqlRow[]>>();
function circuitCache(ctx: AppContext) {
  let cache = circuitCaches.get(ctx);
  if (!cache) {
    cache = new TtlCache(ctx.config.circuitCacheSeconds * 1000);
    circuitCaches.set(ctx, cache);
  }
  return cache;
}

export async function circuitView(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  territoryCode: string,
  query: { from?: string | undefined; to?: string | undefined },
) {
  await authorize(ctx.db, request, actor, 'read', { type: 'circuit', territoryCode });
  if (!(await repo.territoryExists(ctx.db, territoryCode))) throw notFound();
  const today = casablancaDate();
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -364);
  if (from > to) throw badRequest([{ path: 'from', code: 'after_end_date' }]);
  const rows = await circuitCache(ctx).get(`${territoryCode}|${from}|${to}|${today}`, () =>
    repo.circuit(forReading(ctx), { territoryCode, from, to, today }),
  );
  const totals = rows.find((r) => Number(r.grouped) !== 0);
  const empty: repo.CircuitSqlRow = {
    sector_code: null,
    service_code: null,
    grouped: 3,
    cards: '0',
    completed: '0',
    declined: '0',
    cancelled: '0',
    open_now: '0',
    overdue_now: '0',
    late: '0',
    not_cancelled: '0',
    median_ack: null,
    median_complete: null,
  };
  return {
    territoryCode,
    from,
    to,
    rows: rows
      .filter((r) => Number(r.grouped) === 0)
      .map((r) => ({
        sectorCode: r.sector_code ?? '',
        serviceCode: r.service_code ?? '',
        ...toCircuitRow(r),
      })),
    totals: toCircuitRow(totals ?? empty),
  };
}
