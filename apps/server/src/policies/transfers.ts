import { type Actor, hasRole } from '../platform/auth/actor';
import { definePolicy } from '../platform/auth/policy';

/**
 * A request to move a case to the DTIPE of another province. Handing a child over engages the
 * whole CAPE and ends with the receiving coordinator assigning a worker, so both ends are the
 * coordinators': a social worker who sees the need asks their coordinator. National roles hold no
 * individual case and take no part.
 *
 * For a list, the side not listed is null: `{ fromTerritory: mine, toTerritory: null }` is the
 * outgoing list of my territory.
 */
export interface TransferResource {
  type: 'transfer';
  /** The case (request) or the transfer (other actions): named in the audit row of a refusal. */
  id?: string;
  fromTerritory: string | null;
  toTerritory: string | null;
}

const coordinatorOf = (actor: Actor, territoryCode: string | null) =>
  territoryCode !== null && actor.territoryCode === territoryCode && hasRole(actor, 'cape_coordinator');

export const transferPolicy = definePolicy<TransferResource>()({
  /** Asking another province to take a case: the coordinator of the province that holds it. */
  request: (actor, t) => coordinatorOf(actor, t.fromTerritory),
  /** A request and the lists: the coordinators of either side. */
  read: (actor, t) => coordinatorOf(actor, t.fromTerritory) || coordinatorOf(actor, t.toTerritory),
  /** Accepting or declining: the receiving coordinator only — never the sender on its own request. */
  decide: (actor, t) => coordinatorOf(actor, t.toTerritory),
  /** Withdrawing an open request: the sending side. */
  cancel: (actor, t) => coordinatorOf(actor, t.fromTerritory),
});
