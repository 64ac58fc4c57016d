import { sql } from 'kysely';
import type { KeyRing } from './crypto';
import type { Db } from './db/database';
import type { DocumentStore } from './storage';

export interface RotationReport {
  values: Record<string, number>;
  documents: number;
}

const BATCH = 500;

/**
 * Moves every encrypted value to the current master key (the first of MADAR_MASTER_KEYS): data keys
 * are re-wrapped, the data itself is not re-encrypted. Every `*_enc` column of the schema is found
 * from the catalogue, so a new encrypted column is rotated without touching this code. Documents are
 * read and written back through the store. Safe to stop and run again: it only touches values not
 * yet on the current key. Afterwards the old key can be removed from MADAR_MASTER_KEYS.
 */
export async function rotateKeys(
  db: Db,
  keyRing: KeyRing,
  documents: DocumentStore,
  log: (line: string) => void = () => {},
): Promise<RotationReport> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name LIKE '%\\_enc' AND data_type = 'text'
    ORDER BY table_name, column_name`.execute(db);
  const current = `v1.${keyRing.currentKeyId}.%`;
  const report: RotationReport = { values: {}, documents: 0 };
  for (const { table_name, column_name } of columns.rows) {
    const label = `${table_name}.${column_name}`;
    report.values[label] = 0;
    for (;;) {
      const rows = await sql<{ ctid: string; value: string }>`
        SELECT ctid::text AS ctid, ${sql.ref(column_name)} AS value FROM ${sql.table(table_name)}
        WHERE ${sql.ref(column_name)} IS NOT NULL AND ${sql.ref(column_name)} NOT LIKE ${current}
        LIMIT ${BATCH}`.execute(db);
      if (rows.rows.length === 0) break;
      await db.transaction().execute(async (tx) => {
        for (const row of rows.rows) {
          await sql`UPDATE ${sql.table(table_name)} SET ${sql.ref(column_name)} = ${keyRing.rewrap(row.value)}
            WHERE ctid = ${row.ctid}::tid AND ${sql.ref(column_name)} = ${row.value}`.execute(tx);
        }
      });
      report.values[label] += rows.rows.length;
    }
    log(`${label}: ${report.values[label]} value(s) re-wrapped`);
  }
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db
      .selectFrom('case_record')
      .select(['id', 'storage_key'])
      .where('storage_key', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      await documents.put(row.storage_key!, await documents.get(row.storage_key!));
      report.documents++;
    }
    after = rows.at(-1)!.id;
  }
  log(`documents: ${report.documents} re-encrypted with the current key`);
  return report;
}
