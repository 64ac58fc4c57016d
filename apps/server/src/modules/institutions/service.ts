import {
  type ContactInput,
  type CreateInstitutionInput,
  INSTITUTION_TYPES,
  type Institution,
  type InstitutionContact,
  type InstitutionDetail,
  type NationalCoverage,
  type PublicInstitution,
  type PublicReference,
  SERVICE_BASKET,
  type TerritoryCoverage,
  type UpdateInstitutionInput,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/auth/actor';
import { type AppContext, forReading } from '../../platform/context';
import { type DbOrTx, isUniqueViolation } from '../../platform/db/database';
import { badRequest, type FieldProblem, notFound, versionConflict } from '../../platform/errors';
import { originOf } from '../../platform/http/request';
import { authorize } from '../../policies';
import * as repo from './repository';

export function toInstitution(row: repo.InstitutionRow): Institution {
  return {
    id: row.id,
    nameAr: row.name_ar,
    nameFr: row.name_fr,
    sectorCode: row.sector_code,
    type: row.type as Institution['type'],
    territoryCode: row.territory_code,
    services: row.services,
    address: row.address,
    commune:
      row.commune_id && row.commune_name_ar !== null && row.commune_name_fr !== null
        ? { id: row.commune_id, nameAr: row.commune_name_ar, nameFr: row.commune_name_fr }
        : null,
    coordinates:
      row.latitude !== null && row.longitude !== null ? { lat: row.latitude, lng: row.longitude } : null,
    openingHours: row.opening_hours,
    phone: row.phone,
    fax: row.fax,
    email: row.email,
    website: row.website,
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toContact(row: repo.ContactRow): InstitutionContact {
  return {
    id: row.id,
    institutionId: row.institution_id,
    name: row.name,
    title: row.title,
    phone: row.phone,
    email: row.email,
    user:
      row.user_id && row.user_full_name !== null
        ? { id: row.user_id, fullName: row.user_full_name, active: row.user_active === true }
        : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toPublicInstitution(row: repo.InstitutionRow): PublicInstitution {
  const i = toInstitution(row);
  return {
    id: i.id,
    nameAr: i.nameAr,
    nameFr: i.nameFr,
    type: i.type,
    sectorCode: i.sectorCode,
    territoryCode: i.territoryCode,
    commune: i.commune ? { nameAr: i.commune.nameAr, nameFr: i.commune.nameFr } : null,
    services: i.services,
    address: i.address,
    openingHours: i.openingHours,
    phone: i.phone,
    fax: i.fax,
    email: i.email,
    website: i.website,
    coordinates: i.coordinates,
  };
}

const blankToNull = (text: string | null | undefined) =>
  text === undefined ? undefined : text === null || text.trim() === '' ? null : text.trim();

/** The stored details of an input; keys the input left out stay out (an update keeps them). */
function detailValuesOf(input: CreateInstitutionInput): Partial<repo.InstitutionDetailValues> {
  const values: Partial<repo.InstitutionDetailValues> = {};
  const set = <K extends keyof repo.InstitutionDetailValues>(
    key: K,
    value: repo.InstitutionDetailValues[K] | undefined,
  ) => {
    if (value !== undefined) values[key] = value;
  };
  set('address', blankToNull(input.address));
  set('commune_id', input.communeId);
  if (input.coordinates !== undefined) {
    values.latitude = input.coordinates?.lat ?? null;
    values.longitude = input.coordinates?.lng ?? null;
  }
  set('opening_hours', blankToNull(input.openingHours));
  set('phone', input.phone);
  set('fax', input.fax);
  set('email', input.email === undefined || input.email === null ? input.email : input.email.toLowerCase());
  set('website', input.website);
  return values;
}

function valuesOf(input: CreateInstitutionInput): repo.InstitutionValues {
  return {
    name_ar: input.nameAr,
    name_fr: input.nameFr,
    sector_code: input.sectorCode,
    type: input.type,
    territory_code: input.territoryCode,
  };
}

/** Codes once each, in a stable order: two saves of the same choice compare equal. */
export const normalServices = (codes: readonly string[]) => [...new Set(codes)].sort();

async function checkReferences(
  db: DbOrTx,
  values: repo.InstitutionValues,
  communeId: string | null | undefined,
) {
  const exists = await repo.referenceExists(db, values);
  const problems: FieldProblem[] = [];
  if (!exists.sector) problems.push({ path: 'sectorCode', code: 'unknown_code' });
  if (!exists.territory) problems.push({ path: 'territoryCode', code: 'unknown_code' });
  if (communeId) {
    const commune = await repo.findCommune(db, communeId);
    if (!commune) problems.push({ path: 'communeId', code: 'unknown_code' });
    else if (commune.territory_code !== values.territory_code) {
      problems.push({ path: 'communeId', code: 'commune_outside_territory' });
    }
  }
  if (problems.length) throw badRequest(problems);
}

export async function listInstitutions(
  ctx: AppContext,
  query: {
    q?: string | undefined;
    territoryCode?: string | undefined;
    sectorCode?: string | undefined;
    serviceCode?: string | undefined;
    type?: string | undefined;
    active?: 'true' | 'false' | undefined;
    limit: number;
    offset: number;
  },
) {
  const { rows, total } = await repo.listInstitutions(ctx.db, {
    ...query,
    active: query.active === undefined ? undefined : query.active === 'true',
  });
  return { items: rows.map(toInstitution), total };
}

async function institutionFor(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  action: 'read' | 'update',
) {
  const row = await repo.findInstitution(ctx.db, id);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, action, { type: 'institution', territoryCode: row.territory_code });
  return row;
}

export async function getInstitution(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
): Promise<InstitutionDetail> {
  const row = await institutionFor(ctx, request, actor, id, 'read');
  const contacts = await repo.listContacts(ctx.db, id);
  return { ...toInstitution(row), contacts: contacts.map(toContact) };
}

export async function createInstitution(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  input: CreateInstitutionInput,
) {
  const values = valuesOf(input);
  await authorize(ctx.db, request, actor, 'create', {
    type: 'institution',
    territoryCode: values.territory_code,
  });
  await checkReferences(ctx.db, values, input.communeId);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertInstitution(tx, { ...values, ...detailValuesOf(input) });
    await repo.replaceServices(tx, id, normalServices(input.services ?? []));
    await recordAudit(tx, originOf(request), {
      event: 'institution_created',
      actor,
      target: { type: 'institution', id },
      territoryCode: values.territory_code,
    });
    return id;
  });
  return toInstitution((await repo.findInstitution(ctx.db, id))!);
}

export async function updateInstitution(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  input: UpdateInstitutionInput,
) {
  const before = await institutionFor(ctx, request, actor, id, 'update');
  const values = valuesOf(input);
  await authorize(ctx.db, request, actor, 'update', {
    type: 'institution',
    territoryCode: values.territory_code,
  });
  // A commune kept from before must still lie in the (possibly new) territory.
  const communeId = input.communeId === undefined ? before.commune_id : input.communeId;
  await checkReferences(ctx.db, values, communeId);
  await ctx.db.transaction().execute(async (tx) => {
    const updated = await repo.updateInstitutionIfVersion(tx, id, input.version, {
      ...values,
      ...detailValuesOf(input),
      active: input.active,
    });
    if (!updated) throw versionConflict(toInstitution((await repo.findInstitution(ctx.db, id))!));
    if (input.services !== undefined) await repo.replaceServices(tx, id, normalServices(input.services));
    await recordAudit(tx, originOf(request), {
      event: 'institution_updated',
      actor,
      target: { type: 'institution', id },
      territoryCode: values.territory_code,
      details: { active: input.active },
    });
  });
  return toInstitution((await repo.findInstitution(ctx.db, id))!);
}

// ---------------------------------------------------------------------------------------------
// Contact points: read by every signed-in user, kept by whoever may update the institution.
// ---------------------------------------------------------------------------------------------

export async function listContacts(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  await institutionFor(ctx, request, actor, id, 'read');
  return (await repo.listContacts(ctx.db, id)).map(toContact);
}

function contactValuesOf(input: ContactInput): repo.ContactValues {
  return {
    name: input.name,
    title: blankToNull(input.title) ?? null,
    phone: input.phone,
    email: input.email?.toLowerCase() ?? null,
    user_id: input.userId,
  };
}

async function checkContactUser(db: DbOrTx, institutionId: string, userId: string, contactId?: string) {
  if (!(await repo.isActiveUserOf(db, userId, institutionId))) {
    throw badRequest([{ path: 'userId', code: 'user_not_in_institution' }]);
  }
  const linked = await repo.contactLinkedTo(db, institutionId, userId);
  if (linked && linked !== contactId) throw badRequest([{ path: 'userId', code: 'duplicate' }]);
}

async function auditContact(
  tx: DbOrTx,
  request: FastifyRequest,
  actor: Actor,
  institution: repo.InstitutionRow,
  contactId: string,
  change: 'added' | 'changed' | 'removed',
) {
  await recordAudit(tx, originOf(request), {
    event: 'institution_updated',
    actor,
    target: { type: 'institution', id: institution.id },
    territoryCode: institution.territory_code,
    details: { contact: change, contactId },
  });
}

/** Two requests linking the same account race to the unique index: the loser gets a field error. */
async function linkingOnce<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw badRequest([{ path: 'userId', code: 'duplicate' }]);
    throw error;
  }
}

export async function addContact(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  institutionId: string,
  input: ContactInput,
) {
  const institution = await institutionFor(ctx, request, actor, institutionId, 'update');
  if (input.userId) await checkContactUser(ctx.db, institutionId, input.userId);
  const id = await linkingOnce(() =>
    ctx.db.transaction().execute(async (tx) => {
      const id = await repo.insertContact(tx, institutionId, contactValuesOf(input));
      await auditContact(tx, request, actor, institution, id, 'added');
      return id;
    }),
  );
  return toContact((await repo.findContact(ctx.db, institutionId, id))!);
}

export async function updateContact(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  institutionId: string,
  contactId: string,
  input: ContactInput & { version: number },
) {
  const institution = await institutionFor(ctx, request, actor, institutionId, 'update');
  const before = await repo.findContact(ctx.db, institutionId, contactId);
  if (!before) throw notFound();
  // An account deactivated since it was linked does not block editing the rest of the contact.
  if (input.userId && input.userId !== before.user_id) {
    await checkContactUser(ctx.db, institutionId, input.userId, contactId);
  }
  await linkingOnce(() =>
    ctx.db.transaction().execute(async (tx) => {
      const updated = await repo.updateContactIfVersion(
        tx,
        institutionId,
        contactId,
        input.version,
        contactValuesOf(input),
      );
      if (!updated) {
        const current = await repo.findContact(ctx.db, institutionId, contactId);
        if (!current) throw notFound();
        throw versionConflict(toContact(current));
      }
      await auditContact(tx, request, actor, institution, contactId, 'changed');
    }),
  );
  return toContact((await repo.findContact(ctx.db, institutionId, contactId))!);
}

export async function removeContact(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  institutionId: string,
  contactId: string,
) {
  const institution = await institutionFor(ctx, request, actor, institutionId, 'update');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.deleteContact(tx, institutionId, contactId))) throw notFound();
    await auditContact(tx, request, actor, institution, contactId, 'removed');
  });
  return { ok: true as const };
}

// ---------------------------------------------------------------------------------------------
// Coverage of the basket of services
// ---------------------------------------------------------------------------------------------

export async function territoryCoverage(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  territoryCode: string,
): Promise<TerritoryCoverage> {
  if (!(await repo.territoryExists(ctx.db, territoryCode))) throw notFound();
  await authorize(ctx.db, request, actor, 'read', { type: 'institution', territoryCode });
  const [offers, counts] = await Promise.all([
    repo.offersOfTerritory(forReading(ctx), territoryCode),
    repo.countActiveInstitutions(forReading(ctx)),
  ]);
  const services = SERVICE_BASKET.map((s) => {
    const institutions = offers
      .filter((o) => o.service_code === s.code)
      .map((o) => ({ id: o.id, nameAr: o.name_ar, nameFr: o.name_fr }));
    return { code: s.code, stage: s.stage, sectorCode: s.sector, count: institutions.length, institutions };
  });
  return {
    territoryCode,
    institutions: counts.get(territoryCode) ?? 0,
    services,
    gaps: services.filter((s) => s.count === 0).map((s) => s.code),
    single: services.filter((s) => s.count === 1).map((s) => s.code),
  };
}

export async function nationalCoverage(ctx: AppContext): Promise<NationalCoverage> {
  const [territories, offers, counts] = await Promise.all([
    repo.territories(forReading(ctx)),
    repo.offerCounts(forReading(ctx)),
    repo.countActiveInstitutions(forReading(ctx)),
  ]);
  const offered = new Map(offers.map((o) => [`${o.territory_code}/${o.service_code}`, Number(o.n)]));
  const countOf = (territory: string, service: string) => offered.get(`${territory}/${service}`) ?? 0;
  return {
    basketSize: SERVICE_BASKET.length,
    territories: territories.map((t) => {
      const perService = SERVICE_BASKET.map((s) => countOf(t.code, s.code));
      return {
        territoryCode: t.code,
        regionCode: t.region_code,
        pilot: t.pilot,
        institutions: counts.get(t.code) ?? 0,
        gaps: perService.filter((n) => n === 0).length,
        single: perService.filter((n) => n === 1).length,
      };
    }),
    services: SERVICE_BASKET.map((s) => ({
      code: s.code,
      gapTerritories: territories.filter((t) => countOf(t.code, s.code) === 0).length,
      singleTerritories: territories.filter((t) => countOf(t.code, s.code) === 1).length,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The public directory of services
// ---------------------------------------------------------------------------------------------

export async function publicDirectory(
  ctx: AppContext,
  query: {
    territoryCode?: string | undefined;
    sectorCode?: string | undefined;
    serviceCode?: string | undefined;
    q?: string | undefined;
    lang: 'ar' | 'fr';
    limit: number;
    offset: number;
  },
) {
  const { rows, total } = await repo.listInstitutions(ctx.db, {
    territoryCode: query.territoryCode,
    withSubTerritories: true,
    sectorCode: query.sectorCode,
    serviceCode: query.serviceCode,
    q: query.q,
    searchAddress: true,
    active: true,
    limit: query.limit,
    offset: query.offset,
    orderBy: query.lang === 'fr' ? 'name_fr' : 'name_ar',
  });
  return { items: rows.map(toPublicInstitution), total };
}

export async function publicReference(ctx: AppContext): Promise<PublicReference> {
  const data = await repo.publicReference(forReading(ctx));
  return {
    regions: data.regions.map((r) => ({ code: r.code, nameAr: r.name_ar, nameFr: r.name_fr })),
    territories: data.territories.map((t) => ({
      code: t.code,
      nameAr: t.name_ar,
      nameFr: t.name_fr,
      regionCode: t.region_code,
      institutions: data.counts.get(t.code) ?? 0,
    })),
    sectors: data.sectors.map((s) => ({ code: s.code, nameAr: s.name_ar, nameFr: s.name_fr })),
    services: SERVICE_BASKET.map((s) => ({
      code: s.code,
      nameAr: s.ar,
      nameFr: s.fr,
      stage: s.stage,
      sectorCode: s.sector,
    })),
    institutionTypes: [...INSTITUTION_TYPES],
  };
}
