import type { Role } from '@madar/domain';

/**
 * The roles of the referral screens, mirroring apps/server/src/policies/referrals.ts. They only
 * decide what the interface offers (which box a list opens on); the server decides.
 */

/** referralPolicy.listInbox: the partner focal points of the receiving institution. */
export const INBOX_ROLES: readonly Role[] = ['partner_focal_point'];

/** referralPolicy.listOutbox: the CAPE staff of the case's territory. */
export const OUTBOX_ROLES: readonly Role[] = ['cape_coordinator', 'social_worker', 'information_officer'];
