import { z } from 'zod';
import { pageQuerySchema } from './common';

/** Security events; the web translates each code. */
export const AUDIT_EVENTS = [
  'login_succeeded',
  'login_failed',
  'login_locked',
  'logout',
  'logout_everywhere',
  'session_expired',
  'mfa_enrolled',
  'mfa_disabled',
  'mfa_succeeded',
  'mfa_failed',
  'password_changed',
  'password_change_failed',
  'permission_refused',
  'user_created',
  'user_updated',
  'user_roles_changed',
  'user_deactivated',
  'user_reactivated',
  'user_password_reset',
  'user_unlocked',
  'institution_created',
  'institution_updated',
  'institutions_imported',
  'commune_created',
  'protocol_updated',
  'case_transferred',
  'assessment_instrument_loaded',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  event: z.enum(AUDIT_EVENTS),
  outcome: z.enum(['success', 'failure']),
  actorUserId: z.uuid().nullable(),
  actorLogin: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  territoryCode: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = pageQuerySchema.extend({
  event: z.enum(AUDIT_EVENTS).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  actor: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
