import { hasRole } from '../platform/auth/actor';
import { definePolicy } from '../platform/auth/policy';

/** The log of views of children's identities and files, restricted to a territory (null = all). */
export interface AccessLogResource {
  type: 'accessLog';
  territoryCode: string | null;
}

/**
 * Law 09-08 asks who saw what: the data-protection auditor answers it (a national auditor for every
 * territory, a provincial one for theirs), and the CAPE coordinator watches their own centre.
 */
export const accessLogPolicy = definePolicy<AccessLogResource>()({
  read: (actor, scope) =>
    (hasRole(actor, 'dp_auditor') &&
      (actor.territoryCode === null || actor.territoryCode === scope.territoryCode)) ||
    (hasRole(actor, 'cape_coordinator') &&
      actor.territoryCode !== null &&
      actor.territoryCode === scope.territoryCode),
});
