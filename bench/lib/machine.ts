import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type pg from 'pg';
import { ROOT } from './server';

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  postgres: string;
}

export async function machineInfo(pool: pg.Pool): Promise<MachineInfo> {
  const version = await pool.query<{ server_version: string }>('SHOW server_version');
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: version.rows[0]?.server_version ?? 'unknown',
  };
}

/** The commit benchmarked (read-only use of git); "unknown" outside a git checkout. */
export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The tables that grow with the number of children, counted exactly. */
export const MAIN_TABLES = [
  'child',
  'child_search_key',
  'protection_case',
  'case_transition',
  'report',
  'report_child',
  'assessment',
  'plan_item',
  'referral_card',
  'referral_message',
  'follow_up',
  'evaluation',
  'institution',
  'app_user',
  'access_log',
] as const;

export interface DatabaseSize {
  bytes: number;
  pretty: string;
  rows: Record<string, number>;
}

export async function databaseSize(pool: pg.Pool): Promise<DatabaseSize> {
  const size = await pool.query<{ bytes: string; pretty: string }>(
    'SELECT pg_database_size(current_database()) AS bytes, pg_size_pretty(pg_database_size(current_database())) AS pretty',
  );
  const present = await pool.query<{ relname: string }>(
    "SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace",
  );
  const tables = new Set(present.rows.map((r) => r.relname));
  const rows: Record<string, number> = {};
  for (const table of MAIN_TABLES) {
    if (!tables.has(table)) continue;
    const count = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    rows[table] = Number(count.rows[0]?.n ?? 0);
  }
  return { bytes: Number(size.rows[0]?.bytes ?? 0), pretty: size.rows[0]?.pretty ?? '', rows };
}
