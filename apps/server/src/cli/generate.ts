// `npm run generate -- --children N [--seed 42] [--database-url URL] [--resume] [--fresh]`:
// national-scale synthetic data (see src/generate). Without --database-url or DATABASE_URL the
// data goes to the embedded benchmark PostgreSQL (.madar-bench/, database madar_bench_<N>).
import { parseArgs } from 'node:util';
import { BENCH_PASSWORD } from '../generate/context';
import { DEFAULT_SEED, generateNational } from '../generate/index';

const { values } = parseArgs({
  options: {
    children: { type: 'string' },
    seed: { type: 'string' },
    'database-url': { type: 'string' },
    resume: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    workers: { type: 'string' },
    today: { type: 'string' },
    'no-bulk': { type: 'boolean', default: false },
    'stop-after': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const usage = `Usage: npm run generate -- --children N [options]
  --children N          children to generate (1.2 cases and ~3 referral cards each)
  --seed S              seed of the random choices (default ${DEFAULT_SEED}): same seed, same data
  --database-url URL    target database (else DATABASE_URL, else the embedded benchmark PostgreSQL)
  --resume              continue an interrupted generation from its last finished batch
  --fresh               embedded benchmark database only: drop it and generate again
  --batch-size N        children per batch (default: N/20, between 100 and 1000)
  --workers N           worker threads (default: 2)
  --today YYYY-MM-DD    the generation date (default: today)
  --no-bulk             keep every index and foreign-key check during the load (slower)
  --stop-after N        load N batches, then stop (continue later with --resume)`;

const integer = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number\n\n${usage}`);
    process.exit(2);
  }
  return n;
};

if (values.help || !values.children) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
  console.error('--today must be a date YYYY-MM-DD');
  process.exit(2);
}

const duration = (seconds: number) => {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
};
const number = (n: number) => n.toLocaleString('en-US');
let lastProgress = 0;

try {
  const result = await generateNational({
    children: integer('children', values.children)!,
    seed: integer('seed', values.seed) ?? DEFAULT_SEED,
    databaseUrl: values['database-url'],
    resume: values.resume,
    fresh: values.fresh,
    batchSize: integer('batch-size', values['batch-size']),
    workers: integer('workers', values.workers),
    today: values.today,
    bulk: !values['no-bulk'],
    stopAfterBatches: integer('stop-after', values['stop-after']),
    log: (line) => console.log(line),
    onProgress: (p) => {
      // A line every few seconds, not one per batch (a million children is a thousand batches).
      const now = Date.now();
      if (p.batch !== p.batches && p.batch !== 1 && now - lastProgress < 5000) return;
      lastProgress = now;
      console.log(
        `batch ${p.batch}/${p.batches} · ${number(p.children)}/${number(p.totalChildren)} children · ` +
          `${number(Math.round(p.childrenPerSecond))} children/s · ${duration(p.elapsedSeconds)} elapsed · ETA ${duration(p.etaSeconds)}`,
      );
    },
  });
  if (!result.alreadyDone && result.finished) {
    console.log(
      `Done in ${duration(result.seconds.total)} (load ${duration(result.seconds.load)}, indexes ${duration(result.seconds.indexes)}).`,
    );
  }
  for (const [table, rows] of Object.entries(result.counts))
    console.log(`  ${table.padEnd(20)} ${number(rows)}`);
  console.log(`Database: ${result.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  console.log(
    `Accounts: coordinateur.<territory>, as1.<territory>…, focal.<n>.<territory>, admin.national — password ${BENCH_PASSWORD}`,
  );
} catch (error) {
  console.error(`Generation failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
