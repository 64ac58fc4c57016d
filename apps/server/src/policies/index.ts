import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../platform/audit';
import type { Actor } from '../platform/auth/actor';
import type { Policy } from '../platform/auth/policy';
import type { DbOrTx } from '../platform/db/database';
import { forbidden } from '../platform/errors';
import { originOf } from '../platform/http/request';
import { accessLogPolicy } from './access-log';
import { auditLogPolicy } from './audit-log';
import { casePolicy, instrumentPolicy, reportPolicy } from './cases';
import { communePolicy, institutionPolicy } from './institutions';
import { outboxPolicy } from './notifications';
import { protocolPolicy } from './protocol';
import { circuitPolicy, referralPolicy } from './referrals';
import { transferPolicy } from './transfers';
import { userPolicy } from './users';

/**
 * Every permission of Madar is decided here, from one policy file per resource. Routes call
 * `authorize()`; nothing else tests roles.
 */
const policies = {
  user: userPolicy,
  institution: institutionPolicy,
  commune: communePolicy,
  auditLog: auditLogPolicy,
  accessLog: accessLogPolicy,
  outbox: outboxPolicy,
  case: casePolicy,
  report: reportPolicy,
  instrument: instrumentPolicy,
  protocol: protocolPolicy,
  transfer: transferPolicy,
  referral: referralPolicy,
  circuit: circuitPolicy,
};
type Policies = typeof policies;
type ResourceOf<P> = P extends Policy<string, infer R> ? R : never;
export type Resource = { [T in keyof Policies]: ResourceOf<Policies[T]> }[keyof Policies];
export type ActionOn<R extends Resource> = keyof Policies[R['type']] & string;

export function can<R extends Resource>(actor: Actor, action: ActionOn<R>, resource: R): boolean {
  const policy = policies[resource.type] as unknown as Record<string, (a: Actor, r: R) => boolean>;
  const rule = policy[action];
  return rule ? rule(actor, resource) : false;
}

/** Refuses with 403 and records the refusal in the security audit log. */
export async function authorize<R extends Resource>(
  db: DbOrTx,
  request: FastifyRequest,
  actor: Actor,
  action: ActionOn<R>,
  resource: R,
): Promise<void> {
  if (can(actor, action, resource)) return;
  await recordAudit(db, originOf(request), {
    event: 'permission_refused',
    outcome: 'failure',
    actor,
    target: { type: resource.type, id: 'id' in resource && resource.id ? String(resource.id) : '-' },
    details: { action, method: request.method, route: request.routeOptions.url ?? '' },
  });
  throw forbidden();
}
