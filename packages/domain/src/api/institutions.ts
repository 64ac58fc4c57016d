import { z } from 'zod';
import { pageQuerySchema, versionSchema } from './common';

/** Kinds of institution of the actor map; the labels live in the web translations. */
export const INSTITUTION_TYPES = [
  'cape',
  'ministry_service',
  'hospital',
  'health_centre',
  'court',
  'prosecution',
  'police',
  'gendarmerie',
  'school',
  'care_institution',
  'upe',
  'association',
  'labour_inspection',
  'entraide_centre',
  'youth_centre',
  'local_authority',
  'other',
] as const;

export const institutionSchema = z.object({
  id: z.uuid(),
  nameAr: z.string(),
  nameFr: z.string(),
  sectorCode: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  territoryCode: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Institution = z.infer<typeof institutionSchema>;

const institutionFields = {
  nameAr: z.string().trim().min(2).max(200),
  nameFr: z.string().trim().min(2).max(200),
  sectorCode: z.string().min(2).max(60),
  type: z.enum(INSTITUTION_TYPES),
  territoryCode: z.string().min(2).max(60),
};
export const createInstitutionInputSchema = z.strictObject(institutionFields);
export const updateInstitutionInputSchema = z.strictObject({
  ...institutionFields,
  active: z.boolean(),
  version: versionSchema,
});

export const institutionListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  territoryCode: z.string().max(60).optional(),
  sectorCode: z.string().max(60).optional(),
  active: z.enum(['true', 'false']).optional(),
});
