import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database';

/**
 * Scans every table of the database, row by row as text, for values that must never be stored in
 * clear (children's names, phones, addresses): returns `table: value` for each one found.
 */
export async function findInClear(db: Db, needles: Iterable<string>): Promise<string[]> {
  const wanted = [...new Set(needles)];
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(
      db,
    );
    for (const { row } of rows.rows) {
      for (const needle of wanted) if (row.includes(needle)) found.push(`${table_name}: ${needle}`);
    }
  }
  return found;
}
