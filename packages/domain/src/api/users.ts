import { z } from 'zod';
import { LANGUAGES } from '../languages';
import { ROLES } from '../roles';
import { pageQuerySchema, phoneSchema, versionSchema } from './common';

export const userSchema = z.object({
  id: z.uuid(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  institutionId: z.uuid().nullable(),
  territoryCode: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  preferredLanguage: z.enum(LANGUAGES),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, { message: 'login_format' });

const userFields = {
  fullName: z.string().trim().min(2).max(120),
  email: z.email().max(200).nullable(),
  phone: phoneSchema.nullable(),
  institutionId: z.uuid().nullable(),
  territoryCode: z.string().min(2).max(60).nullable(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  preferredLanguage: z.enum(LANGUAGES),
};

export const createUserInputSchema = z.strictObject({ login: loginSchema, ...userFields });
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const updateUserInputSchema = z.strictObject({
  ...userFields,
  active: z.boolean(),
  version: versionSchema,
});
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

/** An administrator's reset hands back a one-time password that must be changed at first login. */
export const passwordResetResultSchema = z.object({ temporaryPassword: z.string() });
export const createUserResultSchema = z.object({ user: userSchema, temporaryPassword: z.string() });

/**
 * The open cases an account holds: said to the administrator before a deactivation, which returns
 * them to the CAPE coordinators.
 */
export const userOpenCasesSchema = z.object({ openCases: z.number().int().min(0) });
export type UserOpenCases = z.infer<typeof userOpenCasesSchema>;

export const userListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  territoryCode: z.string().max(60).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).optional(),
});
