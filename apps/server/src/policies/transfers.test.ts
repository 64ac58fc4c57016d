import { INSTITUTION_ROLES, NATIONAL_ROLES, ROLES } from '@madar/domain';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../platform/auth/actor';
import { can } from './index';
import { type TransferResource, transferPolicy } from './transfers';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';

function actor(role: (typeof ROLES)[number], territoryCode: string | null = TANGER): Actor {
  return {
    id: `actor-${role}`,
    login: role,
    fullName: role,
    roles: [role],
    territoryCode: NATIONAL_ROLES.includes(role) ? null : territoryCode,
    institutionId: INSTITUTION_ROLES.includes(role) ? 'institution-1' : null,
    preferredLanguage: 'fr',
  };
}

const fromTanger: TransferResource = {
  type: 'transfer',
  id: 't1',
  fromTerritory: TANGER,
  toTerritory: RABAT,
};
const toTanger: TransferResource = { type: 'transfer', id: 't2', fromTerritory: RABAT, toTerritory: TANGER };
const outgoingList: TransferResource = { type: 'transfer', fromTerritory: TANGER, toTerritory: null };
const incomingList: TransferResource = { type: 'transfer', fromTerritory: null, toTerritory: TANGER };
const elsewhere: TransferResource = { type: 'transfer', fromTerritory: RABAT, toTerritory: 'sale' };

/** For each action: the resources a Tanger coordinator may act on; every other role none. */
const COORDINATOR_OF_TANGER: Record<keyof typeof transferPolicy, TransferResource[]> = {
  request: [fromTanger, outgoingList],
  read: [fromTanger, toTanger, outgoingList, incomingList],
  decide: [toTanger, incomingList],
  cancel: [fromTanger, outgoingList],
};
const RESOURCES = [fromTanger, toTanger, outgoingList, incomingList, elsewhere];

describe('transfer policy', () => {
  it.each(Object.keys(COORDINATOR_OF_TANGER))('%s: only the coordinator of the right side', (action) => {
    const allowed = COORDINATOR_OF_TANGER[action as keyof typeof transferPolicy];
    for (const role of ROLES) {
      for (const resource of RESOURCES) {
        const expected = role === 'cape_coordinator' && allowed.includes(resource);
        expect(
          can(actor(role), action as 'read', resource),
          `${role} ${action} ${JSON.stringify(resource)}`,
        ).toBe(expected);
      }
    }
  });

  it('the sender never decides its own request; the receiver never cancels it', () => {
    expect(can(actor('cape_coordinator', TANGER), 'decide', fromTanger)).toBe(false);
    expect(can(actor('cape_coordinator', RABAT), 'decide', fromTanger)).toBe(true);
    expect(can(actor('cape_coordinator', RABAT), 'cancel', fromTanger)).toBe(false);
    expect(can(actor('cape_coordinator', RABAT), 'request', fromTanger)).toBe(false);
  });

  it('a coordinator without a territory, or of a third province, can do nothing', () => {
    for (const action of Object.keys(transferPolicy) as (keyof typeof transferPolicy)[]) {
      for (const resource of RESOURCES.slice(0, 4)) {
        expect(can(actor('cape_coordinator', null), action, resource)).toBe(false);
        expect(can(actor('cape_coordinator', 'sale'), action, resource)).toBe(false);
      }
    }
    // A list with no side named is nobody's.
    expect(
      can(actor('cape_coordinator'), 'read', { type: 'transfer', fromTerritory: null, toTerritory: null }),
    ).toBe(false);
  });
});
