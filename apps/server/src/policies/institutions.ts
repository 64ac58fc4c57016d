import { type Actor, hasRole } from '../platform/auth/actor';
import { definePolicy } from '../platform/auth/policy';

export interface InstitutionResource {
  type: 'institution';
  territoryCode: string;
}

function managesTerritory(actor: Actor, territoryCode: string): boolean {
  return (
    hasRole(actor, 'national_admin') ||
    (hasRole(actor, 'provincial_admin') &&
      actor.territoryCode !== null &&
      actor.territoryCode === territoryCode)
  );
}

/** The actor map is shared knowledge: every signed-in user reads it; administrators keep it. */
export const institutionPolicy = definePolicy<InstitutionResource>()({
  read: () => true,
  create: (actor, institution) => managesTerritory(actor, institution.territoryCode),
  update: (actor, institution) => managesTerritory(actor, institution.territoryCode),
  // Each row is then checked with create/update for its own territory.
  import: (actor) =>
    hasRole(actor, 'national_admin') || (hasRole(actor, 'provincial_admin') && actor.territoryCode !== null),
});

export const communePolicy = definePolicy<{ type: 'commune'; territoryCode: string }>()({
  read: () => true,
  create: (actor, commune) => managesTerritory(actor, commune.territoryCode),
});
