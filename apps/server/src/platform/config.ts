import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { IDENTITY_ROLES, isRole, type Role } from '@madar/domain';
import { z } from 'zod';

/**
 * Configuration comes only from environment variables, validated at start: a wrong value stops
 * Madar with a message that names the variable, never a half-configured server.
 */
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded in base64');

const envSchema = z.object({
  MADAR_MODE: z.enum(['demo', 'production']).default('demo'),
  /** Demo mode fills an empty database with the demo data; `false` leaves it (a generated database). */
  MADAR_DEMO_SEED: z.enum(['true', 'false']).default('true'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * A read replica (or a pooler in front of replicas) for reporting and search queries: the circuit
   * view, coverage, the follow-up counts, child search. Without it they go to DATABASE_URL.
   */
  READ_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  MADAR_DATA_DIR: z.string().default('.madar'),
  MADAR_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54330),
  /** Key-encryption keys, as `id:base64key` pairs separated by commas; the first one encrypts. */
  MADAR_MASTER_KEYS: z.string().optional(),
  /** Key of the blind indexes (keyed hashes used to search encrypted identities). */
  MADAR_INDEX_KEY: base64Key.optional(),
  MADAR_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  MADAR_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Comma-separated roles that must use two-factor authentication; `none` for no role. */
  MADAR_MFA_REQUIRED_ROLES: z.string().optional(),
  MADAR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MADAR_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  MADAR_WEB_DIST: z.string().optional(),
  MADAR_MINISTRY_NAME_AR: z.string().default('وزارة التضامن والإدماج الاجتماعي والأسرة'),
  MADAR_MINISTRY_NAME_FR: z
    .string()
    .default("Ministère de la Solidarité, de l'Insertion Sociale et de la Famille"),
  MADAR_MINISTRY_NAME_EN: z.string().default('Ministry of Solidarity, Social Inclusion and Family'),
  MADAR_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  /** Address users reach Madar at, for links in e-mails. */
  MADAR_PUBLIC_URL: z.url().optional(),
  /** SMTP server for e-mail notices, e.g. smtp://user:password@mail.example.ma:587 */
  MADAR_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MADAR_MAIL_FROM: z.string().default('Madar <no-reply@madar.local>'),
  MADAR_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Days past its due date after which an unanswered referral card escalates to the CAPE coordinators. */
  MADAR_REFERRAL_ESCALATION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** How long a territory's circuit view may be served from memory (0: computed on every request). */
  MADAR_CIRCUIT_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Sign-in attempts per minute from one address (an office behind one NAT shares it). */
  MADAR_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  /** S3-compatible storage of documents; without it they are kept encrypted under the data directory. */
  MADAR_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  MADAR_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional(),
  MADAR_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  MADAR_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  MADAR_S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'must be a region name such as us-east-1')
    .optional(),
});

export type MasterKey = { id: string; key: Buffer };

export interface Config {
  mode: 'demo' | 'production';
  /** Whether demo mode seeds an empty database with the demo data. */
  demoSeed: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Where reporting and search queries go (a read replica); undefined: the primary. */
  readDatabaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  masterKeys: MasterKey[];
  indexKey: Buffer;
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  mfaRequiredRoles: Role[];
  logLevel: string;
  trustProxy: boolean;
  webDist: string;
  ministryName: { ar: string; fr: string; en: string };
  secureCookies: boolean;
  loginMaxFailures: number;
  publicUrl: string;
  mail: { smtpUrl: string | undefined; from: string };
  loginRatePerMinute: number;
  referralEscalationDays: number;
  circuitCacheSeconds: number;
  /** Where documents of the child's files are stored (always encrypted by Madar before they leave it). */
  storage: StorageConfig;
}

export type StorageConfig =
  | { kind: 'disk'; dir: string }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
    };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function parseMasterKeys(raw: string): MasterKey[] {
  return raw.split(',').map((pair, i) => {
    const [id, key] = pair.trim().split(':');
    const bytes = key ? Buffer.from(key, 'base64') : Buffer.alloc(0);
    if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || bytes.length !== 32) {
      throw new ConfigError([
        `MADAR_MASTER_KEYS: entry ${i + 1} must be "id:base64key" with a 32-byte key (id: letters, digits, _ or -)`,
      ]);
    }
    return { id, key: bytes };
  });
}

/**
 * Demo mode derives stable keys from the data directory so a restarted demo can still read its
 * data. They protect nothing (anyone can derive them), which is why production refuses them.
 */
function demoKey(dataDir: string, purpose: string): Buffer {
  return createHash('sha256')
    .update(`madar-demo:${path.resolve(dataDir)}:${purpose}`)
    .digest();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (as `DATABASE_URL= npm start` does in a shell).
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const production = e.MADAR_MODE === 'production';

  let masterKeys: MasterKey[];
  if (e.MADAR_MASTER_KEYS) masterKeys = parseMasterKeys(e.MADAR_MASTER_KEYS);
  else if (production) {
    problems.push('MADAR_MASTER_KEYS: required in production (e.g. "k1:<32 random bytes in base64>")');
    masterKeys = [];
  } else masterKeys = [{ id: 'demo', key: demoKey(e.MADAR_DATA_DIR, 'master') }];

  let indexKey: Buffer;
  if (e.MADAR_INDEX_KEY) indexKey = Buffer.from(e.MADAR_INDEX_KEY, 'base64');
  else if (production) {
    problems.push('MADAR_INDEX_KEY: required in production (32 random bytes in base64)');
    indexKey = randomBytes(32);
  } else indexKey = demoKey(e.MADAR_DATA_DIR, 'index');

  if (production && masterKeys.some((k) => k.key.equals(demoKey(e.MADAR_DATA_DIR, 'master')))) {
    problems.push('MADAR_MASTER_KEYS: the demo key cannot be used in production');
  }
  if (production && !e.DATABASE_URL) {
    problems.push('DATABASE_URL: required in production (the embedded PostgreSQL is for demos and tests)');
  }
  if (e.READ_DATABASE_URL && !e.DATABASE_URL) {
    problems.push('READ_DATABASE_URL: a read replica needs its primary in DATABASE_URL');
  }

  let mfaRequiredRoles: Role[] = production ? [...IDENTITY_ROLES] : [];
  if (e.MADAR_MFA_REQUIRED_ROLES !== undefined) {
    const raw = e.MADAR_MFA_REQUIRED_ROLES.trim();
    const list = raw === '' || raw === 'none' ? [] : raw.split(',').map((r) => r.trim());
    const unknown = list.filter((r) => !isRole(r));
    if (unknown.length) problems.push(`MADAR_MFA_REQUIRED_ROLES: unknown role(s) ${unknown.join(', ')}`);
    mfaRequiredRoles = list.filter(isRole);
  }
  const s3Names = [
    'MADAR_S3_ENDPOINT',
    'MADAR_S3_BUCKET',
    'MADAR_S3_ACCESS_KEY_ID',
    'MADAR_S3_SECRET_ACCESS_KEY',
  ] as const;
  const s3Missing = s3Names.filter((name) => !e[name]);
  // Half an S3 configuration would silently keep documents on local disk: refuse it.
  if (s3Missing.length < s3Names.length || e.MADAR_S3_REGION) {
    for (const name of s3Missing) problems.push(`${name}: required when S3 storage is configured`);
  }
  if (problems.length) throw new ConfigError(problems);
  const dataDir = path.resolve(e.MADAR_DATA_DIR);

  return {
    mode: e.MADAR_MODE,
    demoSeed: e.MADAR_DEMO_SEED === 'true',
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    readDatabaseUrl: e.READ_DATABASE_URL,
    dataDir,
    embeddedPgPort: e.MADAR_EMBEDDED_PG_PORT,
    masterKeys,
    indexKey,
    sessionIdleSeconds: e.MADAR_SESSION_IDLE_MINUTES * 60,
    sessionAbsoluteSeconds: e.MADAR_SESSION_ABSOLUTE_HOURS * 3600,
    mfaRequiredRoles,
    logLevel: e.MADAR_LOG_LEVEL,
    trustProxy: e.MADAR_TRUST_PROXY === 'true',
    webDist: path.resolve(e.MADAR_WEB_DIST ?? path.join(import.meta.dirname, '../../../web/dist')),
    ministryName: {
      ar: e.MADAR_MINISTRY_NAME_AR,
      fr: e.MADAR_MINISTRY_NAME_FR,
      en: e.MADAR_MINISTRY_NAME_EN,
    },
    secureCookies: e.MADAR_SECURE_COOKIES ? e.MADAR_SECURE_COOKIES === 'true' : production,
    loginMaxFailures: e.MADAR_LOGIN_MAX_FAILURES,
    publicUrl: (e.MADAR_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    mail: { smtpUrl: e.MADAR_SMTP_URL, from: e.MADAR_MAIL_FROM },
    loginRatePerMinute: e.MADAR_LOGIN_RATE_PER_MINUTE,
    referralEscalationDays: e.MADAR_REFERRAL_ESCALATION_DAYS,
    circuitCacheSeconds: e.MADAR_CIRCUIT_CACHE_SECONDS,
    storage:
      e.MADAR_S3_ENDPOINT && e.MADAR_S3_BUCKET && e.MADAR_S3_ACCESS_KEY_ID && e.MADAR_S3_SECRET_ACCESS_KEY
        ? {
            kind: 's3',
            endpoint: e.MADAR_S3_ENDPOINT.replace(/\/+$/, ''),
            bucket: e.MADAR_S3_BUCKET,
            region: e.MADAR_S3_REGION ?? 'us-east-1',
            accessKeyId: e.MADAR_S3_ACCESS_KEY_ID,
            secretAccessKey: e.MADAR_S3_SECRET_ACCESS_KEY,
          }
        : { kind: 'disk', dir: path.join(dataDir, 'documents') },
  };
}
