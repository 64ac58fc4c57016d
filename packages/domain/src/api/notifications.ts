import { z } from 'zod';
import { pageQuerySchema } from './common';

/**
 * Kinds of notification; each is translated by the web app. A notification carries codes and ids
 * only (a card number, a child's pseudonymous code), never a child's identity.
 */
export const NOTIFICATION_KINDS = [
  'referral_received',
  'referral_acknowledged',
  'referral_answered',
  'referral_completed',
  'referral_declined',
  'referral_message',
  'referral_overdue',
  'referral_escalated',
  'referral_cancelled',
  'transfer_requested',
  'transfer_decided',
  'transfer_cancelled',
  'follow_up_overdue',
  'follow_up_overdue_unassigned',
  'cases_unassigned_on_deactivation',
  'cases_unassigned_on_account_change',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationDataSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type NotificationData = z.infer<typeof notificationDataSchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  data: notificationDataSchema,
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = pageQuerySchema.extend({
  unread: z.enum(['true', 'false']).optional(),
});
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  unread: z.number().int(),
});

export const outboxEntrySchema = z.object({
  id: z.uuid(),
  toAddress: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
