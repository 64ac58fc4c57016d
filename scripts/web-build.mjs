// Builds the web app when its build is missing or older than its sources, so `npm start` is quick
// after `npm install` and still right after a change.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'apps/web/dist/index.html');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

export function buildWebIfStale({ force = false } = {}) {
  const sources = Math.max(
    newest(path.join(root, 'apps/web')),
    newest(path.join(root, 'packages/domain/src')),
  );
  if (!force && existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the web app…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@madar/web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`)
  buildWebIfStale({ force: process.argv.includes('--force') });
