import type { ReferralStatus } from '@madar/domain';
import { type Actor, hasRole, isNational } from '../platform/auth/actor';
import { definePolicy } from '../platform/auth/policy';

/**
 * A referral card (بطاقة الربط) has two sides. The sending side is the CAPE of the case's territory:
 * its caseworkers (coordinator, social workers) write, send, cancel and read the card; the whole CAPE
 * (the database cell too) sees the outbox list. The receiving side is the partner focal points of the
 * institution the card is addressed to — wherever it is — who see it once sent, answer it and
 * nothing else of the child (the case policy keeps every case route closed to them).
 *
 * For the outbox list `receivingInstitutionId` is null; for the inbox `territoryCode` is null.
 */
export interface ReferralResource {
  type: 'referral';
  /** The card (or, to create one, the plan item): named in the audit row of a refusal. */
  id?: string;
  /** The case's territory: the sending CAPE's. */
  territoryCode: string | null;
  receivingInstitutionId: string | null;
  /** A draft is the sender's alone. */
  status?: ReferralStatus;
}

const inTerritory = (actor: Actor, territoryCode: string | null) =>
  territoryCode !== null && actor.territoryCode === territoryCode;

const capeStaff = (actor: Actor, r: ReferralResource) =>
  inTerritory(actor, r.territoryCode) &&
  hasRole(actor, 'cape_coordinator', 'social_worker', 'information_officer');

const senderSide = (actor: Actor, r: ReferralResource) =>
  inTerritory(actor, r.territoryCode) && hasRole(actor, 'cape_coordinator', 'social_worker');

const focalPointOf = (actor: Actor, institutionId: string | null) =>
  institutionId !== null && actor.institutionId === institutionId && hasRole(actor, 'partner_focal_point');

const receiverSide = (actor: Actor, r: ReferralResource) =>
  focalPointOf(actor, r.receivingInstitutionId) && r.status !== 'draft';

const eitherSide = (actor: Actor, r: ReferralResource) => senderSide(actor, r) || receiverSide(actor, r);

export const referralPolicy = definePolicy<ReferralResource>()({
  /** The cards of a territory's cases (statuses, numbers, codes: no content). */
  listOutbox: capeStaff,
  /** The cards addressed to an institution. */
  listInbox: (actor, r) => focalPointOf(actor, r.receivingInstitutionId),
  /** One card: the sender sees all of it, the receiver what was shared. */
  read: eitherSide,
  create: senderSide,
  send: senderSide,
  cancel: senderSide,
  acknowledge: receiverSide,
  start: receiverSide,
  complete: receiverSide,
  decline: receiverSide,
  /** The thread and the documents of a card: both sides. */
  message: eitherSide,
  attach: eitherSide,
  readAttachment: eitherSide,
});

/**
 * The circuit view of a territory (cards per sector and service, times, delays): aggregated, no
 * child data. The CAPE and the committee of the territory, its administrator, and the Ministry
 * for any territory.
 */
export interface CircuitResource {
  type: 'circuit';
  territoryCode: string;
}

export const circuitPolicy = definePolicy<CircuitResource>()({
  read: (actor, c) =>
    (isNational(actor) && hasRole(actor, 'ministry_analyst', 'national_admin')) ||
    (inTerritory(actor, c.territoryCode) &&
      hasRole(
        actor,
        'cape_coordinator',
        'social_worker',
        'information_officer',
        'technical_support_officer',
        'provincial_admin',
        'cppe_secretariat',
        'cppe_member',
      )),
});
