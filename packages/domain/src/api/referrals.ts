import { z } from 'zod';
import { childIdentitySchema, sexSchema } from './children';
import { pageQuerySchema, versionSchema } from './common';
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_TYPES } from './records';

/**
 * بطاقة الربط / fiche de liaison (DTIPE.md §3): a card from the CAPE to a named service for one
 * service of a child's case plan. The receiving service answers on the same card (measures taken,
 * documents); both sides talk on its thread. The receiving side sees only the sections the sender
 * shared — the child's identity only when the service needs it (minimum necessary).
 *
 * Lifecycle: draft → sent → received (acknowledged) → in_progress → completed | declined; the
 * sender may cancel while the card is not closed.
 */
export const REFERRAL_STATUSES = [
  'draft',
  'sent',
  'received',
  'in_progress',
  'completed',
  'declined',
  'cancelled',
] as const;
export const referralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

/** Sent and waiting for (or being given) the service: what deadlines and reminders apply to. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['sent', 'received', 'in_progress'];
/** No answer is taken any more on a closed card (409 `card_closed`). */
export const CLOSED_REFERRAL_STATUSES: readonly ReferralStatus[] = ['completed', 'declined', 'cancelled'];

export const REFERRAL_URGENCIES = ['normal', 'urgent', 'immediate'] as const;

/**
 * Parts of the child's file a card can share. `profile` (code, sex, age band) always;
 * `identity` only with `shareIdentity`; `situation` (harm forms, situations, danger level),
 * `assessment` (latest danger assessment: level, orientation, scores by domain) and
 * `plan_item_need` (the need written on the plan item) when the sender chooses them.
 */
export const REFERRAL_SECTIONS = [
  'profile',
  'identity',
  'situation',
  'assessment',
  'plan_item_need',
] as const;
export type ReferralSection = (typeof REFERRAL_SECTIONS)[number];
/** The sections a sender chooses in `sharedSections` (profile is implied, identity is `shareIdentity`). */
export const REFERRAL_OPTIONAL_SECTIONS = ['situation', 'assessment', 'plan_item_need'] as const;

/** Live event (server-sent events, `event: referral.updated`) telling open pages a card changed. */
export const REFERRAL_UPDATED_EVENT = 'referral.updated';

const calendarDate = z.iso.date();

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** POST /plan-items/:id/referral → a draft card. */
export const newReferralInputSchema = z.strictObject({
  receivingInstitutionId: z.uuid(),
  urgency: z.enum(REFERRAL_URGENCIES),
  /** Default: the plan item's due date (the protocol's maximum delay), or today when it is past. */
  dueOn: calendarDate.optional(),
  sharedSections: z.array(z.enum(REFERRAL_OPTIONAL_SECTIONS)).max(3).default([]),
  /** Share the child's identity (names, birth date, parents, numbers, address, phones). */
  shareIdentity: z.boolean().default(false),
  /** The sender's words to the receiving service; stored encrypted. */
  note: z.string().trim().max(4000).nullable().optional(),
  /** Send to an institution that does not list the service in the actor map, knowingly. */
  confirmServiceMismatch: z.boolean().default(false),
});
export type NewReferralInput = z.input<typeof newReferralInputSchema>;

/** send, acknowledge, start, cancel. */
export const referralStepInputSchema = z.strictObject({ version: versionSchema });

export const completeReferralInputSchema = z.strictObject({
  /** The measures taken; stored encrypted. Documents are uploaded before, as attachments. */
  measures: z.string().trim().min(1, { message: 'required' }).max(8000),
  version: versionSchema,
});

export const declineReferralInputSchema = z.strictObject({
  reason: z.string().trim().min(1, { message: 'reason_required' }).max(4000),
  version: versionSchema,
});

export const newReferralMessageInputSchema = z.strictObject({
  body: z.string().trim().min(1, { message: 'required' }).max(4000),
});

export const referralListQuerySchema = pageQuerySchema.extend({
  /** inbox: cards addressed to my institution (partner focal points); outbox: cards of my territory's cases (CAPE staff). */
  box: z.enum(['inbox', 'outbox']),
  status: referralStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const circuitQuerySchema = z.object({
  /** First and last day (in Morocco) of the period the cards were sent in; default: the last 365 days. */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

export const referralInstitutionSchema = z.object({
  id: z.uuid(),
  nameAr: z.string(),
  nameFr: z.string(),
  sectorCode: z.string(),
  territoryCode: z.string(),
});

const stepSchema = z.object({ at: z.string(), byId: z.uuid(), byName: z.string() }).nullable();

/** A card in a list (inbox, outbox, case page): no content of the child's file. */
export const referralSummarySchema = z.object({
  id: z.uuid(),
  /** RC-<territory prefix>-<year>-<sequence>, e.g. RC-TNG-2026-00012. */
  number: z.string(),
  caseId: z.uuid(),
  planItemId: z.uuid(),
  /** The child's pseudonymous code. */
  childCode: z.string(),
  territoryCode: z.string(),
  serviceCode: z.string(),
  urgency: z.enum(REFERRAL_URGENCIES),
  dueOn: z.string(),
  status: referralStatusSchema,
  /** Sent, not answered, and past its due date (in Morocco). */
  overdue: z.boolean(),
  escalated: z.boolean(),
  senderInstitution: referralInstitutionSchema.nullable(),
  senderName: z.string(),
  receivingInstitution: referralInstitutionSchema,
  messageCount: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReferralSummary = z.infer<typeof referralSummarySchema>;

export const referralAttachmentSchema = z.object({
  id: z.uuid(),
  cardId: z.uuid(),
  side: z.enum(['sender', 'receiver']),
  documentType: z.enum(DOCUMENT_TYPES),
  title: z.string(),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedById: z.uuid(),
  uploadedByName: z.string(),
  createdAt: z.string(),
});
export type ReferralAttachment = z.infer<typeof referralAttachmentSchema>;

/** What the card shares of the child's file, as the receiving side sees it. */
export const referralSharedSchema = z.object({
  profile: z.object({ childCode: z.string(), sex: sexSchema, ageBand: z.string().nullable() }),
  /** Only for the receiving side and only when shared (each view logged); null for the sender. */
  identity: childIdentitySchema.nullable(),
  situation: z
    .object({
      harmForms: z.array(z.string()),
      situations: z.array(z.string()),
      dangerLevel: z.string().nullable(),
    })
    .nullable(),
  /** The latest danger assessment, or null when not shared or none yet. */
  assessment: z
    .object({
      assessedAt: z.string(),
      instrumentVersion: z.string(),
      dangerLevel: z.string(),
      confirmedOrientation: z.string(),
      total: z.number().nullable(),
      domains: z.array(
        z.object({ code: z.string(), protective: z.boolean(), score: z.number(), maxScore: z.number() }),
      ),
    })
    .nullable(),
  need: z.string().nullable(),
});

/** One card, as its side sees it. */
export const referralCardSchema = referralSummarySchema.extend({
  /** Which side the signed-in user is on. */
  side: z.enum(['sender', 'receiver']),
  version: z.number().int(),
  sharedSections: z.array(z.enum(REFERRAL_SECTIONS)),
  shareIdentity: z.boolean(),
  note: z.string().nullable(),
  shared: referralSharedSchema,
  measures: z.string().nullable(),
  declineReason: z.string().nullable(),
  sent: stepSchema,
  received: stepSchema,
  started: stepSchema,
  completed: stepSchema,
  declined: stepSchema,
  cancelled: stepSchema,
  overdueNotifiedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  attachments: z.array(referralAttachmentSchema),
  /** What the signed-in user may do with the card now. */
  permissions: z.object({
    send: z.boolean(),
    acknowledge: z.boolean(),
    start: z.boolean(),
    complete: z.boolean(),
    decline: z.boolean(),
    cancel: z.boolean(),
    message: z.boolean(),
    attach: z.boolean(),
  }),
});
export type ReferralCard = z.infer<typeof referralCardSchema>;

export const referralListSchema = z.object({
  items: z.array(referralSummarySchema),
  total: z.number().int(),
});

export const referralMessageSchema = z.object({
  id: z.uuid(),
  cardId: z.uuid(),
  side: z.enum(['sender', 'receiver']),
  authorId: z.uuid(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type ReferralMessage = z.infer<typeof referralMessageSchema>;
export const referralMessageListSchema = z.object({ items: z.array(referralMessageSchema) });

/** GET /plan-items/:id/referral/suggestions */
export const referralSuggestionsSchema = z.object({
  planItemId: z.uuid(),
  serviceCode: z.string(),
  sectorCode: z.string(),
  /** The default due date of a card for this item. */
  suggestedDueOn: z.string(),
  /** An open card (draft or sent) already exists for the item: another cannot be created. */
  openCardId: z.uuid().nullable(),
  /**
   * Active institutions, best first: of the case's territory offering the service, then of the
   * territory in the service's sector, then of other territories offering it. Any other active
   * institution of the actor map (GET /institutions) may still be chosen.
   */
  items: z.array(
    referralInstitutionSchema.extend({
      type: z.string(),
      /** offers_service: lists the service in the actor map; sector: only in the service's sector. */
      match: z.enum(['offers_service', 'sector']),
      sameTerritory: z.boolean(),
      /** Active partner focal points: who will receive the card (0: nobody would be told). */
      focalPoints: z.number().int(),
    }),
  ),
});

/** One row of the circuit view: a sector and a service of the basket in a territory. */
export const circuitRowSchema = z.object({
  /** The receiving institutions' sector. */
  sectorCode: z.string(),
  serviceCode: z.string(),
  /** Cards sent in the period (cancelled included). */
  cards: z.number().int(),
  completed: z.number().int(),
  declined: z.number().int(),
  cancelled: z.number().int(),
  /** Sent, received or in progress now. */
  openNow: z.number().int(),
  /** Open now and past the due date. */
  overdueNow: z.number().int(),
  /** Median hours from sending to acknowledgement, or null when none was acknowledged. */
  medianHoursToAcknowledge: z.number().nullable(),
  /** Median hours from sending to completion, or null when none was completed. */
  medianHoursToComplete: z.number().nullable(),
  /** Cards answered after their due date or still open past it, over the cards not cancelled. */
  overdueShare: z.number().nullable(),
});
export type CircuitRow = z.infer<typeof circuitRowSchema>;

export const circuitSchema = z.object({
  territoryCode: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(circuitRowSchema),
  /** The same measures over every row. */
  totals: circuitRowSchema.omit({ sectorCode: true, serviceCode: true }),
});
