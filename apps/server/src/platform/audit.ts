import type { AuditEvent } from '@madar/domain';
import type { DbOrTx } from './db/database';

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditRecord {
  event: AuditEvent;
  outcome?: 'success' | 'failure';
  actor?: { id: string; login: string; territoryCode: string | null } | null;
  /** A login typed at a failed sign-in, when no account matched: kept to see password spraying. */
  attemptedLogin?: string;
  target?: { type: string; id: string };
  territoryCode?: string | null;
  /** Codes and identifiers only: never a child's name, a password or a free text. */
  details?: Record<string, string | number | boolean | null | string[]>;
}

/**
 * Appends to the security audit log. Written inside the caller's transaction where there is one,
 * so an action and its record are saved together or not at all.
 */
export async function recordAudit(db: DbOrTx, origin: RequestOrigin, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      event: record.event,
      outcome: record.outcome ?? 'success',
      actor_user_id: record.actor?.id ?? null,
      actor_login: record.actor?.login ?? record.attemptedLogin?.slice(0, 100) ?? null,
      target_type: record.target?.type ?? null,
      target_id: record.target?.id ?? null,
      territory_code:
        record.territoryCode !== undefined ? record.territoryCode : (record.actor?.territoryCode ?? null),
      ip: origin.ip,
      user_agent: origin.userAgent?.slice(0, 300) ?? null,
      request_id: origin.requestId,
      details: JSON.stringify(record.details ?? {}),
    })
    .execute();
}
