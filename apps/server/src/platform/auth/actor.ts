import type { Language, Role } from '@madar/domain';

/** The signed-in user as every policy and service sees it. */
export interface Actor {
  id: string;
  login: string;
  fullName: string;
  roles: Role[];
  territoryCode: string | null;
  institutionId: string | null;
  preferredLanguage: Language;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** National scope: no territory on the account. Policies give it every territory. */
export function isNational(actor: Actor): boolean {
  return actor.territoryCode === null;
}

/** Whether the actor's territorial scope covers a territory. */
export function coversTerritory(actor: Actor, territoryCode: string | null): boolean {
  return isNational(actor) || (territoryCode !== null && actor.territoryCode === territoryCode);
}
