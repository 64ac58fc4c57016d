/**
 * `npm run bench -- [--children N] [--duration S] [--connections C] [--soak]`
 *
 * Starts Madar's real server against a generated database of N children, signs in as generated
 * users, drives each scenario over HTTP with autocannon, asks the same questions directly in SQL,
 * and writes the results (JSON and Markdown) under bench/results/. See bench/README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { FastifyRequest } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { findUserByLogin } from '../apps/server/src/modules/auth/repository';
import { actorFromRow } from '../apps/server/src/modules/auth/service';
import type { Actor } from '../apps/server/src/platform/auth/actor';
import { loadConfig } from '../apps/server/src/platform/config';
import type { AppContext } from '../apps/server/src/platform/context';
import { KeyRing } from '../apps/server/src/platform/crypto';
import type { Database } from '../apps/server/src/platform/db/schema';
import { EventBus } from '../apps/server/src/platform/events';
import { createDocumentStore } from '../apps/server/src/platform/storage';
import { RecordingPool, type ReplayPlan, replay, statementCount } from './lib/capture';
import { ensureVacuumed, prepareDatabase } from './lib/database';
import { explainMarkdown, explainPlan } from './lib/explain';
import { discover, namesOf, type Session, signIn } from './lib/fixtures';
import { type HttpRequestSpec, runHttp, runSql } from './lib/load';
import { databaseSize, gitCommit, machineInfo } from './lib/machine';
import {
  type BenchResults,
  BUDGET_CHILDREN,
  checkBudgets,
  type ScenarioResult,
  type SoakResult,
  toMarkdown,
  writeResults,
} from './lib/report';
import { buildScenarios, type Call, SCENARIO_KEYS, type Scenario } from './lib/scenarios';
import { ROOT, RssSampler, startBenchServer } from './lib/server';
import { mulberry32, pick, round } from './lib/stats';

const USAGE = `npm run bench -- [options]
  --children N       size of the generated database (default 10000)
  --duration S       seconds of load per scenario (default 10)
  --connections C    concurrent connections (default 50)
  --warmup S         seconds of unmeasured load before each scenario (default 2)
  --soak             also: 200 connections for 5 minutes across the mix (RSS every 10 s)
  --soak-seconds S   length of the soak (default 300)
  --soak-connections C  connections of the soak (default 200)
  --only a,b         scenarios to run: ${SCENARIO_KEYS.join(', ')}
  --no-sql           skip the raw-SQL comparison
  --sql-pool N       connections of the raw-SQL pool (default 10, the server's pool size)
  --territory CODE   territory to drive (default: the one with the most open cases)
  --database-url URL benchmark an existing database instead of the generated one
  --password P       password of the users (default: the generator's)
  --seed N           seed of the generated data and of the request mix (default 42)
  --port N           port of the benchmarked server (default: a free one)
  --server-node-options "..."  NODE_OPTIONS of the server only (e.g. --max-old-space-size=256)
  --explain          also write EXPLAIN ANALYZE of each scenario's first and slowest variants`;

const describe = (call: Call) =>
  `${call.method} ${call.path}${call.body ? ` ${JSON.stringify(call.body).slice(0, 80)}` : ''}`;

/** A pool whose idle connections may drop (the database restarting) without crashing the run. */
function newPool(connectionString: string, max: number, name: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: name });
  pool.on('error', () => {});
  return pool;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function log(message: string) {
  process.stdout.write(`${message}\n`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      children: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '2' },
      soak: { type: 'boolean', default: false },
      'soak-seconds': { type: 'string', default: '300' },
      'soak-connections': { type: 'string', default: '200' },
      only: { type: 'string' },
      'no-sql': { type: 'boolean', default: false },
      'sql-pool': { type: 'string', default: '10' },
      territory: { type: 'string' },
      'database-url': { type: 'string' },
      password: { type: 'string' },
      seed: { type: 'string', default: '42' },
      port: { type: 'string' },
      'server-node-options': { type: 'string' },
      explain: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    log(USAGE);
    return;
  }
  const int = (name: string, raw: string | undefined, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}\n\n${USAGE}`);
    return n;
  };
  const children = int('children', values.children, 1);
  const seconds = int('duration', values.duration, 1);
  const connections = int('connections', values.connections, 1);
  const warmup = int('warmup', values.warmup, 0);
  const sqlPoolSize = int('sql-pool', values['sql-pool'], 1);
  const seed = int('seed', values.seed, 0);
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SCENARIO_KEYS];
  for (const key of only) {
    if (!(SCENARIO_KEYS as readonly string[]).includes(key))
      throw new Error(`unknown scenario ${key}\n\n${USAGE}`);
  }

  // 1. The database: generated (or resumed) when missing, or the one given.
  const database = await prepareDatabase({
    children,
    seed,
    databaseUrl: values['database-url'],
    log,
  });
  const password = values.password ?? database.password;
  const pool = newPool(database.url, 4, 'madar-bench');
  const notes: string[] = [];
  let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  let captureDb: Kysely<Database> | undefined;
  let sqlPool: pg.Pool | undefined;
  let startedAt: Date | undefined;
  let staffIds: string[] = [];
  try {
    const vacuumed = await ensureVacuumed(database.url, log);
    if (vacuumed.length) {
      notes.push(`Vacuumed before the run (visibility maps missing after the load): ${vacuumed.join(', ')}.`);
    }
    log('Measuring the database…');
    const [machine, size] = await Promise.all([machineInfo(pool), databaseSize(pool)]);
    // A database given by URL is named by the children it holds.
    const heldChildren = values['database-url'] ? (size.rows.child ?? 0) : children;
    log(
      `  ${size.pretty}; ${Object.entries(size.rows)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    );

    // 2. The real server, production-like: no demo seed, warnings only, the generator's keys.
    const serverEnv: NodeJS.ProcessEnv = {
      ...database.serverEnv,
      DATABASE_URL: database.url,
      MADAR_LOG_LEVEL: 'warn',
    };
    if (values['server-node-options']) {
      serverEnv.NODE_OPTIONS = values['server-node-options'];
      notes.push(`Server run with NODE_OPTIONS=${values['server-node-options']}.`);
    }
    const port = values.port ? int('port', values.port, 1) : await freePort();
    log(`Starting Madar on 127.0.0.1:${port}…`);
    server = await startBenchServer({ port, env: serverEnv, logDir: path.join(ROOT, 'bench/tmp') });
    startedAt = (await pool.query<{ now: Date }>('SELECT now()')).rows[0]!.now;
    const serverRssStartMiB = await server.rss();
    log(`  ready; RSS ${serverRssStartMiB} MiB`);

    // 3. Who and what to ask for.
    const fixtures = await discover(pool, { territory: values.territory, seed });
    log(
      `Territory ${fixtures.territoryCode}: ${fixtures.openCases} open cases; coordinator ${fixtures.coordinator}, ${fixtures.socialWorkers.length} social workers, ${fixtures.focalPoints.length} partner focal points`,
    );
    const logins = [
      fixtures.coordinator,
      ...fixtures.socialWorkers.map((w) => w.login),
      ...fixtures.focalPoints.map((f) => f.login),
    ];
    const sessions = new Map<string, Session>();
    for (const login of logins) sessions.set(login, await signIn(server.url, login, password));
    const random = mulberry32(seed);
    const identities = await namesOf(
      server.url,
      sessions.get(fixtures.coordinator)!,
      fixtures.childIds.slice(0, 40),
    );
    const scenarios = buildScenarios({ fixtures, identities, random }).filter((s) => only.includes(s.key));

    // 4. The SQL of every request, captured from the services themselves.
    const config = loadConfig(serverEnv);
    const recording = new RecordingPool(newPool(database.url, 10, 'madar-bench-capture'));
    captureDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: recording }) });
    const keyRing = new KeyRing(config.masterKeys, config.indexKey);
    const ctx: AppContext = {
      config,
      db: captureDb,
      keyRing,
      documents: createDocumentStore(config.storage, keyRing),
      events: new EventBus(database.url),
    };
    const request = { ip: '127.0.0.1', id: 'bench-capture', headers: {} } as unknown as FastifyRequest;
    const actors = new Map<string, Actor>();
    for (const login of logins) {
      const user = await findUserByLogin(captureDb, login);
      if (!user) throw new Error(`user ${login} not found`);
      actors.set(login, actorFromRow(user));
    }
    staffIds = [...actors.values()].map((a) => a.id);
    const plans = new Map<Call, ReplayPlan>();
    // Each variant's SQL replayed once, unloaded, after its capture warmed the cache: which
    // variants are slow before any load, and whose plans to explain.
    const sqlOnceMs = new Map<Call, number>();
    sqlPool = newPool(database.url, sqlPoolSize, 'madar-bench-sql');
    if (!values['no-sql'] || values.explain) {
      log('Capturing the SQL of every request variant…');
      for (const scenario of scenarios) {
        for (const call of scenario.calls) {
          let result: unknown;
          const plan = await recording.capture(async () => {
            result = await call.service(ctx, request, actors.get(call.login)!);
          });
          plan.fresh = call.created?.(result) ?? [];
          plans.set(call, plan);
          const t0 = performance.now();
          await replay(sqlPool, plan);
          sqlOnceMs.set(call, round(performance.now() - t0, 1));
        }
      }
    }
    if (values.explain) {
      // Every variant's unloaded SQL time, slowest first: where the database work of a scenario goes.
      for (const scenario of scenarios) {
        log(`  ${scenario.title}:`);
        for (const call of [...scenario.calls].sort((a, b) => sqlOnceMs.get(b)! - sqlOnceMs.get(a)!)) {
          log(`    ${String(sqlOnceMs.get(call)).padStart(7)} ms  ${describe(call)}`);
        }
      }
    }
    const slowestOf = (scenario: Scenario) =>
      [...scenario.calls].sort((a, b) => (sqlOnceMs.get(b) ?? 0) - (sqlOnceMs.get(a) ?? 0));
    if (values.explain) {
      // The plans of each scenario's first variant and of its slowest one.
      const sections = [];
      for (const scenario of scenarios) {
        for (const call of new Set([scenario.calls[0]!, slowestOf(scenario)[0]!])) {
          sections.push({
            scenario: scenario.title,
            variant: describe(call),
            sqlOnceMs: sqlOnceMs.get(call)!,
            statements: await explainPlan(pool, plans.get(call)!),
          });
        }
      }
      const file = path.join(
        ROOT,
        'bench/results',
        `${new Date().toISOString().slice(0, 10)}-${heldChildren}-plans.md`,
      );
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, explainMarkdown(`Query plans — ${heldChildren} children`, sections));
      log(`Query plans: ${path.relative(ROOT, file)}`);
    }

    const httpSpec = (call: Call): HttpRequestSpec => ({
      method: call.method,
      path: call.path,
      cookie: sessions.get(call.login)!.cookie,
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    });
    // Every scenario answers once over HTTP before it is loaded: a broken one stops the run here.
    for (const scenario of scenarios) {
      const spec = httpSpec(scenario.calls[0]!);
      const response = await fetch(`${server.url}/api/v1${spec.path}`, {
        method: spec.method,
        headers: { cookie: spec.cookie, ...(spec.body ? { 'content-type': 'application/json' } : {}) },
        ...(spec.body ? { body: spec.body } : {}),
      });
      if (!response.ok) {
        throw new Error(
          `${scenario.key}: ${spec.method} ${spec.path} answered ${response.status}: ${await response.text()}`,
        );
      }
    }

    // 5. Each scenario: warm-up, HTTP load, the same load in SQL.
    const results: ScenarioResult[] = [];
    log('');
    log(
      `${'scenario'.padEnd(36)} ${'req/s'.padStart(8)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'err'.padStart(5)} ${'SQL p50'.padStart(8)} ${'SQL p95'.padStart(8)} ${'×p50'.padStart(6)} ${'×p95'.padStart(6)} ${'RSS'.padStart(6)}`,
    );
    for (const scenario of scenarios) {
      const next = () => httpSpec(pick(random, scenario.calls));
      if (warmup > 0) await runHttp({ url: server.url, connections, seconds: warmup, next });
      const sampler = new RssSampler(server, 1000);
      sampler.start();
      const api = await runHttp({ url: server.url, connections, seconds, next });
      await sampler.stop();
      let sql = null;
      let ratio = null;
      if (!values['no-sql']) {
        sql = await runSql({
          pool: sqlPool,
          concurrency: connections,
          seconds,
          next: () => plans.get(pick(random, scenario.calls))!,
        });
        ratio = {
          p50: round(api.latency.p50 / Math.max(sql.latency.p50, 0.001), 2),
          p95: round(api.latency.p95 / Math.max(sql.latency.p95, 0.001), 2),
        };
        if (sql.errors)
          notes.push(`${scenario.key}: ${sql.errors} raw-SQL errors, e.g. ${sql.samples.join(' | ')}`);
      }
      const statements = scenario.calls.map((c) => (plans.get(c) ? statementCount(plans.get(c)!) : 0));
      const row: ScenarioResult = {
        key: scenario.key,
        title: scenario.title,
        variants: scenario.calls.length,
        statementsPerRequest: round(statements.reduce((a, b) => a + b, 0) / statements.length, 1),
        api,
        sql,
        ratio,
        rssMaxMiB: sampler.max(),
        slowestVariants: plans.size
          ? slowestOf(scenario)
              .slice(0, 3)
              .map((c) => ({ request: describe(c), sqlOnceMs: sqlOnceMs.get(c) ?? 0 }))
          : [],
      };
      results.push(row);
      const failed = api.errors + api.timeouts + api.non2xx;
      if (failed)
        notes.push(
          `${scenario.key}: ${failed} failed HTTP requests, statuses ${JSON.stringify(api.statuses)}`,
        );
      log(
        `${scenario.title.padEnd(36)} ${String(api.throughput).padStart(8)} ${String(api.latency.p50).padStart(7)} ${String(api.latency.p95).padStart(7)} ${String(api.latency.p99).padStart(7)} ${String(failed).padStart(5)} ${String(sql?.latency.p50 ?? '—').padStart(8)} ${String(sql?.latency.p95 ?? '—').padStart(8)} ${String(ratio?.p50 ?? '—').padStart(6)} ${String(ratio?.p95 ?? '—').padStart(6)} ${String(row.rssMaxMiB).padStart(6)}`,
      );
    }

    // 6. The soak: the whole mix, many connections, long enough to see memory drift.
    let soak: SoakResult | null = null;
    if (values.soak) {
      const soakSeconds = int('soak-seconds', values['soak-seconds'], 10);
      const soakConnections = int('soak-connections', values['soak-connections'], 1);
      const all = buildScenarios({ fixtures, identities, random });
      const totalWeight = all.reduce((n, s) => n + s.weight, 0);
      const draw = (): Scenario => {
        let x = random() * totalWeight;
        for (const s of all) {
          x -= s.weight;
          if (x < 0) return s;
        }
        return all[0]!;
      };
      log('');
      log(`Soak: ${soakConnections} connections for ${soakSeconds} s across the mix (RSS every 10 s)…`);
      const sampler = new RssSampler(server, 10_000);
      const begin = Date.now();
      sampler.start();
      const result = await runHttp({
        url: server.url,
        connections: soakConnections,
        seconds: soakSeconds,
        next: () => httpSpec(pick(random, draw().calls)),
      });
      await sampler.stop();
      const end = Date.now();
      const mean = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, 1) : 0);
      const rss = sampler.samples.map((s) => ({ at: round((s.at - begin) / 1000, 0), mib: s.mib }));
      soak = {
        connections: soakConnections,
        seconds: round((end - begin) / 1000, 0),
        result,
        rss,
        rssFirstMinuteMiB: mean(sampler.samples.filter((s) => s.at - begin <= 60_000).map((s) => s.mib)),
        rssLastMinuteMiB: mean(sampler.samples.filter((s) => end - s.at <= 60_000).map((s) => s.mib)),
        rssMaxMiB: sampler.max(),
      };
      log(
        `  ${result.requests} requests, ${result.throughput} req/s, p95 ${result.latency.p95} ms, errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; RSS ${soak.rssFirstMinuteMiB} → ${soak.rssLastMinuteMiB} MiB (max ${soak.rssMaxMiB})`,
      );
    }

    const serverRssMaxMiB = Math.max(0, ...results.map((r) => r.rssMaxMiB));
    const report: BenchResults = {
      date: new Date().toISOString().slice(0, 10),
      children: heldChildren,
      commit: gitCommit(),
      machine,
      database: size,
      settings: {
        connections,
        seconds,
        warmupSeconds: warmup,
        sqlPool: sqlPoolSize,
        seed,
        territoryCode: fixtures.territoryCode,
        openCasesInTerritory: fixtures.openCases,
        users: {
          coordinator: fixtures.coordinator,
          'social workers': fixtures.socialWorkers.map((w) => w.login).join(', '),
          'focal points': fixtures.focalPoints.map((f) => f.login).join(', '),
        },
      },
      scenarios: results,
      serverRssStartMiB,
      serverRssMaxMiB,
      soak,
      budgets: [],
      budgetsApply: heldChildren >= BUDGET_CHILDREN,
      notes,
    };
    report.budgets = checkBudgets(report);
    const files = await writeResults(path.join(ROOT, 'bench/results'), report);
    log('');
    log(
      toMarkdown(report).split('## Budgets')[1]
        ? `## Budgets${toMarkdown(report).split('## Budgets')[1]}`
        : '',
    );
    log(`Results: ${path.relative(ROOT, files.md)} and ${path.relative(ROOT, files.json)}`);
  } finally {
    // The reports the benchmark recorded are removed, so the generated database stays as generated.
    if (startedAt && staffIds.length) {
      const removed = await pool
        .query('DELETE FROM report WHERE created_by = ANY($1::uuid[]) AND created_at >= $2', [
          staffIds,
          startedAt,
        ])
        .catch(() => ({ rowCount: 0 }));
      if (removed.rowCount) log(`Removed the ${removed.rowCount} reports recorded by the benchmark.`);
    }
    await server?.stop();
    await captureDb?.destroy();
    await sqlPool?.end();
    await pool.end();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
});
