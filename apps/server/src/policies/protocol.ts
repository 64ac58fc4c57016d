import { type Actor, hasRole } from '../platform/auth/actor';
import { definePolicy } from '../platform/auth/policy';

/**
 * The protection protocol (البروتوكول): which services of the basket each stage, form of harm and
 * situation call for, who delivers them and how fast. `territoryCode` null is the national default,
 * which applies wherever a province has not adopted its own.
 */
export interface ProtocolResource {
  type: 'protocol';
  territoryCode: string | null;
}

const ownTerritory = (actor: Actor, p: ProtocolResource) =>
  p.territoryCode !== null && actor.territoryCode !== null && actor.territoryCode === p.territoryCode;

/**
 * The national default is the national administrator's; a province's protocol is adopted locally,
 * so its provincial administrator and the CAPE coordinator keep it (the national administrator too,
 * as for the actor map).
 */
const maintains = (actor: Actor, p: ProtocolResource) =>
  hasRole(actor, 'national_admin') ||
  (ownTerritory(actor, p) && hasRole(actor, 'provincial_admin', 'cape_coordinator'));

export const protocolPolicy = definePolicy<ProtocolResource>()({
  /**
   * Whoever reads cases reads the protocol that plans them: CAPE staff of the territory, and the
   * national default from any territory since it applies there until replaced.
   */
  read: (actor, p) =>
    maintains(actor, p) ||
    (actor.territoryCode !== null &&
      (p.territoryCode === null || ownTerritory(actor, p)) &&
      hasRole(actor, 'cape_coordinator', 'social_worker', 'information_officer', 'provincial_admin')),
  update: maintains,
});
