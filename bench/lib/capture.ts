import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * The raw-SQL side of a scenario is the exact SQL the server's service issues for one request:
 * the service is run once in this process against a recording connection pool, and what it sent
 * (statements, parameters, and which ran on the same connection or at the same time) becomes a
 * replay plan that the SQL load runner sends through a plain pg pool. So the ratio API/SQL measures
 * what the HTTP layer, sessions, validation, permissions, decryption and serialisation add, and it
 * follows the repositories when their queries change.
 */
interface Recorded {
  connection: number;
  sql: string;
  params: unknown[];
  start: number;
  end: number;
}

/** Statements run one after the other on one connection (one query, or a whole transaction). */
export interface Chain {
  statements: { sql: string; params: unknown[] }[];
}

/** Chains that overlapped in time (Promise.all in the service) run together; stages run in order. */
export interface ReplayPlan {
  stages: Chain[][];
  /** Parameter values replaced by a fresh UUID at every replay (ids of inserted rows). */
  fresh: string[];
}

export class RecordingPool implements PostgresPool {
  private records: Recorded[] = [];
  private connections = 0;

  constructor(private readonly pool: pg.Pool) {}

  readonly options = {};
  // One wrapper per pg client, as Kysely keeps its connection objects per client.
  private wrappers = new WeakMap<pg.PoolClient, { client: PostgresPoolClient; acquisition: number }>();

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    let wrapper = this.wrappers.get(client);
    if (!wrapper) {
      const state = { client: undefined as unknown as PostgresPoolClient, acquisition: 0 };
      const query = async (sql: string, parameters: readonly unknown[]) => {
        const start = performance.now();
        try {
          return await client.query(sql, [...parameters]);
        } finally {
          this.records.push({
            connection: state.acquisition,
            sql,
            params: [...parameters],
            start,
            end: performance.now(),
          });
        }
      };
      state.client = {
        query,
        release: () => client.release(),
        get processID() {
          return (client as unknown as { processID?: number }).processID;
        },
      } as unknown as PostgresPoolClient;
      wrapper = state;
      this.wrappers.set(client, wrapper);
    }
    // Each acquisition is a chain: what ran on it ran in sequence (a query, or a transaction).
    wrapper.acquisition = ++this.connections;
    return wrapper.client;
  }

  async end(): Promise<void> {
    await this.pool.end();
  }

  /** Runs `work` and returns the plan of the SQL it sent. */
  async capture(work: () => Promise<unknown>, fresh: string[] = []): Promise<ReplayPlan> {
    this.records = [];
    await work();
    const byConnection = new Map<number, Recorded[]>();
    for (const r of this.records) {
      const list = byConnection.get(r.connection) ?? [];
      list.push(r);
      byConnection.set(r.connection, list);
    }
    const chains = [...byConnection.values()]
      .map((list) => list.sort((a, b) => a.start - b.start))
      .map((list) => ({
        start: list[0]!.start,
        end: Math.max(...list.map((r) => r.end)),
        chain: { statements: list.map((r) => ({ sql: r.sql, params: r.params })) },
      }))
      .sort((a, b) => a.start - b.start);
    const stages: { end: number; chains: Chain[] }[] = [];
    for (const c of chains) {
      const last = stages.at(-1);
      if (last && c.start < last.end) {
        last.chains.push(c.chain);
        last.end = Math.max(last.end, c.end);
      } else stages.push({ end: c.end, chains: [c.chain] });
    }
    return { stages: stages.map((s) => s.chains), fresh };
  }
}

/** Sends one plan through a pg pool, as the service did. */
export async function replay(pool: pg.Pool, plan: ReplayPlan): Promise<void> {
  const substitutes = new Map(plan.fresh.map((value) => [value, randomUUID()]));
  const param = (v: unknown) => (typeof v === 'string' && substitutes.has(v) ? substitutes.get(v) : v);
  for (const stage of plan.stages) {
    await Promise.all(
      stage.map(async (chain) => {
        const client = await pool.connect();
        let inTransaction = false;
        try {
          for (const s of chain.statements) {
            if (/^\s*begin\b/i.test(s.sql)) inTransaction = true;
            await client.query(s.sql, substitutes.size ? s.params.map(param) : s.params);
            if (/^\s*(commit|rollback)\b/i.test(s.sql)) inTransaction = false;
          }
        } catch (error) {
          if (inTransaction) await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      }),
    );
  }
}

export function statementCount(plan: ReplayPlan): number {
  return plan.stages.reduce((n, stage) => n + stage.reduce((m, c) => m + c.statements.length, 0), 0);
}
