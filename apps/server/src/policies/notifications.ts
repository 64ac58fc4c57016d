import { hasRole } from '../platform/auth/actor';
import { definePolicy } from '../platform/auth/policy';

/** The e-mail outbox (what was, or in demo mode would have been, sent), by territory (null = all). */
export const outboxPolicy = definePolicy<{ type: 'outbox'; territoryCode: string | null }>()({
  read: (actor, scope) =>
    hasRole(actor, 'national_admin') ||
    (hasRole(actor, 'provincial_admin') &&
      actor.territoryCode !== null &&
      actor.territoryCode === scope.territoryCode),
});
