import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { IDENTITY_ROLES } from '@madar/domain';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const key = () => randomBytes(32).toString('base64');

const PRODUCTION = {
  MADAR_MODE: 'production',
  DATABASE_URL: 'postgres://madar:secret@db.internal:5432/madar',
  MADAR_MASTER_KEYS: `k2026:${key()}`,
  MADAR_INDEX_KEY: key(),
};

/** The problems of a configuration that must be refused. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    // The message names every problem too, for the log of a server that refuses to start.
    for (const problem of problems) expect((error as ConfigError).message).toContain(problem);
    return problems;
  }
  throw new Error('configuration accepted');
}

const named = (problems: string[]) => problems.map((p) => p.split(':')[0]);

describe('loadConfig', () => {
  it('refuses production without keys or database, naming each variable', () => {
    const problems = problemsOf({ MADAR_MODE: 'production' });
    expect(named(problems).sort()).toEqual(['DATABASE_URL', 'MADAR_INDEX_KEY', 'MADAR_MASTER_KEYS']);
    for (const name of ['MADAR_MASTER_KEYS', 'MADAR_INDEX_KEY', 'DATABASE_URL'] as const) {
      expect(named(problemsOf({ ...PRODUCTION, [name]: undefined })), name).toEqual([name]);
    }
  });

  it('accepts a complete production configuration, secure by default', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.mode).toBe('production');
    expect(config.databaseUrl).toBe(PRODUCTION.DATABASE_URL);
    expect(config.masterKeys.map((k) => k.id)).toEqual(['k2026']);
    expect(config.masterKeys[0]!.key).toHaveLength(32);
    expect(config.indexKey).toEqual(Buffer.from(PRODUCTION.MADAR_INDEX_KEY, 'base64'));
    expect(config.secureCookies).toBe(true);
    expect(config.mfaRequiredRoles).toEqual([...IDENTITY_ROLES]);
    expect(config.sessionIdleSeconds).toBe(30 * 60);
    expect(config.sessionAbsoluteSeconds).toBe(12 * 3600);
    expect(config.loginMaxFailures).toBe(5);
  });

  it('refuses the demo key in production', () => {
    const dataDir = '/var/lib/madar-test';
    const demoKey = createHash('sha256')
      .update(`madar-demo:${path.resolve(dataDir)}:master`)
      .digest('base64');
    const problems = problemsOf({
      ...PRODUCTION,
      MADAR_DATA_DIR: dataDir,
      MADAR_MASTER_KEYS: `demo:${demoKey}`,
    });
    expect(problems).toEqual(['MADAR_MASTER_KEYS: the demo key cannot be used in production']);
  });

  it('refuses malformed keys, naming the variable', () => {
    for (const value of [
      'k1',
      `k1:${randomBytes(16).toString('base64')}`,
      `bad id!:${key()}`,
      `k1:${key()},k2`,
    ]) {
      expect(named(problemsOf({ ...PRODUCTION, MADAR_MASTER_KEYS: value })), value).toEqual([
        'MADAR_MASTER_KEYS',
      ]);
    }
    expect(named(problemsOf({ ...PRODUCTION, MADAR_INDEX_KEY: randomBytes(16).toString('base64') }))).toEqual(
      ['MADAR_INDEX_KEY'],
    );
  });

  it('keeps several master keys, the first one encrypting', () => {
    const config = loadConfig({ ...PRODUCTION, MADAR_MASTER_KEYS: `new:${key()}, old:${key()}` });
    expect(config.masterKeys.map((k) => k.id)).toEqual(['new', 'old']);
  });

  it('names PORT when it is not a port', () => {
    for (const port of ['abc', '70000', '-1', '80.5']) {
      expect(named(problemsOf({ PORT: port })), port).toEqual(['PORT']);
    }
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });

  it('names any other variable with a wrong value', () => {
    expect(named(problemsOf({ MADAR_MODE: 'staging' }))).toEqual(['MADAR_MODE']);
    expect(named(problemsOf({ DATABASE_URL: 'mysql://db/madar' }))).toEqual(['DATABASE_URL']);
    expect(named(problemsOf({ MADAR_SESSION_IDLE_MINUTES: '0' }))).toEqual(['MADAR_SESSION_IDLE_MINUTES']);
    expect(named(problemsOf({ MADAR_LOGIN_MAX_FAILURES: 'many' }))).toEqual(['MADAR_LOGIN_MAX_FAILURES']);
    expect(named(problemsOf({ MADAR_LOG_LEVEL: 'verbose' }))).toEqual(['MADAR_LOG_LEVEL']);
  });

  it('names an unknown role in MADAR_MFA_REQUIRED_ROLES', () => {
    const problems = problemsOf({ MADAR_MFA_REQUIRED_ROLES: 'social_worker, wizard,superuser' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^MADAR_MFA_REQUIRED_ROLES: /);
    expect(problems[0]).toContain('wizard');
    expect(problems[0]).toContain('superuser');
    expect(problems[0]).not.toContain('social_worker');
  });

  it('requires two-factor for the identity roles in production and for none in demo, unless told otherwise', () => {
    expect(loadConfig(PRODUCTION).mfaRequiredRoles).toEqual([...IDENTITY_ROLES]);
    expect(IDENTITY_ROLES).toContain('social_worker');
    expect(IDENTITY_ROLES).not.toContain('ministry_analyst');
    expect(loadConfig({}).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ MADAR_MODE: 'demo' }).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ ...PRODUCTION, MADAR_MFA_REQUIRED_ROLES: 'none' }).mfaRequiredRoles).toEqual([]);
    // An empty variable is an unset one: production keeps its secure default.
    expect(loadConfig({ ...PRODUCTION, MADAR_MFA_REQUIRED_ROLES: '' }).mfaRequiredRoles).toEqual([
      ...IDENTITY_ROLES,
    ]);
    expect(
      loadConfig({ MADAR_MFA_REQUIRED_ROLES: ' national_admin , dp_auditor ' }).mfaRequiredRoles,
    ).toEqual(['national_admin', 'dp_auditor']);
  });

  it('gives demo mode stable keys derived from its data directory, and plain cookies', () => {
    const a = loadConfig({ MADAR_DATA_DIR: '/tmp/madar-a' });
    const again = loadConfig({ MADAR_DATA_DIR: '/tmp/madar-a' });
    const b = loadConfig({ MADAR_DATA_DIR: '/tmp/madar-b' });
    expect(a.mode).toBe('demo');
    expect(a.masterKeys.map((k) => k.id)).toEqual(['demo']);
    expect(a.masterKeys[0]!.key.equals(again.masterKeys[0]!.key)).toBe(true);
    expect(a.indexKey.equals(again.indexKey)).toBe(true);
    expect(a.masterKeys[0]!.key.equals(b.masterKeys[0]!.key)).toBe(false);
    expect(a.masterKeys[0]!.key.equals(a.indexKey)).toBe(false);
    expect(a.secureCookies).toBe(false);
    expect(loadConfig({ MADAR_SECURE_COOKIES: 'true' }).secureCookies).toBe(true);
    expect(a.databaseUrl).toBeUndefined();
  });

  it('seeds demo data unless MADAR_DEMO_SEED=false (a generated database)', () => {
    expect(loadConfig({}).demoSeed).toBe(true);
    expect(loadConfig({ MADAR_DEMO_SEED: 'false' }).demoSeed).toBe(false);
    expect(() => loadConfig({ MADAR_DEMO_SEED: 'no' })).toThrow(/MADAR_DEMO_SEED/);
  });
});

describe('READ_DATABASE_URL', () => {
  it('sends reporting and search queries to a replica when given, to the primary otherwise', () => {
    const replica = 'postgres://madar_ro:secret@replica.internal:5432/madar';
    expect(loadConfig({ ...PRODUCTION, READ_DATABASE_URL: replica }).readDatabaseUrl).toBe(replica);
    expect(loadConfig(PRODUCTION).readDatabaseUrl).toBeUndefined();
    // An empty variable is an unset one.
    expect(loadConfig({ ...PRODUCTION, READ_DATABASE_URL: '' }).readDatabaseUrl).toBeUndefined();
  });

  it('refuses a URL that is not PostgreSQL, and a replica without its primary', () => {
    for (const value of ['mysql://db.internal/madar', 'replica.internal:5432', 'http://replica/madar']) {
      expect(named(problemsOf({ ...PRODUCTION, READ_DATABASE_URL: value })), value).toEqual([
        'READ_DATABASE_URL',
      ]);
    }
    expect(problemsOf({ READ_DATABASE_URL: 'postgres://replica.internal/madar' })).toEqual([
      'READ_DATABASE_URL: a read replica needs its primary in DATABASE_URL',
    ]);
  });
});
