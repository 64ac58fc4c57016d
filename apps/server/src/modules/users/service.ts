import {
  CASEWORKER_ROLES,
  type CreateUserInput,
  EITHER_SCOPE_ROLES,
  hasAnyRole,
  INSTITUTION_ROLES,
  NATIONAL_ROLES,
  type Role,
  type UpdateUserInput,
  type User,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/auth/actor';
import { hashPassword, temporaryPassword } from '../../platform/auth/passwords';
import { deleteUserSessions } from '../../platform/auth/sessions';
import type { AppContext } from '../../platform/context';
import { type DbOrTx, isUniqueViolation } from '../../platform/db/database';
import { AppError, badRequest, type FieldProblem, notFound, versionConflict } from '../../platform/errors';
import { originOf } from '../../platform/http/request';
import { authorize } from '../../policies';
import type { UserResource } from '../../policies/users';
import { openCasesHeldBy } from '../cases/repository';
import { releaseOpenCasesOf } from '../cases/service';
import * as repo from './repository';

export function toUser(row: repo.UserRow): User {
  return {
    id: row.id,
    login: row.login,
    fullName: row.full_name,
    email: row.email,
    phone: row.phone,
    institutionId: row.institution_id,
    territoryCode: row.territory_code,
    roles: row.roles as Role[],
    preferredLanguage: row.preferred_language as User['preferredLanguage'],
    active: row.active,
    totpEnabled: row.totp_enabled,
    mustChangePassword: row.must_change_password,
    lockedUntil:
      row.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until.toISOString() : null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const resourceOf = (row: { id?: string; territory_code: string | null; roles: string[] }): UserResource => ({
  type: 'user',
  ...(row.id ? { id: row.id } : {}),
  territoryCode: row.territory_code,
  roles: row.roles as Role[],
});

/** A national role has no territory; a provincial role needs one; partners need their institution. */
async function checkScope(
  db: DbOrTx,
  input: { roles: Role[]; territoryCode: string | null; institutionId: string | null },
): Promise<void> {
  const problems: FieldProblem[] = [];
  const national = input.roles.filter((r) => NATIONAL_ROLES.includes(r));
  const provincial = input.roles.filter(
    (r) => !NATIONAL_ROLES.includes(r) && !EITHER_SCOPE_ROLES.includes(r),
  );
  if (national.length && provincial.length) problems.push({ path: 'roles', code: 'roles_mixed_scope' });
  if (national.length && input.territoryCode)
    problems.push({ path: 'territoryCode', code: 'territory_not_allowed' });
  if (provincial.length && !input.territoryCode)
    problems.push({ path: 'territoryCode', code: 'territory_required' });
  if (input.territoryCode && !(await repo.findTerritory(db, input.territoryCode))) {
    problems.push({ path: 'territoryCode', code: 'unknown_code' });
  }
  if (input.roles.some((r) => INSTITUTION_ROLES.includes(r)) && !input.institutionId) {
    problems.push({ path: 'institutionId', code: 'institution_required' });
  }
  if (input.institutionId) {
    const institution = await repo.findInstitution(db, input.institutionId);
    if (!institution) problems.push({ path: 'institutionId', code: 'unknown_code' });
    else if (!institution.active) problems.push({ path: 'institutionId', code: 'inactive_institution' });
    else if (input.territoryCode && institution.territory_code !== input.territoryCode) {
      problems.push({ path: 'institutionId', code: 'institution_outside_territory' });
    }
  }
  if (problems.length) throw badRequest(problems);
}

function valuesOf(input: CreateUserInput | UpdateUserInput): repo.UserValues {
  return {
    full_name: input.fullName,
    email: input.email,
    phone: input.phone,
    institution_id: input.institutionId,
    territory_code: input.territoryCode,
    roles: [...new Set(input.roles)],
    preferred_language: input.preferredLanguage,
  };
}

export async function listUsers(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  query: {
    q?: string | undefined;
    territoryCode?: string | undefined;
    role?: Role | undefined;
    active?: 'true' | 'false' | undefined;
    limit: number;
    offset: number;
  },
) {
  // A provincial administrator's list is their province, whatever filter is asked.
  const territoryCode = actor.territoryCode ?? query.territoryCode ?? null;
  await authorize(ctx.db, request, actor, 'list', { type: 'user', territoryCode, roles: [] });
  const { rows, total } = await repo.listUsers(ctx.db, {
    ...query,
    territoryCode,
    active: query.active === undefined ? undefined : query.active === 'true',
  });
  return { items: rows.map(toUser), total };
}

async function loadUser(ctx: AppContext, id: string): Promise<repo.UserRow> {
  const row = await repo.findUser(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

export async function getUser(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const row = await loadUser(ctx, id);
  await authorize(ctx.db, request, actor, 'read', resourceOf(row));
  return toUser(row);
}

export async function createUser(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  input: CreateUserInput,
) {
  const values = valuesOf(input);
  await authorize(ctx.db, request, actor, 'create', resourceOf(values));
  await checkScope(ctx.db, input);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction().execute(async (tx) => {
    if (await repo.loginExists(tx, input.login)) throw badRequest([{ path: 'login', code: 'duplicate' }]);
    const row = await repo
      .insertUser(tx, {
        ...values,
        login: input.login,
        password_hash: passwordHash,
        must_change_password: true,
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? badRequest([{ path: 'login', code: 'duplicate' }]) : error;
      });
    await recordAudit(tx, originOf(request), {
      event: 'user_created',
      actor,
      target: { type: 'user', id: row.id },
      territoryCode: row.territory_code,
      details: { login: row.login, roles: row.roles },
    });
    return { user: toUser(row), temporaryPassword: password };
  });
}

export async function updateUser(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
) {
  const before = await loadUser(ctx, id);
  const values = valuesOf(input);
  // Both what the account was and what it becomes must be within the actor's reach.
  await authorize(ctx.db, request, actor, 'update', resourceOf(before));
  await authorize(ctx.db, request, actor, 'update', resourceOf({ id, ...values }));
  // Said as a field error before the policy's refusal: an administrator unticking their own
  // "active" box needs to know why, not a bare 403.
  if (id === actor.id && !input.active)
    throw badRequest([{ path: 'active', code: 'cannot_deactivate_self' }]);
  if (before.active && !input.active)
    await authorize(ctx.db, request, actor, 'deactivate', resourceOf(before));
  await checkScope(ctx.db, input);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.updateUserIfVersion(tx, id, input.version, { ...values, active: input.active });
    if (!row) throw versionConflict(toUser(await loadUser(ctx, id)));
    const origin = originOf(request);
    const target = { type: 'user', id };
    const rolesChanged = [...before.roles].sort().join() !== [...row.roles].sort().join();
    // Still active, but no longer a caseworker of the province of its cases: they go back to the
    // coordinators as on a deactivation (cases are worked only by caseworkers of their territory).
    const leftItsCases =
      before.active &&
      row.active &&
      (row.territory_code !== before.territory_code || !hasAnyRole(row.roles as Role[], CASEWORKER_ROLES));
    const openCasesReleased = leftItsCases
      ? await releaseOpenCasesOf(ctx, tx, actor, id, 'account_changed')
      : 0;
    await recordAudit(tx, origin, {
      event: 'user_updated',
      actor,
      target,
      territoryCode: row.territory_code,
      details: {
        fields: changedFields(before, row),
        ...(openCasesReleased > 0 ? { openCasesReleased } : {}),
      },
    });
    if (rolesChanged) {
      await recordAudit(tx, origin, {
        event: 'user_roles_changed',
        actor,
        target,
        territoryCode: row.territory_code,
        details: { from: before.roles, to: row.roles },
      });
    }
    if (before.active && !row.active) {
      // A deactivated account is signed out at once, on every device, and its open cases return to
      // the coordinators (cases/service.ts releaseOpenCasesOf): all or nothing with the save.
      await deleteUserSessions(tx, id);
      const openCasesReleased = await releaseOpenCasesOf(ctx, tx, actor, id, 'deactivated');
      await recordAudit(tx, origin, {
        event: 'user_deactivated',
        actor,
        target,
        details: { openCasesReleased },
      });
    } else if (!before.active && row.active) {
      // Reactivation gives nothing back: the coordinators have reassigned the cases since.
      await recordAudit(tx, origin, { event: 'user_reactivated', actor, target });
    }
    return toUser(row);
  });
}

/** How many open cases the account holds: what deactivating it would return to the coordinators. */
export async function openCasesOf(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const row = await loadUser(ctx, id);
  // Asked to decide a deactivation: whoever may deactivate the account may know what it would do.
  await authorize(ctx.db, request, actor, 'deactivate', resourceOf(row));
  return { openCases: await openCasesHeldBy(ctx.db, id) };
}

function changedFields(before: repo.UserRow, after: repo.UserRow): string[] {
  const keys = [
    'full_name',
    'email',
    'phone',
    'institution_id',
    'territory_code',
    'roles',
    'preferred_language',
    'active',
  ] as const;
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export async function resetPassword(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const before = await loadUser(ctx, id);
  await authorize(ctx.db, request, actor, 'resetPassword', resourceOf(before));
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setPassword(tx, id, passwordHash);
    await deleteUserSessions(tx, id);
    await recordAudit(tx, originOf(request), {
      event: 'user_password_reset',
      actor,
      target: { type: 'user', id },
    });
  });
  return { temporaryPassword: password };
}

export async function unlockUser(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const before = await loadUser(ctx, id);
  await authorize(ctx.db, request, actor, 'unlock', resourceOf(before));
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.clearLock(tx, id);
    if (!row) throw new AppError(404, 'not_found');
    await recordAudit(tx, originOf(request), { event: 'user_unlocked', actor, target: { type: 'user', id } });
    return toUser(row);
  });
}
