import { hasAnyRole, type Role } from '@madar/domain';

/**
 * Who may replace a protocol, as apps/server/src/policies/protocol.ts decides: the national
 * administrator for the national default and any territory; the provincial administrator and the
 * CAPE coordinator for their own territory only.
 */
export function canEditProtocol(
  user: { roles: readonly Role[]; territoryCode: string | null },
  territoryCode: string | null,
): boolean {
  if (hasAnyRole(user.roles, ['national_admin'])) return true;
  return (
    territoryCode !== null &&
    user.territoryCode === territoryCode &&
    hasAnyRole(user.roles, ['provincial_admin', 'cape_coordinator'])
  );
}
