import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '@madar/domain';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app';
import { hashPassword } from '../src/platform/auth/passwords';
import { loadConfig } from '../src/platform/config';
import type { AppContext } from '../src/platform/context';
import { KeyRing } from '../src/platform/crypto';
import { createDb } from '../src/platform/db/database';
import { EventBus } from '../src/platform/events';
import type { FastifyZodInstance } from '../src/platform/http/zod';
import { createDocumentStore } from '../src/platform/storage';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestApp {
  app: FastifyZodInstance;
  ctx: AppContext;
  databaseUrl: string;
}

/**
 * A Madar app on a database of its own, cloned from the migrated template; dropped after the file.
 * `env` overrides configuration (e.g. MADAR_MFA_REQUIRED_ROLES).
 */
/**
 * What the test apps of this file leave behind, undone after its tests. The hook is registered when
 * the file imports this module (during collection): a hook registered later, from inside a
 * beforeAll, is silently never run.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const serverUrl = inject('pgServerUrl');
  const name = `madar_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.end();
  const databaseUrl = withDatabase(serverUrl, name);
  const config = loadConfig({
    MADAR_MODE: 'demo',
    DATABASE_URL: databaseUrl,
    MADAR_DATA_DIR: '.madar-test',
    MADAR_LOG_LEVEL: 'silent',
    // Tests write cards and read the circuit view at once: no minute-old answers.
    MADAR_CIRCUIT_CACHE_SECONDS: '0',
    ...env,
  });
  const { db } = createDb(databaseUrl, { max: 5 });
  const keyRing = new KeyRing(config.masterKeys, config.indexKey);
  // Documents of a test file go to a directory of its own, removed with its database.
  const documentsDir = path.join(tmpdir(), name, 'documents');
  const storage =
    config.storage.kind === 'disk' ? { kind: 'disk' as const, dir: documentsDir } : config.storage;
  const events = new EventBus(databaseUrl);
  await events.start();
  const ctx: AppContext = { config, db, keyRing, documents: createDocumentStore(storage, keyRing), events };
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    await events.stop();
    await db.destroy();
    const drop = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
    await rm(path.dirname(documentsDir), { recursive: true, force: true });
  });
  return { app, ctx, databaseUrl };
}

export const TEST_PASSWORD = 'correct-horse-battery-7';
let passwordHash: Promise<string> | undefined;

/** Creates an account directly in the database (no temporary password to change). */
export async function createUser(
  ctx: AppContext,
  input: {
    login?: string;
    roles: Role[];
    territoryCode?: string | null;
    institutionId?: string | null;
    mustChangePassword?: boolean;
  },
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const login = input.login ?? `${input.roles[0]!.replace(/_/g, '.')}.${randomBytes(3).toString('hex')}`;
  return ctx.db
    .insertInto('app_user')
    .values({
      login,
      full_name: `Test ${login}`,
      email: null,
      phone: null,
      roles: input.roles,
      territory_code: input.territoryCode === undefined ? 'tanger-assilah' : input.territoryCode,
      institution_id: input.institutionId ?? null,
      password_hash: await passwordHash,
      must_change_password: input.mustChangePassword ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createInstitution(
  ctx: AppContext,
  territoryCode = 'tanger-assilah',
  sectorCode = 'health',
) {
  return ctx.db
    .insertInto('institution')
    .values({
      name_ar: 'مستشفى',
      name_fr: `Hôpital ${randomBytes(2).toString('hex')}`,
      sector_code: sectorCode,
      type: 'hospital',
      territory_code: territoryCode,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A cookie-carrying client over `app.inject`, as a browser would be. */
export class Client {
  cookie: string | undefined;
  constructor(
    private readonly app: FastifyZodInstance,
    /** The Accept-Language header to send; null sends none (the user's saved preference then applies). */
    private readonly language: string | null = 'en',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.language !== null ? { 'accept-language': this.language } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const set = response.cookies.find((c) => c.name === 'madar_session');
    if (set) this.cookie = set.value ? `madar_session=${set.value}` : undefined;
    return response;
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body: unknown) => this.request('PUT', url, body);

  async login(login: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/api/v1/auth/login', { login, password });
  }
}

export async function signedIn(
  app: FastifyZodInstance,
  login: string,
  language: string | null = 'en',
): Promise<Client> {
  const client = new Client(app, language);
  const response = await client.login(login);
  if (response.statusCode !== 200) throw new Error(`login ${login} failed: ${response.body}`);
  return client;
}

/** Rows of the security audit log for one event, oldest first (optionally only those about one user). */
export async function auditRows(ctx: AppContext, event: string, userId?: string) {
  let q = ctx.db.selectFrom('audit_log').selectAll().where('event', '=', event);
  if (userId) q = q.where((eb) => eb.or([eb('actor_user_id', '=', userId), eb('target_id', '=', userId)]));
  return q.orderBy('id').execute();
}

/** The number of rows of a table, to show that a refused request wrote nothing. */
export async function countRows(
  ctx: AppContext,
  table: 'app_user' | 'audit_log' | 'session' | 'institution' | 'commune',
) {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The body of a problem+json response. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId: string;
  fields?: { path: string; code: string; message: string }[];
  current?: Record<string, unknown>;
}

export function problemOf(response: LightMyRequestResponse): ProblemBody {
  return response.json() as ProblemBody;
}

/** The field codes of a problem, as `path:code` strings. */
export function fieldCodes(response: LightMyRequestResponse): string[] {
  return (problemOf(response).fields ?? []).map((f) => `${f.path}:${f.code}`);
}
