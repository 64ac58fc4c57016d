import type { Role } from '@madar/domain';

/**
 * The roles of the intake screens, mirroring the server's report and case policies
 * (apps/server/src/policies/cases.ts). They only decide what the interface offers: the server decides.
 */

/** reportPolicy.create: CAPE staff of the territory, partner focal points and UPE reporters. */
export const REPORT_CREATE_ROLES: readonly Role[] = [
  'cape_coordinator',
  'social_worker',
  'information_officer',
  'partner_focal_point',
  'upe_reporter',
];

/** reportPolicy.triage: the CAPE coordinator and social workers of the territory. */
export const TRIAGE_ROLES: readonly Role[] = ['cape_coordinator', 'social_worker'];

/** Reporters outside the CAPE: they follow the reports they sent ("my reports"). */
export const REPORTER_ROLES: readonly Role[] = ['partner_focal_point', 'upe_reporter'];

/** casePolicy.list: the CAPE staff of the territory. */
export const CAPE_STAFF_ROLES: readonly Role[] = ['cape_coordinator', 'social_worker', 'information_officer'];
