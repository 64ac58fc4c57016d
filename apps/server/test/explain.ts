import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import type { Database } from '../src/platform/db/schema';

/** One node of a PostgreSQL plan (EXPLAIN (FORMAT JSON)), with the fields the checks read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

export interface ExplainedQuery {
  sql: string;
  plan: PlanNode;
}

/**
 * Runs every statement as the application does, and before each SELECT asks PostgreSQL how it
 * would run it (EXPLAIN, with the same parameters, on the same connection): the repositories are
 * called unchanged and the plans recorded are those of the SQL they really send.
 */
type PgConnection = Parameters<PostgresDriver['releaseConnection']>[0];

class ExplainingDriver implements Driver {
  private readonly inner: PostgresDriver;
  private readonly wrapped = new WeakMap<DatabaseConnection, PgConnection>();

  constructor(
    pool: pg.Pool,
    private readonly record: (query: ExplainedQuery) => void,
  ) {
    this.inner = new PostgresDriver({ pool });
  }

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = (await this.inner.acquireConnection()) as PgConnection;
    const record = this.record;
    const wrapper: DatabaseConnection = {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        if (/^\s*(select|with)\b/i.test(query.sql)) {
          const explained = await connection.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
            CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
          );
          record({ sql: query.sql, plan: explained.rows[0]!['QUERY PLAN'][0].Plan });
        }
        return connection.executeQuery<R>(query);
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    this.wrapped.set(wrapper, connection);
    return wrapper;
  }

  private unwrap(connection: DatabaseConnection): PgConnection {
    return this.wrapped.get(connection) ?? (connection as PgConnection);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(this.unwrap(connection), settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(this.unwrap(connection));
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(this.unwrap(connection));
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(this.unwrap(connection));
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** A Kysely instance over `databaseUrl` that records the plan of every SELECT it runs. */
export function explainingDb(databaseUrl: string): {
  db: Kysely<Database>;
  /** The queries recorded since the last call, emptied. */
  take(): ExplainedQuery[];
} {
  let recorded: ExplainedQuery[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new ExplainingDriver(pool, (q) => recorded.push(q)),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return {
    db,
    take() {
      const taken = recorded;
      recorded = [];
      return taken;
    },
  };
}

/** Every node of a plan, depth first (sub-plans and init-plans included: they are in `Plans`). */
export function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** The plan as indented text, for a failure message a developer can read. */
export function planText(node: PlanNode, depth = 0): string {
  const what = [
    node['Node Type'],
    node['Relation Name'] ? `on ${node['Relation Name']}` : '',
    node['Index Name'] ? `using ${node['Index Name']}` : '',
    node['Plan Rows'] !== undefined ? `(rows=${node['Plan Rows']})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return [`${'  '.repeat(depth)}${what}`, ...(node.Plans ?? []).map((p) => planText(p, depth + 1))].join(
    '\n',
  );
}
