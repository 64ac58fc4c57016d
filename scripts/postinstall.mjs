// After `npm install`: build the web app once so the first `npm start` is quick. A failure here
// must not break the install of a developer who only works on the server: `npm start` retries.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
if (process.env.MADAR_SKIP_WEB_BUILD !== '1') {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/web-build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) console.warn('The web app could not be built now; `npm start` will try again.');
}
