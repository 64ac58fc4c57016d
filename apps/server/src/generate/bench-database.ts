import path from 'node:path';
import pg from 'pg';
import { ensureDefaultInstrument } from '../modules/assessments/repository';
import { ensureDefaultProtocol } from '../modules/plans/repository';
import { loadReferenceData } from '../modules/territories/repository';
import { createDb } from '../platform/db/database';
import { startEmbeddedPostgres } from '../platform/db/embedded';
import { migrate } from '../platform/db/migrate';

/**
 * The embedded PostgreSQL of generated databases and benchmarks: under `.madar-bench/pg` at the
 * repository's root, port 54329, one database per size (`madar_bench_<N>`). Its data directory is
 * also the MADAR_DATA_DIR the generator and the benchmarked server share, so both derive the same
 * demo keys (see `benchServerEnv`).
 */
export const BENCH_DATA_DIR = path.resolve(import.meta.dirname, '../../../../.madar-bench');
export const BENCH_PG_PORT = 54329;
const PASSWORD = 'madar-embedded';

export const benchDatabaseName = (children: number) => `madar_bench_${children}`;

const serverUrl = (database: string) =>
  `postgres://postgres:${PASSWORD}@127.0.0.1:${BENCH_PG_PORT}/${database}`;

/**
 * Settings for a database of a million children on this machine (24 GiB, 2 cores), written once
 * into the cluster's postgresql.auto.conf: a larger cache for the benchmark, and room for the bulk
 * load (large WAL between checkpoints, memory for index builds).
 */
const SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  effective_cache_size: '12GB',
  maintenance_work_mem: '1GB',
  max_wal_size: '16GB',
  checkpoint_timeout: '30min',
  max_parallel_maintenance_workers: '2',
  random_page_cost: '1.1',
};

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl('postgres'), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Writes SETTINGS; returns whether one needs a restart to apply. */
async function tune(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    let restart = false;
    for (const [name, value] of Object.entries(SETTINGS)) {
      const row = await client.query<{ setting: string; context: string; pending_restart: boolean }>(
        'SELECT setting, context, pending_restart FROM pg_settings WHERE name = $1',
        [name],
      );
      const current = await client.query<{ value: string }>(`SELECT current_setting($1) AS value`, [name]);
      if (current.rows[0]?.value.toLowerCase() === value.toLowerCase()) continue;
      await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
      if (row.rows[0]?.context === 'postmaster') restart = true;
    }
    await client.query('SELECT pg_reload_conf()');
    return restart;
  } finally {
    await client.end();
  }
}

async function ensureDatabase(database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount) return false;
    // Code-point order (as the cluster's libc C.UTF-8), by PostgreSQL's builtin provider: the
    // same order, but compared with memcmp — index builds and lookups on text keys (the blind
    // indexes) several times faster.
    await client.query(
      `CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8'`,
    );
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a benchmark database (a fresh generation). */
export async function dropBenchDatabase(children: number): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${benchDatabaseName(children)}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Makes a database ready for generated data as the server's start would: migrations, reference
 * data, the default assessment instrument and protocol.
 */
export async function prepareDatabase(url: string): Promise<void> {
  await migrate(url);
  const { db } = createDb(url, { max: 2 });
  try {
    await loadReferenceData(db);
    await ensureDefaultInstrument(db);
    await ensureDefaultProtocol(db);
  } finally {
    await db.destroy();
  }
}

export interface BenchDatabase {
  url: string;
  /** Whether the database was just created (empty). */
  created: boolean;
  /** Stops the embedded server if this call started it (a server another process runs is left). */
  stop(): Promise<void>;
}

/**
 * Starts the embedded benchmark PostgreSQL (or reuses the one already running on its port) and
 * returns the database for `children`, created and migrated if missing.
 */
export async function openBenchDatabase(options: {
  children: number;
  log?: (line: string) => void;
}): Promise<BenchDatabase> {
  const database = benchDatabaseName(options.children);
  let stop = async () => {};
  if (!(await reachable())) {
    const start = () =>
      startEmbeddedPostgres({ dataDir: BENCH_DATA_DIR, port: BENCH_PG_PORT, database: 'postgres' });
    let embedded = await start();
    if (await tune()) {
      options.log?.('Restarting the benchmark PostgreSQL with its settings (shared_buffers)…');
      await embedded.stop();
      embedded = await start();
    }
    stop = () => embedded.stop();
  } else {
    await tune();
  }
  const created = await ensureDatabase(database);
  const url = serverUrl(database);
  await prepareDatabase(url);
  return { url, created, stop };
}

/**
 * The environment a Madar server needs to serve a generated benchmark database: the same data
 * directory (hence the same demo keys as the generator), no demo seed, no two-factor step.
 */
export function benchServerEnv(url: string): Record<string, string> {
  return {
    DATABASE_URL: url,
    MADAR_MODE: 'demo',
    MADAR_DATA_DIR: BENCH_DATA_DIR,
    MADAR_DEMO_SEED: 'false',
    MADAR_MFA_REQUIRED_ROLES: 'none',
  };
}
