import { createHash, randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../db/database';

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

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired'; userId: string }
  | { kind: 'valid'; session: SessionRow };

/**
 * Finds a live session. Idle and absolute timeouts are checked here, against the database clock,
 * so every server instance agrees; an expired session is deleted on sight.
 */
export async function findSession(db: Db, token: string, idleSeconds: number): Promise<SessionLookup> {
  if (token.length < 20 || token.length > 100) return { kind: 'none' };
  const row = await db
    .selectFrom('session')
    .select(['token_hash', 'user_id', 'mfa_verified', 'created_at', 'last_seen_at', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { kind: 'none' };
  const now = Date.now();
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + idleSeconds * 1000 <= now) {
    await db.deleteFrom('session').where('token_hash', '=', row.token_hash).execute();
    return { kind: 'expired', userId: row.user_id };
  }
  return {
    kind: 'valid',
    session: {
      tokenHash: row.token_hash,
      userId: row.user_id,
      mfaVerified: row.mfa_verified,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    },
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
