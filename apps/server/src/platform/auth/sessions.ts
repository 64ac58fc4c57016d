import { createHash, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db, DbOrTx } from '../db/database';
import type { AppUserTable } from '../db/schema';

export const SESSION_COOKIE = 'madar_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  mfaVerified: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function createSession(
  db: DbOrTx,
  input: {
    userId: string;
    mfaVerified: boolean;
    absoluteSeconds: number;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('session')
    .values({
      token_hash: hashToken(token),
      user_id: input.userId,
      mfa_verified: input.mfaVerified,
      expires_at: new Date(Date.now() + input.absoluteSeconds * 1000),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

type SessionUser = Selectable<AppUserTable>;

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired'; user: SessionUser }
  | { kind: 'valid'; session: SessionRow; user: SessionUser };

/**
 * Finds a live session. Idle and absolute timeouts are checked here, against the database clock,
 * so every server instance agrees; an expired session is deleted on sight.
 */
export async function findSession(db: Db, token: string, idleSeconds: number): Promise<SessionLookup> {
  if (token.length < 20 || token.length > 100) return { kind: 'none' };
  // One round trip on every request: the session and its user together.
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .selectAll('app_user')
    .select([
      'session.token_hash',
      'session.mfa_verified',
      'session.created_at as session_created_at',
      'session.last_seen_at',
      'session.expires_at',
    ])
    .where('session.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { kind: 'none' };
  const { token_hash, mfa_verified, session_created_at, last_seen_at, expires_at, ...user } = row;
  const now = Date.now();
  if (expires_at.getTime() <= now || last_seen_at.getTime() + idleSeconds * 1000 <= now) {
    await db.deleteFrom('session').where('token_hash', '=', token_hash).execute();
    return { kind: 'expired', user };
  }
  return {
    kind: 'valid',
    session: {
      tokenHash: token_hash,
      userId: user.id,
      mfaVerified: mfa_verified,
      createdAt: session_created_at,
      lastSeenAt: last_seen_at,
      expiresAt: expires_at,
    },
    user,
  };
}

/** Keeps an active session alive; written at most once a minute so reads do not become writes. */
export async function touchSession(db: Db, session: SessionRow): Promise<void> {
  if (Date.now() - session.lastSeenAt.getTime() < 60_000) return;
  await db
    .updateTable('session')
    .set({ last_seen_at: new Date() })
    .where('token_hash', '=', session.tokenHash)
    .execute();
}

export async function markSessionMfaVerified(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.updateTable('session').set({ mfa_verified: true }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a user, or every one but the current (after a password change). */
export async function deleteUserSessions(
  db: DbOrTx,
  userId: string,
  exceptTokenHash?: string,
): Promise<void> {
  let q = db.deleteFrom('session').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('token_hash', '<>', exceptTokenHash);
  await q.execute();
}

export async function purgeExpiredSessions(db: Db, idleSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', new Date()),
        eb('last_seen_at', '<=', new Date(Date.now() - idleSeconds * 1000)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
