import { z } from 'zod';

export const uuidSchema = z.uuid();
export const idParamsSchema = z.strictObject({ id: z.uuid() });

/** Labels of reference data: every list is shown in Arabic, French and (for partners) English. */
export const labelsSchema = z.object({ ar: z.string(), fr: z.string(), en: z.string().optional() });

/** Optimistic concurrency: every update carries the version it was based on. */
export const versionSchema = z.number().int().nonnegative();

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /**
     * Large lists are counted only up to a bound (a province's whole caseload need not be counted on
     * every page): when true, there are more than `total` results.
     */
    totalIsLowerBound: z.boolean().optional(),
  });
}

/** RFC 9457 problem details, with a machine code, a message in the user's language and the fields. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  current: z.unknown().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^(\+212|0)[5-7]\d{8}$/, { message: 'phone_format' });

export const okSchema = z.object({ ok: z.literal(true) });
