import { readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { casablancaDate } from '@madar/domain';
import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '../platform/auth/passwords';
import { loadConfig } from '../platform/config';
import { KeyRing } from '../platform/crypto';
import { createDb, type Db } from '../platform/db/database';
import type { Database } from '../platform/db/schema';
import { BENCH_DATA_DIR, dropBenchDatabase, openBenchDatabase, prepareDatabase } from './bench-database';
import { bundleWorker } from './bundle';
import { BENCH_PASSWORD, buildContext, contactTitleOf, type GenerationContext } from './context';
import { type EncodedBatch, encodeBatch, fillNumbers } from './encode';
import { Rng } from './random';
import { TABLE_ORDER, TABLES, type TableName } from './rows';
import { type BatchSpec, HISTORY_YEARS, simulateBatch } from './simulate';
import type { WorkerInit } from './worker';

/**
 * `npm run generate -- --children N`: a national-scale synthetic database, stored exactly as the
 * application stores its data (KeyRing envelopes, blind indexes, codes from the same sequences),
 * loaded with COPY in batches that each commit with their progress, so `--resume` continues from
 * the last finished batch and a resumed run equals an uninterrupted one.
 */

export interface GenerateOptions {
  children: number;
  seed?: number;
  /** The target database; else DATABASE_URL; else the embedded benchmark PostgreSQL. */
  databaseUrl?: string | undefined;
  /** Continue an interrupted generation. */
  resume?: boolean;
  /** Embedded benchmark database only: drop it and start again. */
  fresh?: boolean;
  batchSize?: number;
  /** Worker threads (0: everything on the main thread). */
  workers?: number;
  /** The generation date (YYYY-MM-DD); today in Morocco by default. */
  today?: string;
  /**
   * Bulk-load tuning: indexes that no constraint of another table needs are dropped during the load
   * and rebuilt at the end, and foreign-key triggers are off for the loading session (superuser
   * only). Off, every row is checked by PostgreSQL as it arrives (tests).
   */
  bulk?: boolean;
  /** Load at most this many batches in this run, then stop (to continue later with `resume`). */
  stopAfterBatches?: number;
  /** The environment the keys come from (as the server's loadConfig reads it). */
  env?: NodeJS.ProcessEnv;
  onProgress?: (progress: GenerationProgress) => void;
  log?: (line: string) => void;
}

export interface GenerationProgress {
  batch: number;
  batches: number;
  children: number;
  totalChildren: number;
  elapsedSeconds: number;
  childrenPerSecond: number;
  etaSeconds: number;
}

export interface GenerationResult {
  databaseUrl: string;
  children: number;
  seed: number;
  today: string;
  batches: number;
  /** Rows per table (all batches, also those of an earlier, resumed run). */
  counts: Record<string, number>;
  /** Seconds of this run: loading, then rebuilding indexes. */
  seconds: { load: number; indexes: number; total: number };
  alreadyDone: boolean;
  /** False when the run stopped before the last batch (stopAfterBatches). */
  finished: boolean;
}

export const DEFAULT_SEED = 42;

/**
 * The order batches are loaded in: old and recent ones alternately. Old batches (closed cases with
 * their whole history) weigh on the workers, recent ones on PostgreSQL less than on the workers;
 * alternating them keeps both cores busy. Within each half the order is chronological, so codes
 * of a territory and year still follow registration order (but at the halves' seam).
 */
export function loadOrder(batches: number): number[] {
  const half = Math.ceil(batches / 2);
  const order: number[] = [];
  for (let k = 0; k < half; k++) {
    order.push(k);
    if (half + k < batches) order.push(half + k);
  }
  return order;
}

/**
 * Children per batch: a thousand (larger batches made the workers' garbage collection dearer, and
 * each batch is a commit to resume from), fewer for small generations so they still have batches.
 */
export function defaultBatchSize(children: number): number {
  return Math.max(100, Math.min(1000, Math.ceil(children / 20)));
}

/** The keys the application would use with this environment (demo keys of the bench data dir by default). */
export function generationKeyRing(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig({ ...env, MADAR_DATA_DIR: env.MADAR_DATA_DIR || BENCH_DATA_DIR });
  return { config, keyRing: new KeyRing(config.masterKeys, config.indexKey) };
}

const KEY_CHECK_AAD = 'madar_generation.key_check';
const KEY_CHECK = 'madar-generation-key-check';

// ---------------------------------------------------------------------------------------------
// The generation's own bookkeeping (not an application table)
// ---------------------------------------------------------------------------------------------

const GENERATION_TABLE = `
CREATE TABLE IF NOT EXISTS madar_generation (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  children int NOT NULL,
  seed bigint NOT NULL,
  batch_size int NOT NULL,
  today date NOT NULL,
  batches int NOT NULL,
  completed_batches int NOT NULL DEFAULT 0,
  -- A value encrypted and a blind index computed with the generation's keys: a server (or a
  -- resumed run) with other keys is told so instead of failing on every child.
  key_check text NOT NULL,
  index_check text NOT NULL,
  -- Indexes and constraints dropped for the load, rebuilt at the end.
  dropped jsonb NOT NULL DEFAULT '[]',
  -- The accounts the benchmark signs in with (password ${BENCH_PASSWORD}).
  accounts jsonb NOT NULL,
  counts jsonb NOT NULL DEFAULT '{}',
  load_seconds double precision NOT NULL DEFAULT 0,
  index_seconds double precision,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
)`;

interface GenerationRow {
  children: number;
  seed: string;
  batch_size: number;
  today: string;
  batches: number;
  completed_batches: number;
  key_check: string;
  index_check: string;
  dropped: Dropped[];
  counts: Record<string, number>;
  load_seconds: number;
  index_seconds: number | null;
  finished_at: Date | null;
}

interface Dropped {
  table: string;
  name: string;
  /** CREATE INDEX … for an index; the constraint's definition for a constraint. */
  definition: string;
  constraint: boolean;
  rows?: number;
}

export interface BenchAccount {
  login: string;
  roles: string[];
  territoryCode: string | null;
  institutionId: string | null;
  institutionType: string | null;
}

/** The accounts of a generated database (all with the password BENCH_PASSWORD). */
export function accountsOf(context: GenerationContext): BenchAccount[] {
  const types = new Map(
    context.territories.flatMap((t) => t.institutions.map((i) => [i.id, i.type] as const)),
  );
  return context.users.map((u) => ({
    login: u.login,
    roles: u.roles,
    territoryCode: u.territoryCode,
    institutionId: u.institutionId,
    institutionType: u.institutionId ? (types.get(u.institutionId) ?? null) : null,
  }));
}

/** Whether a KeyRing is the one a database was generated with (a server must run with it). */
export async function checkGenerationKeys(client: pg.ClientBase, keyRing: KeyRing): Promise<boolean> {
  const row = await client.query<{ key_check: string; index_check: string }>(
    'SELECT key_check, index_check FROM madar_generation',
  );
  const check = row.rows[0];
  if (!check) return false;
  try {
    return (
      keyRing.decrypt(check.key_check, KEY_CHECK_AAD) === KEY_CHECK &&
      keyRing.blindIndex('madar_generation', KEY_CHECK) === check.index_check
    );
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The context: territories' DTIPEs, actor map, accounts
// ---------------------------------------------------------------------------------------------

/** Inserts the context and, in the same transaction, the generation's own row (`record`). */
async function insertContext(
  db: Db,
  context: GenerationContext,
  today: string,
  record: (tx: Transaction<Database>) => Promise<unknown>,
) {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const rng = new Rng('context-details', context.seed);
  const established = `${Number(today.slice(0, 4)) - HISTORY_YEARS}-01-01`;
  await db.transaction().execute(async (tx) => {
    const chunks = <T>(rows: T[], size = 500) =>
      Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, k * size + size));
    await tx
      .insertInto('dtipe')
      .values(context.territories.map((t) => ({ territory_code: t.code, established_on: established })))
      .onConflict((oc) => oc.column('territory_code').doNothing())
      .execute();
    await tx
      .insertInto('commune')
      .values(
        context.territories.map((t) => ({
          id: t.communeId,
          territory_code: t.code,
          name_fr: t.cityFr,
          name_ar: t.cityAr,
        })),
      )
      .execute();
    const institutions = context.territories.flatMap((t) =>
      t.institutions.map((i, k) => ({
        id: i.id,
        name_ar: i.nameAr,
        name_fr: i.nameFr,
        sector_code: i.sector,
        type: i.type,
        territory_code: t.code,
        address: `${t.cityFr} | ${t.cityAr}`,
        commune_id: t.communeId,
        latitude: Math.round((t.lat + rng.between(-0.02, 0.02)) * 1e5) / 1e5,
        longitude: Math.round((t.lng + rng.between(-0.02, 0.02)) * 1e5) / 1e5,
        opening_hours: 'Lun.–ven. 8h30–16h30 | الإثنين–الجمعة 8:30–16:30',
        phone: `${t.area}${String(100_000 + k * 1111 + rng.int(0, 999)).padStart(6, '0')}`,
        fax: rng.chance(0.4) ? `${t.area}${String(rng.int(100_000, 999_999))}` : null,
        email: `${i.type.replace(/_/g, '-')}.${k + 1}.${t.code}@bench.madar.ma`,
        website: null,
      })),
    );
    for (const chunk of chunks(institutions)) await tx.insertInto('institution').values(chunk).execute();
    const services = context.territories.flatMap((t) =>
      t.institutions.flatMap((i) => i.services.map((code) => ({ institution_id: i.id, service_code: code }))),
    );
    for (const chunk of chunks(services)) await tx.insertInto('institution_service').values(chunk).execute();
    const users = context.users.map((u) => ({
      id: u.id,
      login: u.login,
      full_name: u.fullName,
      email: `${u.login}@bench.madar.ma`,
      phone: null,
      institution_id: u.institutionId,
      territory_code: u.territoryCode,
      roles: u.roles,
      preferred_language: rng.chance(0.3) ? ('fr' as const) : ('ar' as const),
      password_hash: passwordHash,
      must_change_password: false,
      is_demo: false,
    }));
    for (const chunk of chunks(users)) await tx.insertInto('app_user').values(chunk).execute();
    const names = new Map(context.users.map((u) => [u.id, u]));
    const contacts = context.territories.flatMap((t) =>
      t.institutions.flatMap((i) => {
        const account = names.get(i.focalUserId ?? (i.type === 'cape' ? t.coordinatorId : ''));
        return account
          ? [
              {
                institution_id: i.id,
                name: account.fullName,
                title: contactTitleOf(i.type),
                phone: `06${String(rng.int(10_000_000, 99_999_999))}`,
                email: `${account.login}@bench.madar.ma`,
                user_id: account.id,
              },
            ]
          : [];
      }),
    );
    for (const chunk of chunks(contacts)) await tx.insertInto('institution_contact').values(chunk).execute();
    await record(tx);
  });
}

// ---------------------------------------------------------------------------------------------
// Bulk loading
// ---------------------------------------------------------------------------------------------

async function droppable(client: pg.ClientBase): Promise<Dropped[]> {
  const rows = await client.query<{
    table: string;
    name: string;
    index_def: string;
    conname: string | null;
    condef: string | null;
    referenced: boolean;
  }>(
    `SELECT c.relname AS table, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS index_def,
            con.conname, pg_get_constraintdef(con.oid) AS condef,
            EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid) AS referenced
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
      WHERE n.nspname = 'public' AND c.relname = ANY($1)
      ORDER BY c.relname, ic.relname`,
    [[...TABLE_ORDER]],
  );
  return rows.rows
    .filter((r) => !r.referenced)
    .map((r) =>
      r.conname
        ? { table: r.table, name: r.conname, definition: r.condef!, constraint: true }
        : { table: r.table, name: r.name, definition: r.index_def, constraint: false },
    );
}

async function dropIndexes(client: pg.ClientBase, dropped: Dropped[]) {
  for (const d of dropped) {
    await client.query(
      d.constraint
        ? `ALTER TABLE ${q(d.table)} DROP CONSTRAINT IF EXISTS ${q(d.name)}`
        : `DROP INDEX IF EXISTS ${q(d.name)}`,
    );
  }
}

const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Rebuilds the dropped indexes on two connections, largest tables first. */
async function rebuildIndexes(url: string, dropped: Dropped[], log: (line: string) => void) {
  const sizes = new Map<string, number>();
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  try {
    for (const table of new Set(dropped.map((d) => d.table))) {
      const r = await probe.query<{ n: string }>('SELECT pg_relation_size($1::regclass)::text AS n', [table]);
      sizes.set(table, Number(r.rows[0]!.n));
    }
  } finally {
    await probe.end();
  }
  const queue = [...dropped].sort((a, b) => (sizes.get(b.table) ?? 0) - (sizes.get(a.table) ?? 0));
  const work = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("SET maintenance_work_mem = '1GB'");
      await client.query('SET max_parallel_maintenance_workers = 0');
      for (let d = queue.shift(); d; d = queue.shift()) {
        const started = Date.now();
        const exists = await client.query(
          d.constraint
            ? 'SELECT 1 FROM pg_constraint WHERE conname = $1 AND conrelid = $2::regclass'
            : "SELECT 1 FROM pg_class WHERE relname = $1 AND relkind = 'i' AND $2 <> ''",
          [d.name, d.table],
        );
        if (exists.rowCount) continue;
        await client.query(
          d.constraint
            ? `ALTER TABLE ${q(d.table)} ADD CONSTRAINT ${q(d.name)} ${d.definition}`
            : d.definition,
        );
        log(`  ${d.name} rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all([work(), work()]);
}

async function copyInto(client: pg.ClientBase, table: TableName, data: Uint8Array) {
  if (data.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${q(table)} (${TABLES[table].join(', ')}) FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
}

/** CPU seconds the loading connection's PostgreSQL process uses from now (when it runs on this machine). */
async function backendCpu(client: pg.ClientBase): Promise<() => Promise<number | null>> {
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const read = async () => {
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return null;
    }
  };
  const start = await read();
  return async () => {
    const end = await read();
    return start === null || end === null ? null : end - start;
  };
}

const SEQUENCE_TABLES: Partial<Record<TableName, string>> = {
  child: 'child_code_sequence',
  referral_card: 'referral_card_sequence',
};

async function loadSequences(client: pg.ClientBase, table: string): Promise<Map<string, number>> {
  const rows = await client.query<{ territory_code: string; year: number; last_value: number }>(
    `SELECT territory_code, year, last_value FROM ${q(table)}`,
  );
  return new Map(rows.rows.map((r) => [`${r.territory_code}|${r.year}`, r.last_value]));
}

/** Loads one batch in one transaction, with the sequences it moved and the progress it makes. */
async function loadBatch(
  client: pg.ClientBase,
  encoded: EncodedBatch,
  completed: number,
  counters: Map<string, Map<string, number>>,
  counts: Record<string, number>,
  loadSeconds: number,
) {
  const moved = new Map<string, Map<string, number>>();
  for (const table of encoded.tables) {
    const sequenceTable = SEQUENCE_TABLES[table.table];
    if (sequenceTable) moved.set(sequenceTable, fillNumbers(table, counters.get(sequenceTable)!));
  }
  await client.query('BEGIN');
  try {
    for (const table of encoded.tables) {
      await copyInto(client, table.table, table.data);
      counts[table.table] = (counts[table.table] ?? 0) + table.rows;
    }
    for (const [table, values] of moved) {
      if (values.size === 0) continue;
      const entries = [...values];
      await client.query(
        `INSERT INTO ${q(table)} (territory_code, year, last_value)
         SELECT * FROM unnest($1::text[], $2::int[], $3::int[])
         ON CONFLICT (territory_code, year) DO UPDATE SET last_value = EXCLUDED.last_value`,
        [
          entries.map(([k]) => k.split('|')[0]),
          entries.map(([k]) => Number(k.split('|')[1])),
          entries.map(([, v]) => v),
        ],
      );
    }
    await client.query('UPDATE madar_generation SET completed_batches = $1, counts = $2, load_seconds = $3', [
      completed,
      JSON.stringify(counts),
      loadSeconds,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Workers
// ---------------------------------------------------------------------------------------------

interface Producer {
  produce(spec: BatchSpec): Promise<EncodedBatch>;
  close(): Promise<void>;
}

function inlineProducer(context: GenerationContext, keyRing: KeyRing): Producer {
  return {
    produce: async (spec) => encodeBatch(spec.batch, simulateBatch(context, spec), keyRing),
    close: async () => {},
  };
}

function workerProducer(count: number, init: WorkerInit, script: string): Producer {
  const idle: Worker[] = [];
  const waiting: (() => void)[] = [];
  const all: Worker[] = [];
  for (let k = 0; k < count; k++) {
    const worker = new Worker(script, { workerData: init, execArgv: [] });
    worker.unref();
    all.push(worker);
    idle.push(worker);
  }
  const take = async (): Promise<Worker> => {
    while (idle.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    return idle.pop()!;
  };
  return {
    async produce(spec) {
      const worker = await take();
      try {
        return await new Promise<EncodedBatch>((resolve, reject) => {
          const onMessage = (message: { ok: true; encoded: EncodedBatch } | { ok: false; error: string }) => {
            worker.off('error', onError);
            if (message.ok) resolve(message.encoded);
            else reject(new Error(message.error));
          };
          const onError = (error: Error) => {
            worker.off('message', onMessage);
            reject(error);
          };
          worker.once('message', onMessage);
          worker.once('error', onError);
          worker.postMessage(spec);
        });
      } finally {
        idle.push(worker);
        waiting.shift()?.();
      }
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The generation
// ---------------------------------------------------------------------------------------------

export async function generateNational(options: GenerateOptions): Promise<GenerationResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const children = options.children;
  if (!Number.isInteger(children) || children < 1) throw new Error('--children must be a positive integer');
  const seed = options.seed ?? DEFAULT_SEED;
  const batchSize = options.batchSize ?? defaultBatchSize(children);
  const batches = Math.ceil(children / batchSize);
  const bulk = options.bulk ?? true;
  const env = options.env ?? process.env;

  let databaseUrl = options.databaseUrl ?? (env.DATABASE_URL || undefined);
  let stop = async () => {};
  if (!databaseUrl) {
    if (options.fresh) {
      const probe = await openBenchDatabase({ children, log });
      await dropBenchDatabase(children);
      await probe.stop();
    }
    const bench = await openBenchDatabase({ children, log });
    databaseUrl = bench.url;
    stop = bench.stop;
  } else {
    if (options.fresh) throw new Error('--fresh only applies to the embedded benchmark database');
    await prepareDatabase(databaseUrl);
  }

  const { keyRing } = generationKeyRing(env);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'madar-generate' });
  await client.connect();
  const { db } = createDb(databaseUrl, { max: 2 });
  let producer: Producer | undefined;
  let script: string | undefined;
  try {
    await client.query(GENERATION_TABLE);
    const existing = (await client.query<GenerationRow>('SELECT * FROM madar_generation')).rows[0];
    const today = existing ? String(existing.today).slice(0, 10) : (options.today ?? casablancaDate());
    const context = buildContext(seed);
    if (existing) {
      const same =
        existing.children === children && Number(existing.seed) === seed && existing.batch_size === batchSize;
      if (!same) {
        throw new Error(
          `This database holds a generation of ${existing.children} children (seed ${existing.seed}, batches of ${existing.batch_size}): use another database or --fresh.`,
        );
      }
      if (!(await checkGenerationKeys(client, keyRing))) {
        throw new Error(
          'This database was generated with other keys (MADAR_MASTER_KEYS/MADAR_INDEX_KEY or MADAR_DATA_DIR differ).',
        );
      }
      if (existing.finished_at) {
        log(`Already generated: ${children} children (seed ${seed}).`);
        return {
          databaseUrl,
          children,
          seed,
          today,
          batches,
          counts: existing.counts,
          seconds: { load: existing.load_seconds, indexes: existing.index_seconds ?? 0, total: 0 },
          alreadyDone: true,
          finished: true,
        };
      }
      if (!options.resume) {
        throw new Error(
          `A generation stopped after batch ${existing.completed_batches}/${existing.batches}: run again with --resume (or --fresh).`,
        );
      }
      log(`Resuming after batch ${existing.completed_batches}/${batches}.`);
    } else {
      const used = await client.query('SELECT 1 FROM app_user LIMIT 1');
      if (used.rowCount) {
        throw new Error('The database already has accounts: generate into an empty database.');
      }
      log(
        `Preparing ${context.territories.length} territories, their actor maps and ${context.users.length} accounts…`,
      );
      await insertContext(db, context, today, (tx) =>
        sql`INSERT INTO madar_generation (children, seed, batch_size, today, batches, key_check, index_check, accounts)
            VALUES (${children}, ${seed}, ${batchSize}, ${today}, ${batches}, ${keyRing.encrypt(KEY_CHECK, KEY_CHECK_AAD)},
                    ${keyRing.blindIndex('madar_generation', KEY_CHECK)}, ${JSON.stringify(accountsOf(context))})`.execute(
          tx,
        ),
      );
    }
    const state = (await client.query<GenerationRow>('SELECT * FROM madar_generation')).rows[0]!;

    if (bulk) {
      let dropped = state.dropped;
      if (dropped.length === 0 && state.completed_batches === 0) {
        dropped = await droppable(client);
        await client.query('UPDATE madar_generation SET dropped = $1', [JSON.stringify(dropped)]);
      }
      await dropIndexes(client, dropped);
      await client.query('SET synchronous_commit = off');
      try {
        // Rows are consistent by construction; PostgreSQL checks them in tests (bulk: false).
        await client.query('SET session_replication_role = replica');
      } catch {
        log('  (not a superuser: foreign keys are checked row by row, the load is slower)');
      }
    }

    const counters = new Map<string, Map<string, number>>();
    for (const table of Object.values(SEQUENCE_TABLES))
      counters.set(table, await loadSequences(client, table));
    const workers = options.workers ?? Math.min(2, availableParallelism());
    if (workers > 0) {
      const { config } = generationKeyRing(env);
      script = await bundleWorker();
      producer = workerProducer(
        workers,
        {
          context,
          masterKeys: config.masterKeys.map((k) => ({ id: k.id, key: new Uint8Array(k.key) })),
          indexKey: new Uint8Array(config.indexKey),
        },
        script,
      );
    } else producer = inlineProducer(context, keyRing);

    const counts = { ...state.counts };
    const first = state.completed_batches;
    const loadStarted = Date.now();
    const previousLoad = state.load_seconds;
    const order = loadOrder(batches);
    const spec = (position: number): BatchSpec => ({
      seed,
      batch: order[position]!,
      batchSize,
      children,
      today,
    });
    const inFlight = new Map<number, Promise<EncodedBatch>>();
    let next = first;
    const fill = () => {
      while (next < last && inFlight.size < Math.max(2, workers * 3)) {
        const promise = producer!.produce(spec(next));
        promise.catch(() => {});
        inFlight.set(next, promise);
        next++;
      }
    };
    const sizeOf = (batch: number) => Math.min(batchSize, children - batch * batchSize);
    const alreadyLoaded = order.slice(0, first).reduce((n, b) => n + sizeOf(b), 0);
    let loadedChildren = alreadyLoaded;
    const last = Math.min(batches, first + (options.stopAfterBatches ?? batches));
    let waiting = 0;
    let copying = 0;
    let workerCpu = 0;
    const backend = await backendCpu(client);
    const mainCpu = process.threadCpuUsage();
    for (let batch = first; batch < last; batch++) {
      fill();
      const waitStarted = Date.now();
      const encoded = await inFlight.get(batch)!;
      inFlight.delete(batch);
      fill();
      const copyStarted = Date.now();
      waiting += copyStarted - waitStarted;
      workerCpu += encoded.cpuSeconds ?? 0;
      await loadBatch(
        client,
        encoded,
        batch + 1,
        counters,
        counts,
        previousLoad + (copyStarted - loadStarted) / 1000,
      );
      copying += Date.now() - copyStarted;
      loadedChildren += sizeOf(order[batch]!);
      const seconds = (Date.now() - loadStarted) / 1000;
      const rate = (loadedChildren - alreadyLoaded) / Math.max(seconds, 0.001);
      options.onProgress?.({
        batch: batch + 1,
        batches,
        children: loadedChildren,
        totalChildren: children,
        elapsedSeconds: seconds,
        childrenPerSecond: rate,
        etaSeconds: (children - loadedChildren) / Math.max(rate, 0.001),
      });
    }
    await producer.close();
    producer = undefined;
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const backendSeconds = (await backend()) ?? Number.NaN;
    const mainUsed = process.threadCpuUsage(mainCpu);
    log(
      `Loaded in ${loadSeconds.toFixed(1)} s: ${(copying / 1000).toFixed(1)} s writing to PostgreSQL` +
        `${Number.isNaN(backendSeconds) ? '' : ` (its process: ${backendSeconds.toFixed(1)} s of CPU)`}, ` +
        `${(waiting / 1000).toFixed(1)} s waiting for the workers` +
        `${workerCpu ? ` (their threads: ${workerCpu.toFixed(1)} s of CPU)` : ''}; ` +
        `this thread: ${((mainUsed.user + mainUsed.system) / 1e6).toFixed(1)} s of CPU.`,
    );

    if (last < batches) {
      log(`Stopped after batch ${last}/${batches}: run again with --resume to continue.`);
      return {
        databaseUrl,
        children,
        seed,
        today,
        batches,
        counts,
        seconds: { load: loadSeconds, indexes: 0, total: (Date.now() - started) / 1000 },
        alreadyDone: false,
        finished: false,
      };
    }
    const indexStarted = Date.now();
    if (bulk) {
      const dropped = (await client.query<GenerationRow>('SELECT dropped FROM madar_generation')).rows[0]!
        .dropped;
      if (dropped.length) {
        log(`Rebuilding ${dropped.length} indexes and constraints…`);
        await rebuildIndexes(databaseUrl, dropped, log);
      }
    }
    await client.query('RESET session_replication_role').catch(() => {});
    log('Analysing tables…');
    await client.query(
      `ANALYZE ${[...TABLE_ORDER, 'app_user', 'institution', 'institution_service'].map(q).join(', ')}`,
    );
    const indexSeconds = (Date.now() - indexStarted) / 1000;
    await client.query(
      'UPDATE madar_generation SET finished_at = now(), index_seconds = $1, load_seconds = $2',
      [indexSeconds, previousLoad + loadSeconds],
    );
    return {
      databaseUrl,
      children,
      seed,
      today,
      batches,
      counts,
      seconds: { load: loadSeconds, indexes: indexSeconds, total: (Date.now() - started) / 1000 },
      alreadyDone: false,
      finished: true,
    };
  } finally {
    await producer?.close();
    if (script) await rm(script, { force: true });
    await db.destroy();
    await client.end();
    await stop();
  }
}
