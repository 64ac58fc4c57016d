import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureDefaultInstrument } from '../src/modules/assessments/repository';
import { ensureDefaultProtocol } from '../src/modules/plans/repository';
import { loadReferenceData } from '../src/modules/territories/repository';
import { createDb } from '../src/platform/db/database';
import { startEmbeddedPostgres } from '../src/platform/db/embedded';
import { migrate } from '../src/platform/db/migrate';

export const TEMPLATE_DATABASE = 'madar_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    templateDatabase: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL for the whole run: the embedded one (fresh, in .madar-test/) unless
 * TEST_DATABASE_URL names a server. A template database is migrated once and cloned per file.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!serverUrl) {
    // One directory per run: two runs on one machine (a developer's and an editor's) do not collide.
    const dataDir = path.resolve('.madar-test', `run-${process.pid}`);
    await rm(dataDir, { recursive: true, force: true });
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: 54000 + Math.floor(Math.random() * 900),
      database: 'postgres',
      persistent: false,
    });
    serverUrl = embedded.connectionString;
    stop = embedded.stop;
  }
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  const templateUrl = withDatabase(serverUrl, TEMPLATE_DATABASE);
  await migrate(templateUrl);
  const { db } = createDb(templateUrl, { max: 2 });
  await loadReferenceData(db);
  await ensureDefaultInstrument(db);
  await ensureDefaultProtocol(db);
  await db.destroy();
  await admin.end();

  project.provide('pgServerUrl', serverUrl);
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  return async () => {
    await stop?.();
    if (stop) await rm(path.resolve('.madar-test', `run-${process.pid}`), { recursive: true, force: true });
  };
}
