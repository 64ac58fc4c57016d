import type pg from 'pg';
import type { ReplayPlan } from './capture';

export interface ExplainedStatement {
  sql: string;
  params: unknown[];
  plan: string;
}

const READ = /^\s*(select|with)\b/i;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the reads of a captured request (writes are not run again), so a
 * slow scenario comes with the plans PostgreSQL chose at this size.
 */
export async function explainPlan(pool: pg.Pool, plan: ReplayPlan): Promise<ExplainedStatement[]> {
  const out: ExplainedStatement[] = [];
  for (const stage of plan.stages) {
    for (const chain of stage) {
      for (const s of chain.statements) {
        if (!READ.test(s.sql)) continue;
        const result = await pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${s.sql}`,
          s.params,
        );
        out.push({ sql: s.sql, params: s.params, plan: result.rows.map((r) => r['QUERY PLAN']).join('\n') });
      }
    }
  }
  return out;
}

export function explainMarkdown(
  title: string,
  sections: { scenario: string; variant: string; sqlOnceMs: number; statements: ExplainedStatement[] }[],
): string {
  const lines = [`# ${title}`, ''];
  for (const s of sections) {
    lines.push(`## ${s.scenario} — \`${s.variant}\` (its SQL: ${s.sqlOnceMs} ms once, unloaded)`, '');
    for (const st of s.statements) {
      lines.push('```sql', st.sql.trim(), '```', '');
      if (st.params.length) lines.push(`Parameters: \`${JSON.stringify(st.params).slice(0, 400)}\``, '');
      lines.push('```', st.plan, '```', '');
    }
  }
  return lines.join('\n');
}
