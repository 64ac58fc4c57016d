import { z } from 'zod';

export const regionSchema = z.object({ code: z.string(), nameAr: z.string(), nameFr: z.string() });
export const territorySchema = z.object({
  code: z.string(),
  regionCode: z.string(),
  kind: z.string(),
  nameAr: z.string(),
  nameFr: z.string(),
  pilot: z.boolean(),
  caseCodePrefix: z.string(),
  dtipeEstablished: z.boolean(),
});
export type Territory = z.infer<typeof territorySchema>;

export const communeSchema = z.object({
  id: z.uuid(),
  territoryCode: z.string(),
  nameAr: z.string(),
  nameFr: z.string(),
});
export const createCommuneInputSchema = z.strictObject({
  territoryCode: z.string().min(2).max(60),
  nameAr: z.string().trim().min(2).max(120),
  nameFr: z.string().trim().min(2).max(120),
});

export const sectorSchema = z.object({
  code: z.string(),
  nameAr: z.string(),
  nameFr: z.string(),
  nameEn: z.string(),
});

export const referenceDataSchema = z.object({
  regions: z.array(regionSchema),
  territories: z.array(territorySchema),
  sectors: z.array(sectorSchema),
});
