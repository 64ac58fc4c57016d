import type { Institution } from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { badRequest, type FieldProblem, notFound, versionConflict } from '../../platform/errors';
import { originOf } from '../../platform/http/request';
import { authorize } from '../../policies';
import * as repo from './repository';

type InstitutionInput = Pick<Institution, 'nameAr' | 'nameFr' | 'sectorCode' | 'type' | 'territoryCode'>;

export function toInstitution(row: repo.InstitutionRow): Institution {
  return {
    id: row.id,
    nameAr: row.name_ar,
    nameFr: row.name_fr,
    sectorCode: row.sector_code,
    type: row.type as Institution['type'],
    territoryCode: row.territory_code,
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function valuesOf(input: InstitutionInput): repo.InstitutionValues {
  return {
    name_ar: input.nameAr,
    name_fr: input.nameFr,
    sector_code: input.sectorCode,
    type: input.type,
    territory_code: input.territoryCode,
  };
}

async function checkReferences(db: DbOrTx, values: repo.InstitutionValues) {
  const exists = await repo.referenceExists(db, values);
  const problems: FieldProblem[] = [];
  if (!exists.sector) problems.push({ path: 'sectorCode', code: 'unknown_code' });
  if (!exists.territory) problems.push({ path: 'territoryCode', code: 'unknown_code' });
  if (problems.length) throw badRequest(problems);
}

export async function listInstitutions(
  ctx: AppContext,
  query: {
    q?: string | undefined;
    territoryCode?: string | undefined;
    sectorCode?: string | undefined;
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

export async function getInstitution(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const row = await repo.findInstitution(ctx.db, id);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'read', { type: 'institution', territoryCode: row.territory_code });
  return toInstitution(row);
}

export async function createInstitution(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  input: InstitutionInput,
) {
  const values = valuesOf(input);
  await authorize(ctx.db, request, actor, 'create', {
    type: 'institution',
    territoryCode: values.territory_code,
  });
  await checkReferences(ctx.db, values);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.insertInstitution(tx, values);
    await recordAudit(tx, originOf(request), {
      event: 'institution_created',
      actor,
      target: { type: 'institution', id: row.id },
      territoryCode: row.territory_code,
    });
    return toInstitution(row);
  });
}

export async function updateInstitution(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  input: InstitutionInput & { active: boolean; version: number },
) {
  const before = await repo.findInstitution(ctx.db, id);
  if (!before) throw notFound();
  const values = valuesOf(input);
  await authorize(ctx.db, request, actor, 'update', {
    type: 'institution',
    territoryCode: before.territory_code,
  });
  await authorize(ctx.db, request, actor, 'update', {
    type: 'institution',
    territoryCode: values.territory_code,
  });
  await checkReferences(ctx.db, values);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.updateInstitutionIfVersion(tx, id, input.version, {
      ...values,
      active: input.active,
    });
    if (!row) throw versionConflict(toInstitution((await repo.findInstitution(ctx.db, id))!));
    await recordAudit(tx, originOf(request), {
      event: 'institution_updated',
      actor,
      target: { type: 'institution', id },
      territoryCode: row.territory_code,
      details: { active: row.active },
    });
    return toInstitution(row);
  });
}
