import { NATIONAL_ROLES, type Role } from '@madar/domain';
import { type Actor, coversTerritory, hasRole } from '../platform/auth/actor';
import { definePolicy } from '../platform/auth/policy';

/** An account, as far as permissions care: where it belongs and what it can do. */
export interface UserResource {
  type: 'user';
  id?: string;
  territoryCode: string | null;
  roles: Role[];
}

// Provincial administrators manage the accounts of their province; only a national administrator
// grants national scope or creates another administrator.
const GRANTED_ONLY_NATIONALLY: readonly Role[] = [...NATIONAL_ROLES, 'provincial_admin'];

function administers(actor: Actor, user: UserResource): boolean {
  if (hasRole(actor, 'national_admin')) return true;
  return (
    hasRole(actor, 'provincial_admin') &&
    actor.territoryCode !== null &&
    user.territoryCode === actor.territoryCode &&
    !user.roles.some((r) => GRANTED_ONLY_NATIONALLY.includes(r))
  );
}

export const userPolicy = definePolicy<UserResource>()({
  /** The collection: `territoryCode` is the territory the list is restricted to (null = all). */
  list: (actor, scope) =>
    hasRole(actor, 'national_admin') ||
    (hasRole(actor, 'provincial_admin') &&
      actor.territoryCode !== null &&
      scope.territoryCode === actor.territoryCode),
  read: (actor, user) =>
    user.id === actor.id ||
    hasRole(actor, 'national_admin') ||
    (hasRole(actor, 'provincial_admin') &&
      actor.territoryCode !== null &&
      coversTerritory(actor, user.territoryCode)),
  create: administers,
  update: administers,
  deactivate: (actor, user) => user.id !== actor.id && administers(actor, user),
  resetPassword: (actor, user) => user.id !== actor.id && administers(actor, user),
  unlock: administers,
});
