import { z } from 'zod';
import { LANGUAGES } from '../languages';
import { ROLES } from '../roles';

export const loginInputSchema = z.strictObject({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(256),
});

/** What still stands between a signed-in user and the application, in the order it is asked. */
export const PENDING_STEPS = ['mfa_challenge', 'password_change', 'mfa_enrolment'] as const;
export type PendingStep = (typeof PENDING_STEPS)[number];

export const currentUserSchema = z.object({
  id: z.uuid(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  territoryCode: z.string().nullable(),
  institutionId: z.uuid().nullable(),
  preferredLanguage: z.enum(LANGUAGES),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const sessionStateSchema = z.object({
  user: currentUserSchema,
  pendingStep: z.enum(PENDING_STEPS).nullable(),
  demo: z.boolean(),
  idleTimeoutSeconds: z.number().int(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const passwordChangeInputSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const totpCodeInputSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

export const totpEnrolmentSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
});

export const totpDisableInputSchema = z.strictObject({
  password: z.string().min(1).max(256),
});

export const preferencesInputSchema = z.strictObject({
  preferredLanguage: z.enum(LANGUAGES),
});

export const publicConfigSchema = z.object({
  demo: z.boolean(),
  ministryName: z.object({ ar: z.string(), fr: z.string(), en: z.string() }),
  demoAccounts: z
    .array(z.object({ login: z.string(), role: z.enum(ROLES), password: z.string() }))
    .optional(),
});
