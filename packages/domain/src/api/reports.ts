import { z } from 'zod';
import { childIdentitySchema, sexSchema } from './children';
import { pageQuerySchema } from './common';

export const URGENCIES = ['normal', 'urgent', 'immediate'] as const;
export const REPORT_STATUSES = ['new', 'triaged', 'closed'] as const;

const reportedChildSchema = z.strictObject({
  firstName: z.string().trim().max(80).nullable(),
  lastName: z.string().trim().max(80).nullable(),
  approximateAge: z.number().int().min(0).max(25).nullable(),
  sex: sexSchema,
  notes: z.string().trim().max(1000).nullable(),
});

/** بطاقة التبليغ — recorded by CAPE staff or a partner service. */
export const newReportInputSchema = z.strictObject({
  territoryCode: z.string().min(2).max(60),
  sourceCode: z.string().min(2).max(60),
  receivedAt: z.iso.datetime({ offset: true }),
  communeId: z.uuid().nullable(),
  address: z.string().trim().max(300).nullable(),
  urgency: z.enum(URGENCIES),
  harmForms: z.array(z.string().max(60)).max(20),
  facts: z.string().trim().min(10).max(10_000),
  reporter: z
    .strictObject({
      anonymous: z.boolean(),
      name: z.string().trim().max(120).nullable(),
      phone: z.string().trim().max(20).nullable(),
      relation: z.string().trim().max(120).nullable(),
    })
    .nullable(),
  children: z.array(reportedChildSchema).min(1).max(12),
});
export type NewReportInput = z.infer<typeof newReportInputSchema>;

export const reportSummarySchema = z.object({
  id: z.uuid(),
  territoryCode: z.string(),
  sourceCode: z.string(),
  receivedAt: z.string(),
  urgency: z.enum(URGENCIES),
  harmForms: z.array(z.string()),
  status: z.enum(REPORT_STATUSES),
  childrenCount: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
});

export const reportDetailSchema = reportSummarySchema.extend({
  communeId: z.uuid().nullable(),
  address: z.string().nullable(),
  facts: z.string(),
  reporter: z
    .object({
      anonymous: z.boolean(),
      name: z.string().nullable(),
      phone: z.string().nullable(),
      relation: z.string().nullable(),
    })
    .nullable(),
  closedReason: z.string().nullable(),
  children: z.array(
    reportedChildSchema.extend({
      position: z.number().int(),
      childId: z.uuid().nullable(),
      caseId: z.uuid().nullable(),
    }),
  ),
});

export const triageQueueQuerySchema = pageQuerySchema.extend({
  territoryCode: z.string().max(60).optional(),
  status: z.enum(REPORT_STATUSES).default('new'),
});

/**
 * Triage of one reported child: open a case for a new child, open a case for a child already
 * registered, or link to the child's open case.
 */
export const triageChildInputSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('new_child'),
    position: z.number().int().min(0),
    child: z.strictObject({ sex: sexSchema, identity: childIdentitySchema }),
    situations: z.array(z.string().max(60)).max(20),
    assignedWorkerId: z.uuid().nullable(),
  }),
  z.strictObject({
    action: z.literal('existing_child'),
    position: z.number().int().min(0),
    childId: z.uuid(),
    situations: z.array(z.string().max(60)).max(20),
    assignedWorkerId: z.uuid().nullable(),
  }),
  z.strictObject({
    action: z.literal('link_case'),
    position: z.number().int().min(0),
    caseId: z.uuid(),
  }),
]);

export const closeReportInputSchema = z.strictObject({
  reason: z.enum([
    'not_child_protection',
    'duplicate_report',
    'insufficient_information',
    'referred_elsewhere',
    'other',
  ]),
  version: z.number().int().nonnegative(),
});
