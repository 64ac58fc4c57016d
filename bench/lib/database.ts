import pg from 'pg';
import {
  BENCH_DATA_DIR,
  benchServerEnv,
  openBenchDatabase,
} from '../../apps/server/src/generate/bench-database';
import { BENCH_PASSWORD } from '../../apps/server/src/generate/context';
import {
  checkGenerationKeys,
  type GenerationProgress,
  generateNational,
  generationKeyRing,
} from '../../apps/server/src/generate/index';

export interface PreparedDatabase {
  url: string;
  /** Password of the users: the generator's for a generated database. */
  password: string;
  /** Whether the database is a generated one (it has the generator's bookkeeping). */
  generated: boolean;
  /** Environment the server needs to read the data: the keys the generator encrypted with. */
  serverEnv: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * The database to benchmark: the generated one of that size — generated, or resumed, first when it
 * is missing or incomplete — or the one given by --database-url, used as it is.
 */
export async function prepareDatabase(options: {
  children: number;
  seed: number;
  databaseUrl: string | undefined;
  log: (message: string) => void;
}): Promise<PreparedDatabase> {
  let url: string;
  let stop = async () => {};
  if (options.databaseUrl) {
    url = options.databaseUrl;
  } else {
    const db = await openBenchDatabase({ children: options.children, log: options.log });
    url = db.url;
    stop = db.stop;
    try {
      let last = 0;
      const result = await generateNational({
        databaseUrl: url,
        children: options.children,
        seed: options.seed,
        resume: true,
        log: (line) => options.log(`  ${line}`),
        onProgress: (p: GenerationProgress) => {
          if (Date.now() - last < 5000 && p.batch !== p.batches) return;
          last = Date.now();
          options.log(
            `  generated ${p.children}/${p.totalChildren} children (${Math.round(p.childrenPerSecond)}/s, ${Math.round(p.etaSeconds)} s left)`,
          );
        },
      });
      if (!result.alreadyDone) options.log(`  generated in ${Math.round(result.seconds.total)} s`);
    } catch (error) {
      await stop();
      throw error;
    }
  }

  // A generated database is read with the generator's keys (its data directory's demo keys unless
  // MADAR_MASTER_KEYS/MADAR_INDEX_KEY are set), without demo seed or two-factor step.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const generation = await client.query(
      "SELECT 1 FROM pg_class WHERE relname = 'madar_generation' AND relnamespace = 'public'::regnamespace",
    );
    if (!generation.rowCount) {
      return { url, password: BENCH_PASSWORD, generated: false, serverEnv: { ...process.env }, stop };
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...benchServerEnv(url),
      MADAR_DATA_DIR: process.env.MADAR_DATA_DIR || BENCH_DATA_DIR,
    };
    if (!(await checkGenerationKeys(client, generationKeyRing(env).keyRing))) {
      throw new Error(
        'This database was generated with other keys: set the MADAR_DATA_DIR or MADAR_MASTER_KEYS/MADAR_INDEX_KEY it was generated with.',
      );
    }
    const finished = await client.query('SELECT 1 FROM madar_generation WHERE finished_at IS NOT NULL');
    if (!finished.rowCount) throw new Error('This database holds an unfinished generation: resume it first.');
    return { url, password: BENCH_PASSWORD, generated: true, serverEnv: env, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * A freshly loaded table has no visibility map yet: index-only scans then read the table anyway, and
 * autovacuum would set it in the middle of a run. Tables mostly not all-visible are vacuumed first.
 */
export async function ensureVacuumed(url: string, log: (message: string) => void): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const stale = await client.query<{ relname: string }>(
      `SELECT relname FROM pg_class
        WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace
          AND relpages > 1000 AND relallvisible < relpages * 0.9
        ORDER BY relpages DESC`,
    );
    for (const { relname } of stale.rows) {
      log(`  VACUUM (ANALYZE) ${relname}…`);
      await client.query(`VACUUM (ANALYZE) "${relname}"`);
    }
    return stale.rows.map((r) => r.relname);
  } finally {
    await client.end();
  }
}
