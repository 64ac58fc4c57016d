import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The generation workers run a bundle of worker.ts made with esbuild at start, not the sources
 * through tsx: tsx keeps function names (a defineProperty on every closure created), which made
 * the hot loops of simulation, encryption and encoding more than twice slower.
 *
 * The bundle keeps the sources' view of themselves (`import.meta.dirname`, `url`, `filename` are
 * those of each source file: modules read files beside them), and leaves npm packages external,
 * resolved from the server's node_modules where the bundle is written.
 */
const SERVER_DIR = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = path.join(SERVER_DIR, 'node_modules', '.cache', 'madar-generate');

export async function bundleWorker(): Promise<string> {
  const esbuild = await import('esbuild');
  await mkdir(OUT_DIR, { recursive: true });
  const outfile = path.join(OUT_DIR, `worker-${process.pid}.mjs`);
  await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, 'worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'error',
    plugins: [
      {
        name: 'madar-sources',
        setup(build) {
          // Workspace packages (@madar/*) are bundled from source; other packages stay external.
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@madar/') || args.path.startsWith('node:')
              ? undefined
              : { path: args.path, external: true },
          );
          build.onLoad({ filter: /\.ts$/ }, async (args) => {
            const source = await readFile(args.path, 'utf8');
            const contents = source
              .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
              .replaceAll('import.meta.filename', JSON.stringify(args.path))
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
  });
  return outfile;
}
