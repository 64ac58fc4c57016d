import type { Language, NotificationData, NotificationKind } from '@madar/domain';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { publish } from '../../platform/events';
import * as repo from './repository';
import { emailFor } from './templates';

/**
 * Tells users something happened: a row in their notification centre, a live event to every
 * instance (delivered at commit when called inside a transaction), and an e-mail notice when mail
 * is configured (or, in demo mode, kept in the outbox for an administrator to see).
 * `data` holds codes and ids only — the caller never puts a child's identity in it.
 */
export async function notify(
  ctx: AppContext,
  db: DbOrTx,
  input: { userIds: string[]; kind: NotificationKind; data: NotificationData; email?: boolean },
): Promise<void> {
  const users = await repo.recipients(db, [...new Set(input.userIds)]);
  if (users.length === 0) return;
  await repo.insertNotifications(
    db,
    users.map((u) => ({ user_id: u.id, kind: input.kind, data: JSON.stringify(input.data) })),
  );
  await publish(db, {
    type: 'notification',
    userIds: users.map((u) => u.id),
    data: { kind: input.kind, ...input.data },
  });
  const mailing =
    input.email !== false && (ctx.config.mail.smtpUrl !== undefined || ctx.config.mode === 'demo');
  if (!mailing) return;
  const url =
    typeof input.data.path === 'string' ? `${ctx.config.publicUrl}${input.data.path}` : ctx.config.publicUrl;
  await repo.insertEmails(
    db,
    users
      .filter((u) => u.email)
      .map((u) => {
        const { subject, body } = emailFor(input.kind, u.preferred_language as Language, {
          ...input.data,
          url,
        });
        return { user_id: u.id, to_address: u.email!, subject, body, territory_code: u.territory_code };
      }),
  );
}

/** Tells users' open pages that something they show changed (no notification row). */
export async function announce(
  db: DbOrTx,
  userIds: string[],
  type: string,
  data: NotificationData,
): Promise<void> {
  await publish(db, { type, userIds: [...new Set(userIds)], data });
}
