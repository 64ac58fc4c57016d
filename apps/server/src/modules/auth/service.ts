import { checkPassword, type Language, type PendingStep, type Role, type SessionState } from '@madar/domain';
import { type RequestOrigin, recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/auth/actor';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/auth/passwords';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  markSessionMfaVerified,
  type SessionRow,
} from '../../platform/auth/sessions';
import { newTotpSecret, totpUri, verifyTotp } from '../../platform/auth/totp';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest } from '../../platform/errors';
import { findUserById, findUserByLogin, lockUserRow, type UserRow, updateUserSecurity } from './repository';

const MAX_LOCK_SECONDS = 3600;

export function actorFromRow(row: UserRow): Actor {
  return {
    id: row.id,
    login: row.login,
    fullName: row.full_name,
    roles: row.roles as Role[],
    territoryCode: row.territory_code,
    institutionId: row.institution_id,
    preferredLanguage: row.preferred_language as Language,
  };
}

function auditActor(row: UserRow) {
  return { id: row.id, login: row.login, territoryCode: row.territory_code };
}

export function totpRequired(ctx: AppContext, row: Pick<UserRow, 'roles'>): boolean {
  return row.roles.some((r) => ctx.config.mfaRequiredRoles.includes(r as Role));
}

/**
 * The sign-in steps left, in order: prove the second factor first (a stolen password alone must
 * not be enough to change it), then replace a temporary password, then enrol two-factor when the
 * role requires it.
 */
export function pendingStepOf(ctx: AppContext, row: UserRow, mfaVerified: boolean): PendingStep | null {
  if (row.totp_enabled && !mfaVerified) return 'mfa_challenge';
  if (row.must_change_password) return 'password_change';
  if (!row.totp_enabled && totpRequired(ctx, row)) return 'mfa_enrolment';
  return null;
}

export function sessionState(ctx: AppContext, row: UserRow, mfaVerified: boolean): SessionState {
  return {
    user: {
      id: row.id,
      login: row.login,
      fullName: row.full_name,
      email: row.email,
      roles: row.roles as Role[],
      territoryCode: row.territory_code,
      institutionId: row.institution_id,
      preferredLanguage: row.preferred_language as Language,
      totpEnabled: row.totp_enabled,
      totpRequired: totpRequired(ctx, row),
    },
    pendingStep: pendingStepOf(ctx, row, mfaVerified),
    demo: ctx.config.mode === 'demo',
    idleTimeoutSeconds: ctx.config.sessionIdleSeconds,
  };
}

/** Lock duration after the n-th consecutive failure: none before the threshold, then doubling. */
export function lockSecondsAfter(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(60 * 2 ** (failures - threshold), MAX_LOCK_SECONDS);
}

export async function login(
  ctx: AppContext,
  origin: RequestOrigin,
  input: { login: string; password: string },
): Promise<{ token: string; state: SessionState }> {
  const found = await findUserByLogin(ctx.db, input.login);
  if (!found?.active) {
    await verifyPassword(await decoyHash(), input.password);
    await recordAudit(ctx.db, origin, {
      event: 'login_failed',
      outcome: 'failure',
      attemptedLogin: input.login.trim().toLowerCase(),
      details: { reason: found ? 'inactive' : 'unknown_login' },
    });
    throw new AppError(401, 'invalid_credentials');
  }
  const passwordOk = await verifyPassword(found.password_hash, input.password);

  // A refusal is returned from the transaction and thrown after it commits: throwing inside would
  // roll back the failure count, the lock and their audit records.
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const user = (await lockUserRow(tx, found.id))!;
    const now = Date.now();
    if (user.locked_until && user.locked_until.getTime() > now) {
      await recordAudit(tx, origin, {
        event: 'login_locked',
        outcome: 'failure',
        actor: auditActor(user),
        target: { type: 'user', id: user.id },
      });
      const retryAfter = Math.ceil((user.locked_until.getTime() - now) / 1000);
      return {
        refused: new AppError(423, 'account_locked', undefined, {
          headers: { 'retry-after': String(retryAfter) },
        }),
      };
    }
    if (!passwordOk) {
      const failures = user.failed_login_count + 1;
      const lockSeconds = lockSecondsAfter(failures, ctx.config.loginMaxFailures);
      await updateUserSecurity(tx, user.id, {
        failed_login_count: failures,
        locked_until: lockSeconds ? new Date(now + lockSeconds * 1000) : null,
      });
      await recordAudit(tx, origin, {
        event: 'login_failed',
        outcome: 'failure',
        actor: auditActor(user),
        target: { type: 'user', id: user.id },
        details: { reason: 'wrong_password', failures, lockedForSeconds: lockSeconds },
      });
      if (lockSeconds) {
        return {
          refused: new AppError(423, 'account_locked', undefined, {
            headers: { 'retry-after': String(lockSeconds) },
          }),
        };
      }
      return { refused: new AppError(401, 'invalid_credentials') };
    }
    await updateUserSecurity(tx, user.id, {
      failed_login_count: 0,
      locked_until: null,
      last_login_at: new Date(),
    });
    const token = await createSession(tx, {
      userId: user.id,
      mfaVerified: false,
      absoluteSeconds: ctx.config.sessionAbsoluteSeconds,
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
    await recordAudit(tx, origin, {
      event: 'login_succeeded',
      actor: auditActor(user),
      target: { type: 'user', id: user.id },
      details: { nextStep: pendingStepOf(ctx, user, false) },
    });
    return { token, state: sessionState(ctx, user, false) };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome;
}

async function currentRow(ctx: AppContext, userId: string): Promise<UserRow> {
  const row = await findUserById(ctx.db, userId);
  if (!row) throw new AppError(401, 'unauthenticated');
  return row;
}

export async function logout(
  ctx: AppContext,
  origin: RequestOrigin,
  session: SessionRow,
  actor: Actor | null,
) {
  await deleteSession(ctx.db, session.tokenHash);
  await recordAudit(ctx.db, origin, {
    event: 'logout',
    actor: actor ? { id: actor.id, login: actor.login, territoryCode: actor.territoryCode } : null,
  });
}

export async function logoutEverywhere(ctx: AppContext, origin: RequestOrigin, actor: Actor) {
  await ctx.db.transaction().execute(async (tx) => {
    await deleteUserSessions(tx, actor.id);
    await recordAudit(tx, origin, { event: 'logout_everywhere', actor });
  });
}

export async function challengeMfa(
  ctx: AppContext,
  origin: RequestOrigin,
  session: SessionRow,
  code: string,
): Promise<SessionState> {
  // The failure's audit record must survive the refusal: thrown after the commit.
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const user = (await lockUserRow(tx, session.userId))!;
    if (!user.totp_enabled || !user.totp_secret_enc || session.mfaVerified) {
      return sessionState(ctx, user, session.mfaVerified);
    }
    const secret = ctx.keyRing.decrypt(user.totp_secret_enc, `app_user.totp:${user.id}`);
    const step = await verifyTotp(
      secret,
      code,
      user.totp_last_step === null ? null : Number(user.totp_last_step),
    );
    if (step === null) {
      await recordAudit(tx, origin, { event: 'mfa_failed', outcome: 'failure', actor: auditActor(user) });
      return new AppError(401, 'invalid_totp_code', [{ path: 'code', code: 'invalid_value' }]);
    }
    await updateUserSecurity(tx, user.id, { totp_last_step: step });
    await markSessionMfaVerified(tx, session.tokenHash);
    await recordAudit(tx, origin, { event: 'mfa_succeeded', actor: auditActor(user) });
    return sessionState(ctx, user, true);
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

export async function startMfaEnrolment(ctx: AppContext, userId: string) {
  const user = await currentRow(ctx, userId);
  const secret = newTotpSecret();
  await updateUserSecurity(ctx.db, user.id, {
    totp_pending_secret_enc: ctx.keyRing.encrypt(secret, `app_user.totp_pending:${user.id}`),
  });
  return { secret, otpauthUri: totpUri(secret, user.login) };
}

export async function confirmMfaEnrolment(
  ctx: AppContext,
  origin: RequestOrigin,
  session: SessionRow,
  code: string,
): Promise<SessionState> {
  // The failure's audit record must survive the refusal: thrown after the commit.
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const user = (await lockUserRow(tx, session.userId))!;
    if (!user.totp_pending_secret_enc) throw new AppError(409, 'totp_not_pending');
    const secret = ctx.keyRing.decrypt(user.totp_pending_secret_enc, `app_user.totp_pending:${user.id}`);
    const step = await verifyTotp(secret, code, null);
    if (step === null) {
      await recordAudit(tx, origin, { event: 'mfa_failed', outcome: 'failure', actor: auditActor(user) });
      return new AppError(400, 'invalid_totp_code', [{ path: 'code', code: 'invalid_value' }]);
    }
    await updateUserSecurity(tx, user.id, {
      totp_secret_enc: ctx.keyRing.encrypt(secret, `app_user.totp:${user.id}`),
      totp_pending_secret_enc: null,
      totp_enabled: true,
      totp_last_step: step,
    });
    await markSessionMfaVerified(tx, session.tokenHash);
    await recordAudit(tx, origin, { event: 'mfa_enrolled', actor: auditActor(user) });
    return sessionState(ctx, { ...user, totp_enabled: true, totp_pending_secret_enc: null }, true);
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

export async function disableMfa(
  ctx: AppContext,
  origin: RequestOrigin,
  session: SessionRow,
  password: string,
): Promise<SessionState> {
  const user = await currentRow(ctx, session.userId);
  if (totpRequired(ctx, user)) throw new AppError(403, 'totp_required_for_role');
  if (!(await verifyPassword(user.password_hash, password))) {
    throw new AppError(400, 'wrong_password', [{ path: 'password', code: 'invalid_value' }]);
  }
  return ctx.db.transaction().execute(async (tx) => {
    await updateUserSecurity(tx, user.id, {
      totp_enabled: false,
      totp_secret_enc: null,
      totp_last_step: null,
    });
    await recordAudit(tx, origin, { event: 'mfa_disabled', actor: auditActor(user) });
    return sessionState(ctx, { ...user, totp_enabled: false }, session.mfaVerified);
  });
}

export async function changePassword(
  ctx: AppContext,
  origin: RequestOrigin,
  session: SessionRow,
  input: { currentPassword: string; newPassword: string },
): Promise<SessionState> {
  const user = await currentRow(ctx, session.userId);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordAudit(ctx.db, origin, {
      event: 'password_change_failed',
      outcome: 'failure',
      actor: auditActor(user),
      details: { reason: 'wrong_current_password' },
    });
    throw new AppError(400, 'wrong_password', [{ path: 'currentPassword', code: 'invalid_value' }]);
  }
  const problems: string[] = checkPassword(input.newPassword, { login: user.login });
  if (input.newPassword === input.currentPassword) problems.push('same_as_current');
  if (problems.length) throw badRequest(problems.map((code) => ({ path: 'newPassword', code })));
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction().execute(async (tx) => {
    await updateUserSecurity(tx, user.id, {
      password_hash: passwordHash,
      must_change_password: false,
      password_changed_at: new Date(),
    });
    // Another device signed in with the old password must sign in again.
    await deleteUserSessions(tx, user.id, session.tokenHash);
    await recordAudit(tx, origin, { event: 'password_changed', actor: auditActor(user) });
    return sessionState(ctx, { ...user, must_change_password: false }, session.mfaVerified);
  });
}

export async function setPreferences(
  ctx: AppContext,
  session: SessionRow,
  preferredLanguage: Language,
): Promise<SessionState> {
  await updateUserSecurity(ctx.db, session.userId, { preferred_language: preferredLanguage });
  return sessionState(ctx, await currentRow(ctx, session.userId), session.mfaVerified);
}

export async function currentState(ctx: AppContext, session: SessionRow): Promise<SessionState> {
  return sessionState(ctx, await currentRow(ctx, session.userId), session.mfaVerified);
}
