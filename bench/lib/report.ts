import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadResult } from './load';
import type { DatabaseSize, MachineInfo } from './machine';
import type { ScenarioKey } from './scenarios';
import { round } from './stats';

export interface ScenarioResult {
  key: ScenarioKey;
  title: string;
  /** Distinct requests drawn from (ids, filters, queries, users). */
  variants: number;
  /** SQL statements the service sends per request, on average over the variants. */
  statementsPerRequest: number;
  api: LoadResult;
  sql: LoadResult | null;
  ratio: { p50: number; p95: number } | null;
  rssMaxMiB: number;
  /** The variants whose SQL took longest, replayed once without load. */
  slowestVariants: { request: string; sqlOnceMs: number }[];
}

export interface SoakResult {
  connections: number;
  seconds: number;
  result: LoadResult;
  rss: { at: number; mib: number }[];
  rssFirstMinuteMiB: number;
  rssLastMinuteMiB: number;
  rssMaxMiB: number;
}

export interface BudgetCheck {
  budget: string;
  limit: string;
  measured: string;
  pass: boolean;
  /** By how much it is missed (or the margin), in words. */
  note: string;
}

export interface BenchResults {
  date: string;
  children: number;
  commit: string;
  machine: MachineInfo;
  database: DatabaseSize;
  settings: {
    connections: number;
    seconds: number;
    warmupSeconds: number;
    sqlPool: number;
    seed: number;
    territoryCode: string;
    openCasesInTerritory: number;
    users: Record<string, string>;
  };
  scenarios: ScenarioResult[];
  /** RSS of the server once ready, before any load. */
  serverRssStartMiB: number;
  serverRssMaxMiB: number;
  soak: SoakResult | null;
  budgets: BudgetCheck[];
  /** Budgets of issue 5 are set for 1,000,000 children: at another size they are indicative. */
  budgetsApply: boolean;
  notes: string[];
}

export const BUDGET_CHILDREN = 1_000_000;

function over(measured: number, limit: number, unit: string): string {
  const diff = measured - limit;
  const pct = limit ? Math.round((diff / limit) * 100) : 0;
  return diff <= 0
    ? `${round(-diff, 2)} ${unit} under (${-pct} %)`
    : `missed by ${round(diff, 2)} ${unit} (+${pct} %)`;
}

/** The budgets of issue 5, item 3, checked against the results. */
export function checkBudgets(r: Pick<BenchResults, 'scenarios' | 'serverRssMaxMiB' | 'soak'>): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const scenario = (key: ScenarioKey) => r.scenarios.find((s) => s.key === key);
  const p95 = (key: ScenarioKey, limit: number, label: string) => {
    const s = scenario(key);
    if (!s) return;
    const measured = s.api.latency.p95;
    const failed = s.api.errors + s.api.non2xx;
    checks.push({
      budget: `${label} p95 ≤ ${limit} ms`,
      limit: `${limit} ms`,
      measured: `${measured} ms`,
      pass: measured <= limit && failed === 0,
      note: failed
        ? `${failed} failed requests; ${over(measured, limit, 'ms')}`
        : over(measured, limit, 'ms'),
    });
  };
  p95('caseload', 50, 'Caseload list');
  p95('case_page', 50, 'Child/case page');
  p95('name_search', 100, 'Name search');
  p95('create_report', 100, 'Create report');
  const list = scenario('caseload');
  if (list?.ratio) {
    const worst = Math.max(list.ratio.p50, list.ratio.p95);
    checks.push({
      budget: 'Caseload list: ratio API / raw SQL ≤ 1.5 (p50 and p95)',
      limit: '1.5',
      measured: `p50 ${list.ratio.p50} · p95 ${list.ratio.p95}`,
      pass: worst <= 1.5,
      note: over(worst, 1.5, '×'),
    });
  }
  checks.push({
    budget: 'Server memory ≤ 512 MB RSS (max during the scenarios)',
    limit: '512 MiB',
    measured: `${r.serverRssMaxMiB} MiB`,
    pass: r.serverRssMaxMiB <= 512,
    note: over(r.serverRssMaxMiB, 512, 'MiB'),
  });
  if (r.soak) {
    const s = r.soak;
    const failed = s.result.errors + s.result.timeouts + s.result.non2xx;
    checks.push({
      budget: `Soak: ${s.connections} connections for ${s.seconds >= 120 ? `${Math.round(s.seconds / 60)} min` : `${s.seconds} s`}, zero errors`,
      limit: '0 errors',
      measured: `${failed} errors (${s.result.requests} requests)`,
      pass: failed === 0,
      note: failed ? `statuses ${JSON.stringify(s.result.statuses)}` : 'none',
    });
    const growth = s.rssFirstMinuteMiB ? (s.rssLastMinuteMiB - s.rssFirstMinuteMiB) / s.rssFirstMinuteMiB : 0;
    checks.push({
      budget: 'Soak: flat memory (last-minute RSS ≤ first-minute RSS + 10 %)',
      limit: '+10 %',
      measured: `${s.rssFirstMinuteMiB} → ${s.rssLastMinuteMiB} MiB (${growth >= 0 ? '+' : ''}${round(growth * 100, 1)} %)`,
      pass: growth <= 0.1,
      note: growth <= 0.1 ? 'flat' : `grew ${round(growth * 100, 1)} %`,
    });
    checks.push({
      budget: 'Soak: server memory ≤ 512 MB RSS',
      limit: '512 MiB',
      measured: `${s.rssMaxMiB} MiB`,
      pass: s.rssMaxMiB <= 512,
      note: over(s.rssMaxMiB, 512, 'MiB'),
    });
  }
  return checks;
}

const ms = (n: number) => `${n}`;

export function toMarkdown(r: BenchResults): string {
  const lines: string[] = [];
  lines.push(`# Madar benchmark — ${r.children.toLocaleString('en-US')} children — ${r.date}`);
  lines.push('');
  lines.push(`- Commit: \`${r.commit}\``);
  lines.push(
    `- Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ramGiB} GiB RAM, ${r.machine.os}; Node ${r.machine.node}; PostgreSQL ${r.machine.postgres}`,
  );
  lines.push(
    `- Database: ${r.database.pretty} — ${Object.entries(r.database.rows)
      .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
      .join(', ')}`,
  );
  lines.push(
    `- Load: ${r.settings.connections} concurrent connections over loopback, ${r.settings.seconds} s per scenario after ${r.settings.warmupSeconds} s of warm-up; raw SQL with the same concurrency through a pool of ${r.settings.sqlPool} connections (the server's pool size)`,
  );
  lines.push(
    `- Territory: \`${r.settings.territoryCode}\` (${r.settings.openCasesInTerritory.toLocaleString('en-US')} open cases, the busiest); users: ${Object.entries(
      r.settings.users,
    )
      .map(([role, login]) => `${role} \`${login}\``)
      .join(', ')}`,
  );
  lines.push('');
  lines.push('## Scenarios (latencies in ms)');
  lines.push('');
  lines.push(
    '| scenario | req/s | p50 | p95 | p99 | errors / non-2xx | SQL req/s | SQL p50 | SQL p95 | API/SQL p50 | API/SQL p95 | max RSS MiB |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of r.scenarios) {
    lines.push(
      `| ${s.title} | ${s.api.throughput} | ${ms(s.api.latency.p50)} | ${ms(s.api.latency.p95)} | ${ms(s.api.latency.p99)} | ${s.api.errors + s.api.timeouts} / ${s.api.non2xx} | ${s.sql?.throughput ?? '—'} | ${s.sql ? ms(s.sql.latency.p50) : '—'} | ${s.sql ? ms(s.sql.latency.p95) : '—'} | ${s.ratio?.p50 ?? '—'} | ${s.ratio?.p95 ?? '—'} | ${s.rssMaxMiB} |`,
    );
  }
  lines.push('');
  lines.push(
    `Server RSS: ${r.serverRssStartMiB} MiB once started, **${r.serverRssMaxMiB} MiB** at most during the scenarios.`,
  );
  if (r.scenarios.some((s) => s.slowestVariants.length)) {
    lines.push('');
    lines.push('Slowest variants of each scenario (their SQL replayed once, without load):');
    lines.push('');
    for (const s of r.scenarios) {
      if (!s.slowestVariants.length) continue;
      lines.push(
        `- ${s.title}: ${s.slowestVariants.map((v) => `\`${v.request.replace(/`/g, '')}\` ${v.sqlOnceMs} ms`).join('; ')}`,
      );
    }
  }
  if (r.soak) {
    const s = r.soak;
    lines.push('');
    lines.push(`## Soak: ${s.connections} connections, ${Math.round(s.seconds)} s, the whole mix`);
    lines.push('');
    lines.push(
      `${s.result.requests.toLocaleString('en-US')} requests, ${s.result.throughput} req/s, p50 ${s.result.latency.p50} ms, p95 ${s.result.latency.p95} ms, p99 ${s.result.latency.p99} ms; errors ${s.result.errors}, timeouts ${s.result.timeouts}, non-2xx ${s.result.non2xx}.`,
    );
    lines.push(
      `RSS (every 10 s): first minute ${s.rssFirstMinuteMiB} MiB, last minute ${s.rssLastMinuteMiB} MiB, max ${s.rssMaxMiB} MiB — ${s.rss.map((x) => Math.round(x.mib)).join(', ')}.`,
    );
  }
  lines.push('');
  lines.push(
    `## Budgets (issue 5, item 3)${r.budgetsApply ? '' : ` — set for ${BUDGET_CHILDREN.toLocaleString('en-US')} children; indicative at this size`}`,
  );
  lines.push('');
  lines.push('| budget | measured | result | margin |');
  lines.push('|---|---|---|---|');
  for (const b of r.budgets) {
    lines.push(`| ${b.budget} | ${b.measured} | ${b.pass ? 'pass' : '**FAIL**'} | ${b.note} |`);
  }
  if (r.notes.length) {
    lines.push('');
    lines.push('## Notes');
    lines.push('');
    for (const n of r.notes) lines.push(`- ${n}`);
  }
  lines.push('');
  return lines.join('\n');
}

export async function writeResults(dir: string, r: BenchResults): Promise<{ json: string; md: string }> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, `${r.date}-${r.children}`);
  await writeFile(`${base}.json`, `${JSON.stringify(r, null, 2)}\n`);
  await writeFile(`${base}.md`, toMarkdown(r));
  return { json: `${base}.json`, md: `${base}.md` };
}
