import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

// bigint (int8) columns stay strings so large identities never lose precision; counts are cast.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// Calendar dates (DATE) stay 'YYYY-MM-DD': a JS Date would shift them by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export function createDb(
  connectionString: string,
  options: { max?: number; applicationName?: string } = {},
): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    // A query that runs away must not hold a connection forever.
    statement_timeout: 30_000,
    // Seen in pg_stat_activity: 'madar' on the primary, 'madar-read' for the replica's pool.
    application_name: options.applicationName ?? 'madar',
  });
  // A dropped idle connection must not crash the server; the pool replaces it.
  pool.on('error', () => {});
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

/** PostgreSQL's unique_violation: two requests racing to create the same thing. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
