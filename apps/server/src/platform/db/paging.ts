import { type SelectQueryBuilder, sql } from 'kysely';
import type { DbOrTx } from './database';

/** Below this many results a list is counted exactly. */
export const COUNT_BOUND = 1000;

/**
 * The total of a paged list, counted up to a bound that follows the page: exact for what a user
 * pages through, cheap for a province's thousands of rows (an exact count of those cost more than the
 * page itself at national scale). `totalIsLowerBound` says there are more than `total`.
 */
export async function boundedCount<DB, TB extends keyof DB, O>(
  db: DbOrTx,
  query: SelectQueryBuilder<DB, TB, O>,
  page: { limit: number; offset: number; countBound?: number | undefined },
): Promise<{ total: number; totalIsLowerBound: boolean }> {
  const bound = Math.max(page.countBound ?? COUNT_BOUND, page.offset + page.limit * 10);
  const limited = query.select(sql<number>`1`.as('one')).limit(bound + 1);
  const row = await sql<{ n: string }>`SELECT count(*) AS n FROM (${limited}) AS counted`
    .execute(db)
    .then((r) => r.rows[0]);
  const n = Number(row?.n ?? 0);
  return { total: Math.min(n, bound), totalIsLowerBound: n > bound };
}
