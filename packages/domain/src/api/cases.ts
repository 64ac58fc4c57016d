import { z } from 'zod';
import { CIRCUIT_STAGES } from '../circuit';
import { childProfileSchema, sexSchema } from './children';
import { pageQuerySchema } from './common';

export const caseSummarySchema = z.object({
  id: z.uuid(),
  child: childProfileSchema,
  territoryCode: z.string(),
  stage: z.enum(CIRCUIT_STAGES),
  assignedWorkerId: z.uuid().nullable(),
  assignedWorkerName: z.string().nullable(),
  situations: z.array(z.string()),
  harmForms: z.array(z.string()),
  dangerLevel: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  closureReason: z.string().nullable(),
  closureRequest: z
    .object({
      reason: z.string(),
      note: z.string().nullable(),
      by: z.string(),
      at: z.string(),
      openServices: z.number(),
    })
    .nullable(),
  nextFollowUpOn: z.string().nullable(),
  lastActivityAt: z.string(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const CASELOAD_VIEWS = [
  'all',
  'mine',
  'overdue_follow_up',
  'overdue_services',
  'grave_danger',
  'awaiting_closure',
] as const;

/**
 * `workerId` of the caseload lists that selects the cases no worker holds (the coordinator's
 * reminder of overdue follow-ups leads there, to give them to a worker).
 */
export const UNASSIGNED_WORKER = 'unassigned';

export const caseListQuerySchema = pageQuerySchema.extend({
  view: z.enum(CASELOAD_VIEWS).default('all'),
  territoryCode: z.string().max(60).optional(),
  stage: z.enum(CIRCUIT_STAGES).optional(),
  dangerLevel: z.string().max(60).optional(),
  harmForm: z.string().max(60).optional(),
  situation: z.string().max(60).optional(),
  sex: sexSchema.optional(),
  ageBand: z.enum(['0_5', '6_11', '12_14', '15_17', '18_plus']).optional(),
  /** A worker's cases, or `unassigned` for the cases without one. */
  workerId: z.union([z.uuid(), z.literal(UNASSIGNED_WORKER)]).optional(),
  includeClosed: z.enum(['true', 'false']).default('false'),
  sort: z.enum(['last_activity', 'opened_at', 'danger', 'next_follow_up']).default('last_activity'),
});

export const updateCaseInputSchema = z.strictObject({
  situations: z.array(z.string().max(60)).max(20),
  harmForms: z.array(z.string().max(60)).max(20),
  version: z.number().int().nonnegative(),
});

export const transitionInputSchema = z.strictObject({
  to: z.enum(CIRCUIT_STAGES),
  reason: z.string().trim().max(2000).nullable(),
  closureReason: z.string().max(60).nullable(),
  /** Closing with services still open must be confirmed explicitly. */
  confirmOpenServices: z.boolean().default(false),
  version: z.number().int().nonnegative(),
});

export const closureDecisionInputSchema = z.strictObject({
  approve: z.boolean(),
  note: z.string().trim().max(2000).nullable(),
  version: z.number().int().nonnegative(),
});

export const assignInputSchema = z.strictObject({
  workerId: z.uuid().nullable(),
  version: z.number().int().nonnegative(),
});

export const transitionSchema = z.object({
  fromStage: z.string().nullable(),
  toStage: z.string(),
  reason: z.string().nullable(),
  closureReason: z.string().nullable(),
  actorName: z.string(),
  approvedByName: z.string().nullable(),
  at: z.string(),
});
