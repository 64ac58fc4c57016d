import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, reportInput } from './fixtures';
import { createTestApp, createUser, TEST_PASSWORD, type TestApp } from './harness';

/**
 * Madar behind a load balancer (issue 5, §5): two real server processes — `apps/server/src/main.ts`,
 * as `npm start` runs it, in production mode — on two ports against one PostgreSQL and one
 * document directory. Whatever instance a request reaches, sessions, live events, background jobs
 * and documents behave as with one. Instance B sends its reporting and search queries to
 * READ_DATABASE_URL (here the same database under another URL), as it would to a replica.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Instance {
  name: string;
  url: string;
  process: ChildProcess;
  /** Every JSON log line the process printed. */
  logs: Record<string, unknown>[];
}

let t: TestApp;
let dataDir: string;
let a: Instance;
let b: Instance;
let ids: { caseId: string; tangerWorker: string; rabatWorker: string };

/** Starts `main.ts` in a process of its own; resolves with its address once it listens. */
function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'apps/server/src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: Instance = { name, url: '', process: child, logs: [] };
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        instance.logs.push(entry);
        if (entry.msg === 'Madar started') {
          instance.url = String(entry.url).replace('localhost', '127.0.0.1');
          resolve(instance);
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`instance ${name} exited with ${code}: ${stderr}`)));
  });
}

/** Stops an instance as an orchestrator would (SIGTERM: requests in flight finish, jobs stop). */
async function stopInstance(instance: Instance | undefined): Promise<void> {
  const child = instance?.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** A browser: one session cookie, sent to whichever instance a request goes to. */
class Browser {
  cookie: string | undefined;

  async request(instance: Instance, method: string, url: string, body?: unknown | FormData) {
    const response = await fetch(`${instance.url}${url}`, {
      method,
      headers: {
        'accept-language': 'en',
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      },
      ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = pair!.split('=');
      if (name === 'madar_session') this.cookie = value ? `madar_session=${value}` : undefined;
    }
    return response;
  }

  async login(instance: Instance, login: string) {
    const response = await this.request(instance, 'POST', '/api/v1/auth/login', {
      login,
      password: TEST_PASSWORD,
    });
    expect(response.status, await response.clone().text()).toBe(200);
  }
}

async function json(response: Response, status = 200) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Registered at the top level: a hook registered inside beforeAll is never run. Generous timeout:
// an instance that does not stop on SIGTERM is killed after 20 s.
afterAll(async () => {
  await Promise.all([stopInstance(a), stopInstance(b)]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

beforeAll(async () => {
  const keys = {
    MADAR_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    MADAR_INDEX_KEY: randomBytes(32).toString('base64'),
  };
  // The test's own handle on the database uses the instances' keys, to prepare data they can read.
  t = await createTestApp(keys);
  dataDir = await mkdtemp(path.join(tmpdir(), 'madar-instances-'));

  const tangerWorker = await createUser(t.ctx, { login: 'as.tanger', roles: ['social_worker'] });
  const rabatWorker = await createUser(t.ctx, {
    login: 'as.rabat',
    roles: ['social_worker'],
    territoryCode: 'rabat',
  });
  await createUser(t.ctx, { login: 'coordinateur.tanger', roles: ['cape_coordinator'] });
  await createUser(t.ctx, {
    login: 'coordinateur.rabat',
    roles: ['cape_coordinator'],
    territoryCode: 'rabat',
  });
  await t.ctx.db
    .insertInto('dtipe')
    .values([{ territory_code: 'tanger-assilah' }, { territory_code: 'rabat' }])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const { case: kase } = await createCase(t.ctx, { workerId: tangerWorker.id });
  // Follow-ups overdue for two workers of two provinces: the daily reminder tells each once.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await createCase(t.ctx, { workerId: tangerWorker.id, nextFollowUpOn: yesterday });
  await createCase(t.ctx, { workerId: rabatWorker.id, territoryCode: 'rabat', nextFollowUpOn: yesterday });
  ids = { caseId: kase.id, tangerWorker: tangerWorker.id, rabatWorker: rabatWorker.id };

  const env = {
    ...keys,
    MADAR_MODE: 'production',
    DATABASE_URL: t.databaseUrl,
    MADAR_DATA_DIR: dataDir,
    MADAR_MFA_REQUIRED_ROLES: 'none',
    MADAR_SECURE_COOKIES: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    MADAR_LOG_LEVEL: 'info',
  };
  // The same database under another address, as a replica would have its own.
  const replicaUrl = new URL(t.databaseUrl);
  const otherName: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };
  replicaUrl.hostname = otherName[replicaUrl.hostname] ?? replicaUrl.hostname;
  // Started together, as an orchestrator starts them: migrations and job tables are shared safely.
  [a, b] = await Promise.all([
    startInstance('A', env),
    startInstance('B', { ...env, READ_DATABASE_URL: replicaUrl.toString() }),
  ]);
  expect(a.url).not.toBe(b.url);
}, 120_000);

describe('two Madar instances on one database', () => {
  it('share sessions: signed in on A, known on B; signed out on B, gone on A', async () => {
    const browser = new Browser();
    await browser.login(a, 'as.tanger');
    const onB = await json(await browser.request(b, 'GET', '/api/v1/auth/session'));
    expect(onB).toMatchObject({ user: { login: 'as.tanger' } });
    expect((await browser.request(a, 'GET', `/api/v1/cases/${ids.caseId}`)).status).toBe(200);
    const cookie = browser.cookie;
    await json(await browser.request(b, 'POST', '/api/v1/auth/logout'));
    browser.cookie = cookie;
    expect((await browser.request(a, 'GET', `/api/v1/cases/${ids.caseId}`)).status).toBe(401);
  });

  it('deliver a live event caused by a write on A to a page connected to B', async () => {
    const receiver = new Browser();
    await receiver.login(b, 'coordinateur.rabat');
    const sender = new Browser();
    await sender.login(a, 'coordinateur.tanger');
    const controller = new AbortController();
    const stream = await fetch(`${b.url}/api/v1/events`, {
      headers: { cookie: receiver.cookie! },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      while (!buffer.includes('retry:')) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${buffer}`);
        buffer += decoder.decode(value, { stream: true });
      }
      await json(
        await sender.request(a, 'POST', `/api/v1/cases/${ids.caseId}/transfers`, {
          toTerritoryCode: 'rabat',
          reason: 'La famille déménage à Rabat.',
        }),
        201,
      );
      const deadline = Date.now() + 15_000;
      while (!/event: notification\ndata: .*transfer_requested/.test(buffer) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
      }
      expect(buffer).toMatch(/event: notification\ndata: .*"kind":"transfer_requested"/);
      // Codes only: the event names the child by its pseudonymous code.
      expect(buffer).not.toContain('Karim');
    } finally {
      controller.abort();
    }
  });

  it('run a background job once, whichever instance takes it', async () => {
    // Both instances registered the same schedules: pg-boss keeps one of each, not one per instance.
    const schedules = await t.ctx.db
      .withSchema('pgboss')
      .selectFrom('schedule' as never)
      .select(['name' as never])
      .execute();
    const names = (schedules as { name: string }[]).map((s) => s.name).sort();
    expect(names).toEqual([
      'follow-up-reminders',
      'purge-expired-sessions',
      'referral-escalation',
      'referral-reminders',
    ]);

    // What the cron does at 07:00: put one job in the queue. Both instances are working it.
    const boss = new PgBoss({
      connectionString: t.databaseUrl,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
    });
    await boss.start();
    const jobId = await boss.send('follow-up-reminders', {});
    expect(jobId).toBeTruthy();
    // In the order the runs happened, not by instance: the second run may be on either one.
    const reminders = () =>
      [...a.logs, ...b.logs]
        .filter((l) => l.job === 'follow-up-reminders' && l.msg === 'overdue follow-up reminders')
        .sort((x, y) => Number(x.time) - Number(y.time));
    await eventually('the reminder job', () => reminders().length >= 1);
    // Long enough for the other instance to have polled the queue several times.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    // The job ran once, on one instance, and told each worker of their overdue follow-up once —
    // through the primary, also when it ran on B, whose reads may go to a replica.
    expect(reminders().map((l) => l.notices)).toEqual([2]);
    const ranOn = new Set(
      [a, b]
        .filter((instance) => instance.logs.some((l) => l.job === 'follow-up-reminders'))
        .map((i) => i.name),
    );
    expect(ranOn.size).toBe(1);
    const notices = async () =>
      (
        await t.ctx.db
          .selectFrom('notification')
          .select('user_id')
          .where('kind', '=', 'follow_up_overdue')
          .execute()
      )
        .map((n) => n.user_id)
        .sort();
    expect(await notices()).toEqual([ids.tangerWorker, ids.rabatWorker].sort());
    // Run again the same day (a retry, whichever instance takes it): nobody is told twice.
    await boss.send('follow-up-reminders', {});
    await boss.stop({ graceful: false });
    await eventually('the second run', () => reminders().length >= 2);
    expect(reminders().map((l) => l.notices)).toEqual([2, 0]);
    expect(await notices()).toEqual([ids.tangerWorker, ids.rabatWorker].sort());
    const job = await t.ctx.db
      .withSchema('pgboss')
      .selectFrom('job' as never)
      .select(['state' as never])
      .where('id' as never, '=', jobId as never)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ state: 'completed' });
  });

  it('serve through B a document uploaded through A', async () => {
    const browser = new Browser();
    await browser.login(a, 'as.tanger');
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), randomBytes(4096)]);
    const form = new FormData();
    form.append('documentType', 'judgment');
    form.append('title', 'Jugement du tribunal de Tanger');
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'jugement.pdf');
    const record = await json(
      await browser.request(a, 'POST', `/api/v1/cases/${ids.caseId}/files/judicial/documents`, form),
      201,
    );
    const download = await browser.request(b, 'GET', `/api/v1/documents/${record.id}/content`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answer search and reporting through READ_DATABASE_URL on B, with what A just wrote', async () => {
    const worker = new Browser();
    await worker.login(a, 'as.tanger');
    const report = await json(await worker.request(a, 'POST', '/api/v1/reports', reportInput()), 201);
    await json(
      await worker.request(a, 'POST', `/api/v1/reports/${report.id}/triage`, {
        action: 'new_child',
        position: 0,
        child: {
          sex: 'female',
          identity: {
            firstNameAr: 'سلمى',
            lastNameAr: 'الكتاني',
            firstNameLatin: 'Salma',
            lastNameLatin: 'Kettani',
            birthDate: '2013-05-14',
            birthDateEstimated: false,
            fatherName: null,
            motherName: null,
            birthRecordNumber: null,
            nationalId: null,
            address: null,
            phones: [],
          },
        },
        situations: ['victim'],
        assignedWorkerId: null,
      }),
    );
    // A typo, as users make them: the one-typo blind-index keys find her.
    const found = await json(
      await worker.request(b, 'POST', '/api/v1/children/search', { name: 'Salma Ketani', limit: 10 }),
    );
    expect(
      (found.items as { identity?: { lastNameLatin: string } }[]).map((i) => i.identity?.lastNameLatin),
    ).toEqual(['Kettani']);
    const coordinator = new Browser();
    await coordinator.login(b, 'coordinateur.tanger');
    await json(await coordinator.request(b, 'GET', '/api/v1/territories/tanger-assilah/circuit'));
    await json(await coordinator.request(b, 'GET', '/api/v1/territories/tanger-assilah/coverage'));
    // B's reads went through its replica pool (application_name madar-read), A has none.
    const pools = await t.ctx.db
      .selectFrom('pg_stat_activity' as never)
      .select(['application_name' as never])
      .where('datname' as never, '=', new URL(t.databaseUrl).pathname.slice(1) as never)
      .execute();
    expect((pools as { application_name: string }[]).map((p) => p.application_name)).toContain('madar-read');
  });
});
