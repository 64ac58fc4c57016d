import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import type { AppUserTable } from '../../platform/db/schema';

export type UserRow = Selectable<AppUserTable>;

export function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByLogin(db: DbOrTx, login: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where('login', '=', login.trim().toLowerCase())
    .executeTakeFirst();
}

/** Locks the user's row for the rest of the transaction: two concurrent sign-ins count both failures. */
export function lockUserRow(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateUserSecurity(
  db: DbOrTx,
  id: string,
  values: Partial<{
    failed_login_count: number;
    locked_until: Date | null;
    last_login_at: Date;
    password_hash: string;
    must_change_password: boolean;
    password_changed_at: Date;
    totp_secret_enc: string | null;
    totp_pending_secret_enc: string | null;
    totp_enabled: boolean;
    totp_last_step: number | null;
    preferred_language: string;
  }>,
): Promise<void> {
  await db.updateTable('app_user').set(values).where('id', '=', id).execute();
}
