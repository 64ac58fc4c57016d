import { z } from 'zod';
import { phoneSchema } from './common';

const calendarDate = z.iso.date();
export const SEXES = ['female', 'male', 'unknown'] as const;
export const sexSchema = z.enum(SEXES);

/**
 * A child's identity: encrypted at rest, shown only to those whose role and relation to the case
 * need it, every view logged. Names are recorded in Arabic and in Latin script (as on the civil
 * status record), first name then family name.
 */
export const childIdentitySchema = z.strictObject({
  firstNameAr: z.string().trim().max(80).nullable(),
  lastNameAr: z.string().trim().max(80).nullable(),
  firstNameLatin: z.string().trim().max(80).nullable(),
  lastNameLatin: z.string().trim().max(80).nullable(),
  birthDate: calendarDate.nullable(),
  birthDateEstimated: z.boolean(),
  fatherName: z.string().trim().max(120).nullable(),
  motherName: z.string().trim().max(120).nullable(),
  /** رقم رسم الولادة — birth-record number in the family's civil-status booklet. */
  birthRecordNumber: z.string().trim().max(40).nullable(),
  /** CNIE, for the minors who have one. */
  nationalId: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,2}\d{3,7}$/, { message: 'cnie_format' })
    .nullable(),
  address: z.string().trim().max(300).nullable(),
  phones: z.array(phoneSchema).max(5),
});
export type ChildIdentity = z.infer<typeof childIdentitySchema>;

/** What everyone allowed to see the case sees: no identity. */
export const childProfileSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  territoryCode: z.string(),
  sex: sexSchema,
  ageBand: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  mergedInto: z.uuid().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ChildProfile = z.infer<typeof childProfileSchema>;

export const childWithIdentitySchema = childProfileSchema.extend({ identity: childIdentitySchema });

export const newChildInputSchema = z.strictObject({
  territoryCode: z.string().min(2).max(60),
  sex: sexSchema,
  identity: childIdentitySchema,
});
export const updateChildIdentityInputSchema = z.strictObject({
  sex: sexSchema,
  identity: childIdentitySchema,
  version: z.number().int().nonnegative(),
});

/** Name search: sent in a POST body, never in a URL (URLs end up in logs and histories). */
export const childSearchInputSchema = z.strictObject({
  territoryCode: z.string().max(60).optional(),
  name: z.string().trim().max(120).optional(),
  birthYear: z.number().int().min(1990).max(2100).optional(),
  birthDate: calendarDate.optional(),
  parentName: z.string().trim().max(120).optional(),
  phone: z.string().trim().max(20).optional(),
  code: z.string().trim().max(30).optional(),
  sex: sexSchema.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const childMatchSchema = z.object({
  child: childProfileSchema,
  /** Only for users allowed to see identities (the view is logged). */
  identity: childIdentitySchema.optional(),
  score: z.number(),
  matched: z.array(z.string()),
  openCaseId: z.uuid().nullable(),
});
export const childSearchResultSchema = z.object({
  items: z.array(childMatchSchema),
  identitiesShown: z.boolean(),
});

export const mergeChildrenInputSchema = z.strictObject({
  duplicateId: z.uuid(),
  keepId: z.uuid(),
});

export const accessLogEntrySchema = z.object({
  at: z.string(),
  userId: z.uuid(),
  userLogin: z.string(),
  userFullName: z.string(),
  what: z.string(),
  targetId: z.string().nullable(),
});

export const accessLogQuerySchema = z.object({
  territoryCode: z.string().max(60).optional(),
  childCode: z.string().trim().max(30).optional(),
  login: z.string().trim().max(100).optional(),
  what: z.string().max(40).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const accessLogRowSchema = accessLogEntrySchema.extend({
  childId: z.uuid().nullable(),
  childCode: z.string().nullable(),
  caseId: z.uuid().nullable(),
  territoryCode: z.string().nullable(),
});
