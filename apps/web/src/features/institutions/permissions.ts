import { hasAnyRole, NATIONAL_ROLES } from '@madar/domain';
import { canEdit } from '../../app/navigation';
import { useCurrentSession } from '../../app/queries';

/**
 * Who keeps the actor map, mirroring institutionPolicy (apps/server/src/policies/institutions.ts):
 * the national administrator everywhere, a provincial administrator in their own territory. The
 * API has the last word; this only decides which buttons to show.
 */
export function useActorMapPermissions() {
  const { user } = useCurrentSession();
  const editable = canEdit('institutions', user.roles);
  const national = hasAnyRole(user.roles, NATIONAL_ROLES);
  // A provincial administrator adds and edits in their own territory only.
  const restrictTerritory = national ? null : user.territoryCode;
  return {
    editable,
    restrictTerritory,
    /** The user's own territory: where the actor map opens (null for national roles). */
    homeTerritory: user.territoryCode,
    mayEdit: (territoryCode: string) => editable && (national || user.territoryCode === territoryCode),
    mayImport: editable && (national || user.territoryCode !== null),
  };
}
