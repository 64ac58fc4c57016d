import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type pg from 'pg';
import { type ReplayPlan, replay } from './capture';
import { Latencies, type LatencySummary, round } from './stats';

export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  path: string;
  cookie: string;
  body?: string;
}

export interface LoadResult {
  durationSeconds: number;
  requests: number;
  throughput: number;
  latency: LatencySummary;
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
  /** The first few error messages (SQL side) or statuses (HTTP side), to tell what failed. */
  samples: string[];
}

/**
 * Drives the server over HTTP with autocannon: `connections` keep-alive connections, each sending
 * its next request as soon as the previous one is answered, for `seconds`. Every request is drawn
 * by `next()` (setupRequest), so ids, filters, queries and users vary. Latencies are taken from
 * every response (autocannon's own histogram has no 95th percentile).
 */
export async function runHttp(options: {
  url: string;
  connections: number;
  seconds: number;
  next: () => HttpRequestSpec;
}): Promise<LoadResult> {
  const latencies = new Latencies();
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (request) => {
              const spec = options.next();
              const headers: Record<string, string> = { cookie: spec.cookie, accept: 'application/json' };
              if (spec.body !== undefined) headers['content-type'] = 'application/json';
              return {
                ...request,
                method: spec.method,
                path: `/api/v1${spec.path}`,
                headers,
                ...(spec.body !== undefined ? { body: spec.body } : { body: undefined }),
              } as typeof request;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.add(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  const requests = latencies.count;
  return {
    durationSeconds: result.duration,
    requests,
    throughput: round(requests / Math.max(result.duration, 0.001), 1),
    latency: latencies.summary(),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses,
    samples: Object.keys(statuses).filter((s) => !s.startsWith('2')),
  };
}

/**
 * The same questions asked directly in SQL: `concurrency` callers, each replaying a random captured
 * plan as soon as its previous one finished, through one pg pool, for `seconds`.
 */
export async function runSql(options: {
  pool: pg.Pool;
  concurrency: number;
  seconds: number;
  next: () => ReplayPlan;
}): Promise<LoadResult> {
  const latencies = new Latencies();
  let errors = 0;
  const samples: string[] = [];
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const plan = options.next();
      const t0 = performance.now();
      try {
        await replay(options.pool, plan);
        latencies.add(performance.now() - t0);
      } catch (error) {
        errors++;
        if (samples.length < 3) samples.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const durationSeconds = (performance.now() - started) / 1000;
  return {
    durationSeconds: round(durationSeconds, 1),
    requests: latencies.count,
    throughput: round(latencies.count / durationSeconds, 1),
    latency: latencies.summary(),
    errors,
    timeouts: 0,
    non2xx: 0,
    statuses: {},
    samples,
  };
}
