import { randomUUID } from 'node:crypto';
import {
  ageBand,
  type ChildIdentity,
  type ChildProfile,
  MATCH_THRESHOLD,
  preparedSimilarity,
  prepareName,
  validateChildDates,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor';
import { type AppContext, forReading } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { badRequest, type FieldProblem, notFound, versionConflict } from '../../platform/errors';
import { authorize, can } from '../../policies';
import type { CaseResource } from '../../policies/cases';
import * as identityStore from './identity';
import * as repo from './repository';

type ChildRow = NonNullable<Awaited<ReturnType<typeof repo.findChild>>>;

export function toProfile(row: ChildRow, today = new Date().toISOString().slice(0, 10)): ChildProfile {
  return {
    id: row.id,
    code: row.code,
    territoryCode: row.territory_code,
    sex: row.sex,
    // Without the full birth date (kept in the identity) the band is taken at mid-year.
    ageBand: row.birth_year ? ageBand(`${row.birth_year}-07-01`, today) : null,
    birthYear: row.birth_year,
    mergedInto: row.merged_into,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

export const childResource = (row: { territory_code: string }): CaseResource => ({
  type: 'case',
  territoryCode: row.territory_code,
  assignedWorkerId: null,
});

/** Field-level checks of an identity: dates that cannot be, and the age limit of child protection. */
export function checkIdentity(
  identity: ChildIdentity,
  context: { reportDate?: string; situations?: string[]; prefix?: string },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const prefix = context.prefix ?? 'identity';
  if (!identity.firstNameAr && !identity.firstNameLatin) {
    problems.push({ path: `${prefix}.firstNameAr`, code: 'name_required' });
  }
  if (identity.birthDate) {
    const today = new Date().toISOString().slice(0, 10);
    const result = validateChildDates({
      birthDate: identity.birthDate,
      reportDate: context.reportDate ?? today,
      now: today,
      situations: context.situations ?? [],
    });
    for (const v of result)
      problems.push({ path: v.field === 'birthDate' ? `${prefix}.birthDate` : v.field, code: v.code });
  }
  return problems;
}

/**
 * Registers a child: a pseudonymous code (territory + year + sequence), the identity encrypted and
 * its blind indexes. Runs inside the caller's transaction (triage opens the case in the same one).
 */
export async function registerChild(
  ctx: AppContext,
  tx: DbOrTx,
  actor: Actor,
  input: { territoryCode: string; sex: ChildRow['sex']; identity: ChildIdentity },
): Promise<ChildRow> {
  const prefix = await repo.casePrefix(tx, input.territoryCode);
  if (!prefix) throw badRequest([{ path: 'territoryCode', code: 'unknown_code' }]);
  const year = new Date().getUTCFullYear();
  const number = await repo.nextChildNumber(tx, input.territoryCode, year);
  const id = randomUUID();
  const row = await tx
    .insertInto('child')
    .values({
      id,
      code: `${prefix}-${year}-${String(number).padStart(5, '0')}`,
      territory_code: input.territoryCode,
      sex: input.sex,
      birth_year: input.identity.birthDate ? Number(input.identity.birthDate.slice(0, 4)) : null,
      birth_date_estimated: input.identity.birthDateEstimated,
      identity_enc: identityStore.encryptIdentity(ctx.keyRing, id, input.identity),
      created_by: actor.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await repo.replaceSearchKeys(
    tx,
    id,
    input.territoryCode,
    identityStore.hashedSearchKeys(ctx.keyRing, id, input.identity),
  );
  return row;
}

/** Reads a child's identity for an allowed user, and records the view. */
export async function readIdentity(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  childId: string,
): Promise<ChildProfile & { identity: ChildIdentity }> {
  const row = await repo.findChild(ctx.db, childId);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'readIdentity', childResource(row));
  const identity = identityStore.decryptIdentity(ctx.keyRing, row.id, row.identity_enc);
  await repo.logAccess(ctx.db, [
    {
      user_id: actor.id,
      child_id: row.id,
      case_id: null,
      territory_code: row.territory_code,
      what: 'identity',
      target_id: null,
      ip: request.ip,
    },
  ]);
  return { ...toProfile(row), identity };
}

export async function getProfile(ctx: AppContext, request: FastifyRequest, actor: Actor, childId: string) {
  const row = await repo.findChild(ctx.db, childId);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'read', childResource(row));
  return toProfile(row);
}

export async function updateIdentity(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  childId: string,
  input: { sex: ChildRow['sex']; identity: ChildIdentity; version: number },
) {
  const row = await repo.findChild(ctx.db, childId);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'editIdentity', childResource(row));
  const problems = checkIdentity(input.identity, {});
  if (problems.length) throw badRequest(problems);
  return ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('child')
      .set((eb) => ({
        sex: input.sex,
        birth_year: input.identity.birthDate ? Number(input.identity.birthDate.slice(0, 4)) : null,
        birth_date_estimated: input.identity.birthDateEstimated,
        identity_enc: identityStore.encryptIdentity(ctx.keyRing, row.id, input.identity),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw versionConflict(toProfile((await repo.findChild(ctx.db, row.id))!));
    await repo.replaceSearchKeys(
      tx,
      row.id,
      row.territory_code,
      identityStore.hashedSearchKeys(ctx.keyRing, row.id, input.identity),
    );
    await repo.logAccess(tx, [
      {
        user_id: actor.id,
        child_id: row.id,
        case_id: null,
        territory_code: row.territory_code,
        what: 'identity_edit',
        target_id: null,
        ip: request.ip,
      },
    ]);
    return { ...toProfile(updated), identity: input.identity };
  });
}

export interface SearchInput {
  territoryCode?: string | undefined;
  name?: string | undefined;
  birthYear?: number | undefined;
  birthDate?: string | undefined;
  parentName?: string | undefined;
  phone?: string | undefined;
  code?: string | undefined;
  sex?: ChildRow['sex'] | undefined;
  limit: number;
}

const CANDIDATE_LIMIT = 300;

/** Children hitting every key group of a name query (exact skeletons first, one-typo keys after). */
async function byName(
  ctx: AppContext,
  field: 'name' | 'parent',
  query: string,
  filter: Parameters<typeof repo.childrenMatchingGroups>[3],
): Promise<Set<string>> {
  for (const typos of [false, true]) {
    const groups = identityStore.hashedQueryGroups(ctx.keyRing, field, query, typos);
    if (groups.length === 0) return new Set();
    const ids = await repo.childrenMatchingGroups(forReading(ctx), field, groups, filter, CANDIDATE_LIMIT);
    if (ids.length > 0) return new Set(ids);
  }
  return new Set();
}

function intersect(a: Set<string> | null, b: Set<string>): Set<string> {
  return a === null ? b : new Set([...a].filter((x) => b.has(x)));
}

/**
 * Finds children from blind indexes only; the candidates are decrypted (and the views logged) only
 * for users allowed to see identities, to rank them by name similarity.
 */
export async function searchChildren(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  input: SearchInput,
) {
  const territoryCode = actor.territoryCode ?? input.territoryCode;
  if (!territoryCode) throw badRequest([{ path: 'territoryCode', code: 'required' }]);
  await authorize(ctx.db, request, actor, 'list', { type: 'case', territoryCode, assignedWorkerId: null });
  const filter = { territoryCode, sex: input.sex, birthYear: input.birthYear };
  let ids: Set<string> | null = null;
  const matched: string[] = [];
  const keyed = async (field: 'dob' | 'phone' | 'document', key: string) => {
    const hashed = ctx.keyRing.blindIndex(`child.${field}`, key);
    return new Set(await repo.childrenByKey(forReading(ctx), field, hashed, filter, CANDIDATE_LIMIT));
  };
  if (input.code) {
    ids = intersect(
      ids,
      new Set((await repo.childrenByCode(forReading(ctx), input.code, territoryCode)).map((r) => r.id)),
    );
    matched.push('code');
  }
  if (input.name) {
    ids = intersect(ids, await byName(ctx, 'name', input.name, filter));
    matched.push('name');
  }
  if (input.parentName) {
    ids = intersect(ids, await byName(ctx, 'parent', input.parentName, filter));
    matched.push('parent');
  }
  if (input.birthDate) {
    ids = intersect(ids, await keyed('dob', input.birthDate));
    matched.push('birthDate');
  }
  if (input.phone) {
    ids = intersect(ids, await keyed('phone', identityStore.normalisePhone(input.phone)));
    matched.push('phone');
  }
  if (ids === null) {
    if (!input.birthYear && !input.sex) return { items: [], identitiesShown: false };
    ids = new Set((await repo.childrenByAttributes(forReading(ctx), filter, input.limit)).map((r) => r.id));
  }
  const rows = await repo.findChildren(forReading(ctx), [...ids].slice(0, CANDIDATE_LIMIT));
  const showIdentity = can(actor, 'readIdentity', { type: 'case', territoryCode, assignedWorkerId: null });
  // The query is analysed once, not once per candidate: ranking is most of a search's CPU.
  const query = input.name ? prepareName(input.name) : null;
  const scored = rows.map((row) => {
    const identity = showIdentity
      ? identityStore.decryptIdentity(ctx.keyRing, row.id, row.identity_enc)
      : undefined;
    const score =
      identity && query
        ? Math.max(
            0,
            ...identityStore.fullNames(identity).map((n) => preparedSimilarity(query, prepareName(n))),
          )
        : 1;
    return { row, identity, score };
  });
  const ranked = scored
    .filter((s) => !input.name || !s.identity || s.score >= MATCH_THRESHOLD * 0.8)
    .sort((a, b) => b.score - a.score || b.row.created_at.getTime() - a.row.created_at.getTime())
    .slice(0, input.limit);
  const open = await repo.openCaseIds(
    forReading(ctx),
    ranked.map((r) => r.row.id),
  );
  if (showIdentity) {
    await repo.logAccess(
      ctx.db,
      ranked.map((r) => ({
        user_id: actor.id,
        child_id: r.row.id,
        case_id: null,
        territory_code: r.row.territory_code,
        what: 'identity_search',
        target_id: null,
        ip: request.ip,
      })),
    );
  }
  return {
    identitiesShown: showIdentity,
    items: ranked.map((r) => ({
      child: toProfile(r.row),
      ...(r.identity ? { identity: r.identity } : {}),
      score: Math.round(r.score * 100) / 100,
      matched,
      openCaseId: open.get(r.row.id) ?? null,
    })),
  };
}

/** Likely duplicates of an identity about to be registered: same names, narrowed by birth year and sex. */
export async function findDuplicates(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  input: { territoryCode: string; sex: ChildRow['sex']; identity: ChildIdentity },
) {
  // Every script's full name is tried (a half-typed Arabic name must not hide the Latin one); the
  // best score of a child over the searches ranks it.
  const names = identityStore.fullNames(input.identity);
  if (names.length === 0) return { items: [], identitiesShown: false };
  const birthYear = input.identity.birthDate ? Number(input.identity.birthDate.slice(0, 4)) : undefined;
  const searches = [];
  for (const name of names) {
    searches.push(
      await searchChildren(ctx, request, actor, {
        territoryCode: input.territoryCode,
        name,
        ...(input.sex !== 'unknown' ? { sex: input.sex } : {}),
        limit: 10,
      }),
    );
  }
  const best = new Map<string, (typeof searches)[number]['items'][number]>();
  for (const item of searches.flatMap((s) => s.items)) {
    const known = best.get(item.child.id);
    if (!known || item.score > known.score) best.set(item.child.id, item);
  }
  const result = {
    identitiesShown: searches.some((s) => s.identitiesShown),
    items: [...best.values()].sort((a, b) => b.score - a.score).slice(0, 10),
  };
  // A birth year more than a year apart makes the same name another child.
  return {
    ...result,
    items: result.items.filter(
      (m) => !birthYear || !m.child.birthYear || Math.abs(m.child.birthYear - birthYear) <= 1,
    ),
  };
}

/**
 * Merges a duplicate into the child kept: cases and reports move over, the duplicate stays with a
 * pointer to the child kept, so both histories remain.
 */
export async function mergeChildren(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  input: { duplicateId: string; keepId: string },
) {
  if (input.duplicateId === input.keepId) throw badRequest([{ path: 'duplicateId', code: 'invalid_value' }]);
  const [duplicate, keep] = await Promise.all([
    repo.findChild(ctx.db, input.duplicateId),
    repo.findChild(ctx.db, input.keepId),
  ]);
  if (!duplicate || !keep) throw notFound();
  await authorize(ctx.db, request, actor, 'editIdentity', childResource(duplicate));
  await authorize(ctx.db, request, actor, 'editIdentity', childResource(keep));
  if (duplicate.merged_into || keep.merged_into)
    throw badRequest([{ path: 'duplicateId', code: 'already_merged' }]);
  return ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('protection_case')
      .set({ child_id: keep.id })
      .where('child_id', '=', duplicate.id)
      .execute();
    await tx
      .updateTable('report_child')
      .set({ child_id: keep.id })
      .where('child_id', '=', duplicate.id)
      .execute();
    await tx
      .updateTable('child')
      .set((eb) => ({ merged_into: keep.id, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', duplicate.id)
      .execute();
    await repo.logAccess(tx, [
      {
        user_id: actor.id,
        child_id: keep.id,
        case_id: null,
        territory_code: keep.territory_code,
        what: 'merge',
        target_id: duplicate.id,
        ip: request.ip,
      },
    ]);
    return toProfile((await repo.findChild(tx, keep.id))!);
  });
}

export async function accessLog(ctx: AppContext, request: FastifyRequest, actor: Actor, childId: string) {
  const row = await repo.findChild(ctx.db, childId);
  if (!row) throw notFound();
  await authorize(ctx.db, request, actor, 'readAccessLog', childResource(row));
  const rows = await repo.accessLogOf(ctx.db, childId, 500);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    userId: r.user_id,
    userLogin: r.login,
    userFullName: r.full_name,
    what: r.what,
    targetId: r.target_id,
  }));
}
