import { type ChildIdentity, nameKeys, queryKeys, typoQueryKeys } from '@madar/domain';
import type { KeyRing } from '../../platform/crypto';

/**
 * How a child's identity is kept: one encrypted envelope (bound to the child's id), and blind
 * indexes — keyed hashes of normalised search keys — so the database can answer searches by name,
 * birth date, parent, phone or civil-status number without holding any of them in clear.
 */
export const identityAad = (childId: string) => `child.identity:${childId}`;

export function encryptIdentity(keyRing: KeyRing, childId: string, identity: ChildIdentity): string {
  return keyRing.encrypt(JSON.stringify(identity), identityAad(childId));
}

export function decryptIdentity(keyRing: KeyRing, childId: string, stored: string): ChildIdentity {
  return JSON.parse(keyRing.decrypt(stored, identityAad(childId))) as ChildIdentity;
}

export type SearchField = 'name' | 'parent' | 'dob' | 'phone' | 'document';

/** Moroccan numbers in one form: the 9 digits after 0 or +212. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.startsWith('212')) return digits.slice(3);
  if (digits.startsWith('0')) return digits.slice(1);
  return digits;
}

export function fullNames(identity: ChildIdentity): string[] {
  return [
    [identity.firstNameAr, identity.lastNameAr],
    [identity.firstNameLatin, identity.lastNameLatin],
  ]
    .map((parts) => parts.filter(Boolean).join(' ').trim())
    .filter((n) => n.length > 0);
}

/** The plaintext search keys of an identity, by field (hashed before they reach the database). */
export function identitySearchKeys(identity: ChildIdentity): { field: SearchField; key: string }[] {
  const keys: { field: SearchField; key: string }[] = [];
  const add = (field: SearchField, values: Iterable<string>) => {
    for (const key of new Set(values)) keys.push({ field, key });
  };
  add('name', fullNames(identity).flatMap(nameKeys));
  add('parent', [identity.fatherName, identity.motherName].filter((n): n is string => !!n).flatMap(nameKeys));
  if (identity.birthDate) add('dob', [identity.birthDate]);
  add('phone', identity.phones.map(normalisePhone));
  add(
    'document',
    [identity.birthRecordNumber, identity.nationalId]
      .filter((n): n is string => !!n)
      .map((n) => n.replace(/\s+/g, '').toUpperCase()),
  );
  return keys;
}

export function hashedSearchKeys(keyRing: KeyRing, childId: string, identity: ChildIdentity) {
  return identitySearchKeys(identity).map(({ field, key }) => ({
    child_id: childId,
    field,
    key: keyRing.blindIndex(`child.${field}`, key),
  }));
}

/** Groups of hashed keys for a name query: a child matches when it hits every group. */
export function hashedQueryGroups(keyRing: KeyRing, field: 'name' | 'parent', query: string, typos: boolean) {
  const groups = typos ? typoQueryKeys(query) : queryKeys(query);
  return groups.map((group) => group.map((k) => keyRing.blindIndex(`child.${field}`, k)));
}
