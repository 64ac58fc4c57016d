import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '..');

async function waitForReady(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Madar exited (${server.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${url}/api/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Madar did not become ready:\n${output()}`);
}

/** Starts Madar as `npm start` does (built web app, demo mode) on free ports, with a fresh database. */
export default async function setup(project: TestProject) {
  // One directory per run, so two runs on one machine do not share a database.
  const dataDir = path.join(root, '.madar-e2e', `run-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  const port = 3100 + Math.floor(Math.random() * 800);
  let log = '';
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      MADAR_MODE: 'demo',
      PORT: String(port),
      HOST: '127.0.0.1',
      MADAR_DATA_DIR: dataDir,
      MADAR_EMBEDDED_PG_PORT: String(port + 20_000),
      MADAR_LOG_LEVEL: 'warn',
      MADAR_LOGIN_RATE_PER_MINUTE: '1000',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => {
    log += d;
  });
  server.stderr?.on('data', (d) => {
    log += d;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForReady(baseUrl, server, () => log);
  project.provide('baseUrl', baseUrl);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  };
}
