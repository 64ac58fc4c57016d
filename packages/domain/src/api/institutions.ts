import { z } from 'zod';
import { pageQuerySchema, phoneSchema, versionSchema } from './common';
import { basketService } from './plans';

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
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** Morocco with its southern provinces: coordinates outside are a typing error (a swapped lat/lng). */
export const MOROCCO_BOUNDS = { latMin: 20.5, latMax: 36, lngMin: -17.5, lngMax: -0.9 } as const;

export const coordinatesSchema = z.strictObject({
  lat: z
    .number()
    .min(MOROCCO_BOUNDS.latMin, { message: 'outside_morocco' })
    .max(MOROCCO_BOUNDS.latMax, { message: 'outside_morocco' }),
  lng: z
    .number()
    .min(MOROCCO_BOUNDS.lngMin, { message: 'outside_morocco' })
    .max(MOROCCO_BOUNDS.lngMax, { message: 'outside_morocco' }),
});
export type Coordinates = z.infer<typeof coordinatesSchema>;

/** A code of the basket of services (سلة الخدمات). */
export const serviceCodeSchema = z
  .string()
  .max(60)
  .refine((code) => basketService(code) !== undefined, { message: 'unknown_code' });

/** Fax numbers are Moroccan landlines: the same format as phones. */
export const faxSchema = phoneSchema;
export const websiteSchema = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(300);
export const institutionEmailSchema = z.email().max(200);

export const communeRefSchema = z.object({ id: z.uuid(), nameAr: z.string(), nameFr: z.string() });

export const institutionSchema = z.object({
  id: z.uuid(),
  nameAr: z.string(),
  nameFr: z.string(),
  sectorCode: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  territoryCode: z.string(),
  /** Codes of the basket of services, sorted. */
  services: z.array(z.string()),
  address: z.string().nullable(),
  commune: communeRefSchema.nullable(),
  coordinates: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  openingHours: z.string().nullable(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Institution = z.infer<typeof institutionSchema>;

// ---------------------------------------------------------------------------------------------
// Contact points (نقاط الاتصال)
// ---------------------------------------------------------------------------------------------

export const institutionContactSchema = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** The contact's own Madar account, when they have one (an active user of the institution). */
  user: z.object({ id: z.uuid(), fullName: z.string(), active: z.boolean() }).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InstitutionContact = z.infer<typeof institutionContactSchema>;

const contactFields = {
  name: z.string().trim().min(2).max(200),
  title: z.string().trim().max(200).nullable(),
  phone: phoneSchema.nullable(),
  email: institutionEmailSchema.nullable(),
  userId: z.uuid().nullable(),
};
export const createContactInputSchema = z.strictObject(contactFields);
export const updateContactInputSchema = z.strictObject({ ...contactFields, version: versionSchema });
export type ContactInput = z.infer<typeof createContactInputSchema>;
export const contactParamsSchema = z.strictObject({ id: z.uuid(), contactId: z.uuid() });

/** One institution with its contact points: the professional directory's card. */
export const institutionDetailSchema = institutionSchema.extend({
  contacts: z.array(institutionContactSchema),
});
export type InstitutionDetail = z.infer<typeof institutionDetailSchema>;

// ---------------------------------------------------------------------------------------------
// Creating and updating
// ---------------------------------------------------------------------------------------------

const institutionFields = {
  nameAr: z.string().trim().min(2).max(200),
  nameFr: z.string().trim().min(2).max(200),
  sectorCode: z.string().min(2).max(60),
  type: z.enum(INSTITUTION_TYPES),
  territoryCode: z.string().min(2).max(60),
};

/** The actor map's details; on an update a detail left out keeps its value, null clears it. */
const detailFields = {
  services: z.array(serviceCodeSchema).max(60),
  address: z.string().trim().max(500).nullable(),
  communeId: z.uuid().nullable(),
  coordinates: coordinatesSchema.nullable(),
  openingHours: z.string().trim().max(500).nullable(),
  phone: phoneSchema.nullable(),
  fax: faxSchema.nullable(),
  email: institutionEmailSchema.nullable(),
  website: websiteSchema.nullable(),
};
const optionalDetails = {
  services: detailFields.services.optional(),
  address: detailFields.address.optional(),
  communeId: detailFields.communeId.optional(),
  coordinates: detailFields.coordinates.optional(),
  openingHours: detailFields.openingHours.optional(),
  phone: detailFields.phone.optional(),
  fax: detailFields.fax.optional(),
  email: detailFields.email.optional(),
  website: detailFields.website.optional(),
};
export type InstitutionDetails = {
  [K in keyof typeof detailFields]: z.infer<(typeof detailFields)[K]>;
};

export const createInstitutionInputSchema = z.strictObject({ ...institutionFields, ...optionalDetails });
export const updateInstitutionInputSchema = z.strictObject({
  ...institutionFields,
  ...optionalDetails,
  active: z.boolean(),
  version: versionSchema,
});
export type CreateInstitutionInput = z.infer<typeof createInstitutionInputSchema>;
export type UpdateInstitutionInput = z.infer<typeof updateInstitutionInputSchema>;

export const institutionListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  territoryCode: z.string().max(60).optional(),
  sectorCode: z.string().max(60).optional(),
  serviceCode: z.string().max(60).optional(),
  type: z.enum(INSTITUTION_TYPES).optional(),
  active: z.enum(['true', 'false']).optional(),
});

// ---------------------------------------------------------------------------------------------
// Import and export (CSV UTF-8 and XLSX)
// ---------------------------------------------------------------------------------------------

/** Columns of the actor map's spreadsheets, in file order. `id` empty = a new institution. */
export const INSTITUTION_COLUMNS = [
  'id',
  'name_ar',
  'name_fr',
  'sector',
  'type',
  'territory',
  'commune',
  'services',
  'address',
  'lat',
  'lng',
  'hours',
  'phone',
  'fax',
  'email',
  'website',
  'active',
] as const;
export type InstitutionColumn = (typeof INSTITUTION_COLUMNS)[number];
/** Columns an import file must have; the others may be left out (an update then keeps their value). */
export const REQUIRED_INSTITUTION_COLUMNS: readonly InstitutionColumn[] = [
  'name_ar',
  'name_fr',
  'sector',
  'type',
  'territory',
];
/** Separates the service codes in the `services` column. */
export const SERVICES_SEPARATOR = '|';
export const IMPORT_MAX_ROWS = 5000;
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;

export const institutionExportQuerySchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  territoryCode: z.string().max(60).optional(),
});

/**
 * One problem of an import file. `row` is the spreadsheet's row number (the header is row 1, so
 * the first institution is row 2; 0 = the file itself); `column` is null for a whole-row or file problem.
 */
export const importErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importResultSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/**
 * The 400 answer of a refused import: a problem document (code `validation_failed`, `fields` with
 * paths `rows.<row>.<column>`) extended with the full report. Nothing was written.
 */
export const importRejectedSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(400),
  code: z.literal('validation_failed'),
  detail: z.string(),
  requestId: z.string().optional(),
  fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
  report: z.object({ rows: z.number().int(), errors: z.array(importErrorSchema) }),
});
export type ImportRejected = z.infer<typeof importRejectedSchema>;

// ---------------------------------------------------------------------------------------------
// Public directory of services (no login)
// ---------------------------------------------------------------------------------------------

export const publicDirectoryQuerySchema = z.strictObject({
  territoryCode: z.string().max(60).optional(),
  sectorCode: z.string().max(60).optional(),
  serviceCode: z.string().max(60).optional(),
  q: z.string().trim().max(100).optional(),
  lang: z.enum(['ar', 'fr']).default('ar'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** What a child, a family or a citizen sees: no contact points, no account, only active institutions. */
export const publicInstitutionSchema = z.object({
  id: z.uuid(),
  nameAr: z.string(),
  nameFr: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  sectorCode: z.string(),
  territoryCode: z.string(),
  commune: z.object({ nameAr: z.string(), nameFr: z.string() }).nullable(),
  services: z.array(z.string()),
  address: z.string().nullable(),
  openingHours: z.string().nullable(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  coordinates: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type PublicInstitution = z.infer<typeof publicInstitutionSchema>;
export const publicDirectorySchema = z.object({
  items: z.array(publicInstitutionSchema),
  total: z.number().int(),
});

const labelled = { code: z.string(), nameAr: z.string(), nameFr: z.string() };
export const publicReferenceSchema = z.object({
  regions: z.array(z.object(labelled)),
  territories: z.array(
    z.object({
      ...labelled,
      regionCode: z.string(),
      /** Active institutions listed in the directory: the page can hide empty territories. */
      institutions: z.number().int(),
    }),
  ),
  sectors: z.array(z.object(labelled)),
  services: z.array(z.object({ ...labelled, stage: z.string(), sectorCode: z.string() })),
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES)),
});
export type PublicReference = z.infer<typeof publicReferenceSchema>;

// ---------------------------------------------------------------------------------------------
// Coverage of the basket of services
// ---------------------------------------------------------------------------------------------

export const territoryCoverageSchema = z.object({
  territoryCode: z.string(),
  /** Active institutions of the territory. */
  institutions: z.number().int(),
  services: z.array(
    z.object({
      code: z.string(),
      stage: z.string(),
      sectorCode: z.string(),
      /** Active institutions of the territory offering the service. */
      count: z.number().int(),
      institutions: z.array(z.object({ id: z.uuid(), nameAr: z.string(), nameFr: z.string() })),
    }),
  ),
  /** Services of the basket no active institution of the territory offers. */
  gaps: z.array(z.string()),
  /** Services offered by exactly one: the territory depends on it. */
  single: z.array(z.string()),
});
export type TerritoryCoverage = z.infer<typeof territoryCoverageSchema>;

export const nationalCoverageSchema = z.object({
  /** Services in the basket. */
  basketSize: z.number().int(),
  territories: z.array(
    z.object({
      territoryCode: z.string(),
      regionCode: z.string(),
      pilot: z.boolean(),
      institutions: z.number().int(),
      gaps: z.number().int(),
      single: z.number().int(),
    }),
  ),
  /** For each service, the number of territories where nobody, or only one, offers it. */
  services: z.array(
    z.object({ code: z.string(), gapTerritories: z.number().int(), singleTerritories: z.number().int() }),
  ),
});
export type NationalCoverage = z.infer<typeof nationalCoverageSchema>;
export const territoryCodeParamsSchema = z.strictObject({ code: z.string().max(60) });
