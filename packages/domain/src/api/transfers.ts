import { z } from 'zod';
import { CIRCUIT_STAGES } from '../circuit';
import { sexSchema } from './children';
import { pageQuerySchema, versionSchema } from './common';

/**
 * Transfers between provinces (DTIPE.md §1: a DTIPE "coordinates with the DTIPE of another province
 * when the child's situation requires it"). The CAPE coordinator of the province that holds a case
 * asks the DTIPE of another province to take it; that province's coordinator accepts or declines.
 * On acceptance the case, with its whole history, belongs to the receiving province: access moves
 * with it. Before acceptance the receiving side sees only a pseudonymous profile and the reason.
 */
export const TRANSFER_STATUSES = ['requested', 'accepted', 'declined', 'cancelled'] as const;
export const transferStatusSchema = z.enum(TRANSFER_STATUSES);
export type TransferStatus = z.infer<typeof transferStatusSchema>;

export const TRANSFER_DIRECTIONS = ['incoming', 'outgoing'] as const;

/** POST /cases/:id/transfers */
export const newTransferInputSchema = z.strictObject({
  /** A territory code (territory.code, e.g. `rabat`) with an established DTIPE, not the case's own. */
  toTerritoryCode: z.string().trim().min(2).max(60),
  /** Why the child moves (family moving, placement, court decision...): stored encrypted. */
  reason: z.string().trim().min(1).max(4000),
});
export type NewTransferInput = z.infer<typeof newTransferInputSchema>;

/** POST /transfers/:id/decision */
export const transferDecisionInputSchema = z.strictObject({
  accept: z.boolean(),
  /** The receiving coordinator's answer: required to decline (`reason_required`), optional to accept. */
  note: z.string().trim().max(4000).nullable().default(null),
  version: versionSchema,
});
export type TransferDecisionInput = z.infer<typeof transferDecisionInputSchema>;

/** POST /transfers/:id/cancel */
export const transferCancelInputSchema = z.strictObject({ version: versionSchema });

/** GET /transfers: the coordinator's lists for their own territory. */
export const transferListQuerySchema = pageQuerySchema.extend({
  direction: z.enum(TRANSFER_DIRECTIONS),
  status: transferStatusSchema.optional(),
});

/**
 * What the receiving province sees of the child before accepting: no identity, no file, only what
 * it needs to decide. Live values of the case, shown while the request is open and afterwards only to
 * the province that holds the case.
 */
export const transferProfileSchema = z.object({
  sex: sexSchema,
  /** `0_5`, `6_11`, `12_14`, `15_17`, `18_plus` (from the birth year), or null when unknown. */
  ageBand: z.string().nullable(),
  stage: z.enum(CIRCUIT_STAGES),
  /** danger_levels code of the latest assessment, or null before any. */
  dangerLevel: z.string().nullable(),
  harmForms: z.array(z.string()),
  situations: z.array(z.string()),
});
export type TransferProfile = z.infer<typeof transferProfileSchema>;

export const caseTransferSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  /** The child's pseudonymous code (it keeps the prefix of the province that registered the child). */
  childCode: z.string(),
  fromTerritoryCode: z.string(),
  toTerritoryCode: z.string(),
  status: transferStatusSchema,
  reason: z.string(),
  decisionNote: z.string().nullable(),
  requestedById: z.uuid(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  /** The receiving coordinator who accepted or declined, or the sender who cancelled. */
  decidedById: z.uuid().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
  /** Null once the request is closed, for the province that does not hold the case. */
  profile: transferProfileSchema.nullable(),
  /** What the signed-in user may do with this request now. */
  permissions: z.object({ decide: z.boolean(), cancel: z.boolean() }),
});
export type CaseTransfer = z.infer<typeof caseTransferSchema>;

export const caseTransferListSchema = z.object({
  items: z.array(caseTransferSchema),
  /**
   * Whether the signed-in user may ask another province to take the case now: the coordinator of
   * the province that holds it, while it is open and no request is waiting.
   */
  permissions: z.object({ request: z.boolean() }),
});
