import { z } from 'zod';
import { pageQuerySchema } from './common';

/** How the social worker met the child and family for a follow-up card. */
export const CONTACT_TYPES = ['home_visit', 'interview', 'phone_call', 'school_visit', 'other'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

/**
 * The shortest account of the child's views accepted. The child's right to be heard makes this
 * field required on every follow-up card; when the child could not be heard, the worker writes why
 * (a few words are enough), which keeps the absence visible instead of silent.
 */
export const CHILD_VIEWS_MIN_LENGTH = 3;

/** بطاقة التتبع — one dated contact with the child. */
export const newFollowUpInputSchema = z.strictObject({
  contactType: z.enum(CONTACT_TYPES),
  contactAt: z.iso.datetime({ offset: true }),
  observations: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(10_000),
  /** What the child said: the child's own views, required. */
  childViews: z
    .string({ error: 'child_views_required' })
    .trim()
    .min(CHILD_VIEWS_MIN_LENGTH, { error: 'child_views_required' })
    .max(10_000),
  nextSteps: z.string().trim().max(5000).nullable(),
  /** The next contact planned; the case's follow-up date becomes this one. */
  nextFollowUpOn: z.iso.date(),
});
export type NewFollowUpInput = z.infer<typeof newFollowUpInputSchema>;

export const followUpSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  contactType: z.enum(CONTACT_TYPES),
  contactAt: z.string(),
  observations: z.string(),
  childViews: z.string(),
  nextSteps: z.string().nullable(),
  nextFollowUpOn: z.string().nullable(),
  createdBy: z.uuid(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const followUpListSchema = z.object({ items: z.array(followUpSchema) });

export const followUpCreatedSchema = z.object({
  followUp: followUpSchema,
  /** The case's new version (its follow-up date changed), for the next edit of the case. */
  caseVersion: z.number().int(),
});

export const overdueQuerySchema = pageQuerySchema.extend({
  territoryCode: z.string().min(2).max(60).optional(),
});

export const overdueFollowUpSchema = z.object({
  caseId: z.uuid(),
  childCode: z.string(),
  territoryCode: z.string(),
  stage: z.string(),
  dangerLevel: z.string().nullable(),
  nextFollowUpOn: z.string(),
  daysOverdue: z.number().int(),
  assignedWorkerId: z.uuid().nullable(),
  assignedWorkerName: z.string().nullable(),
});
export type OverdueFollowUp = z.infer<typeof overdueFollowUpSchema>;

export const overdueFollowUpListSchema = z.object({
  /** The date the list was computed for (Morocco). */
  today: z.string(),
  items: z.array(overdueFollowUpSchema),
  total: z.number().int(),
});
