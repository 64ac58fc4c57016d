/**
 * The roles of the brief (DTIPE.md §1 and seed 001). Codes are stable identifiers stored in the
 * database; labels live in the web translations.
 */
export const ROLES = [
  'national_admin',
  'ministry_analyst',
  'provincial_admin',
  'cape_coordinator',
  'social_worker',
  'information_officer',
  'technical_support_officer',
  'cppe_secretariat',
  'cppe_member',
  'partner_focal_point',
  'upe_reporter',
  'dp_auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose scope is the whole country: their account carries no territory. */
export const NATIONAL_ROLES: readonly Role[] = ['national_admin', 'ministry_analyst'];

/** The roles that hold cases: a case is assigned only to one of them, of the case's territory. */
export const CASEWORKER_ROLES: readonly Role[] = ['social_worker', 'cape_coordinator'];

/** Roles that may be held with or without a territory (a provincial or a national auditor). */
export const EITHER_SCOPE_ROLES: readonly Role[] = ['dp_auditor'];

/** Roles whose work is done for a named institution (a sector service, an association). */
export const INSTITUTION_ROLES: readonly Role[] = ['partner_focal_point', 'upe_reporter'];

/**
 * Roles that can, in some case, read a child's identity. Two-factor authentication is mandatory for
 * them by default (MADAR_MFA_REQUIRED_ROLES overrides the list).
 */
export const IDENTITY_ROLES: readonly Role[] = [
  'national_admin',
  'provincial_admin',
  'cape_coordinator',
  'social_worker',
  'information_officer',
  'partner_focal_point',
  'upe_reporter',
  'dp_auditor',
];

/** Roles that administer accounts and institutions; the provincial one only in its territory. */
export const ADMIN_ROLES: readonly Role[] = ['national_admin', 'provincial_admin'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasAnyRole(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return roles.some((r) => wanted.includes(r));
}
