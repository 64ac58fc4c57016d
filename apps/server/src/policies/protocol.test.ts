import { INSTITUTION_ROLES, NATIONAL_ROLES, ROLES } from '@madar/domain';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../platform/auth/actor';
import { can } from './index';
import { type ProtocolResource, protocolPolicy } from './protocol';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';

/** One actor per role, in Tanger unless the role is national. */
const actors: Record<string, Actor> = Object.fromEntries(
  ROLES.map((role) => [
    role,
    {
      id: `actor-${role}`,
      login: role,
      fullName: role,
      roles: [role],
      territoryCode: NATIONAL_ROLES.includes(role) ? null : TANGER,
      institutionId: INSTITUTION_ROLES.includes(role) ? 'institution-1' : null,
      preferredLanguage: 'fr',
    } satisfies Actor,
  ]),
);

const CAPE = ['cape_coordinator', 'social_worker', 'information_officer'];
const only = (...roles: string[]) => new Set(roles);

const expectations: Record<keyof typeof protocolPolicy, [ProtocolResource, Set<string>][]> = {
  read: [
    [{ type: 'protocol', territoryCode: null }, only('national_admin', 'provincial_admin', ...CAPE)],
    [{ type: 'protocol', territoryCode: TANGER }, only('national_admin', 'provincial_admin', ...CAPE)],
    [{ type: 'protocol', territoryCode: RABAT }, only('national_admin')],
  ],
  update: [
    [{ type: 'protocol', territoryCode: null }, only('national_admin')],
    [
      { type: 'protocol', territoryCode: TANGER },
      only('national_admin', 'provincial_admin', 'cape_coordinator'),
    ],
    [{ type: 'protocol', territoryCode: RABAT }, only('national_admin')],
  ],
};

describe('protocol policy', () => {
  it('has expectations for every action', () => {
    expect(Object.keys(expectations).sort()).toEqual(Object.keys(protocolPolicy).sort());
  });

  for (const [action, rows] of Object.entries(expectations)) {
    it(`${action}: exactly the expected roles are allowed`, () => {
      for (const [resource, allowed] of rows) {
        for (const role of ROLES) {
          const got = can(actors[role]!, action as 'read', resource);
          expect(got, `${role} ${action} ${resource.territoryCode}`).toBe(allowed.has(role));
        }
      }
    });
  }

  it('gives nothing to a provincial role without a territory', () => {
    const stray: Actor = {
      ...actors.cape_coordinator!,
      roles: ['cape_coordinator', 'provincial_admin'],
      territoryCode: null,
    };
    for (const territoryCode of [null, TANGER]) {
      expect(can(stray, 'read', { type: 'protocol', territoryCode })).toBe(false);
      expect(can(stray, 'update', { type: 'protocol', territoryCode })).toBe(false);
    }
  });
});
