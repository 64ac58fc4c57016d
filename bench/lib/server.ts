import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface BenchServer {
  url: string;
  pid: number;
  logFile: string;
  /** Resident memory of the server process now, in MiB (VmRSS of /proc/<pid>/status). */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts Madar's real server (apps/server/src/main.ts, as `npm start` does) as a child process on a
 * loopback port, with the environment given, and waits until it answers /api/ready.
 */
export async function startBenchServer(options: {
  port: number;
  env: NodeJS.ProcessEnv;
  logDir: string;
}): Promise<BenchServer> {
  await mkdir(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, 'server.log');
  const log = createWriteStream(logFile, { flags: 'w' });
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'apps/server/src/main.ts')],
    {
      cwd: ROOT,
      env: { ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== undefined) {
      throw new Error(
        `the server stopped at start (exit code ${exited}); see ${logFile}:\n${await tail(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become ready in 3 minutes; see ${logFile}`);
    }
    await sleep(250);
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    logFile,
    rss: () => rssMiB(pid),
    stop: async () => {
      if (exited !== undefined) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
      log.end();
    },
  };
}

export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

async function tail(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** Samples a process's RSS at an interval until stopped: the samples, with their time. */
export class RssSampler {
  readonly samples: { at: number; mib: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly server: Pick<BenchServer, 'rss'>,
    private readonly everyMs: number,
  ) {}

  start(): void {
    const sample = () => {
      this.server
        .rss()
        .then((mib) => this.samples.push({ at: Date.now(), mib }))
        .catch(() => {});
    };
    sample();
    this.timer = setInterval(sample, this.everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.samples.push({ at: Date.now(), mib: await this.server.rss().catch(() => Number.NaN) });
  }

  max(): number {
    return Math.max(0, ...this.samples.map((s) => s.mib).filter((n) => Number.isFinite(n)));
  }
}
