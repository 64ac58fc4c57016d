/** Latency samples (milliseconds) of one side of a scenario, and their percentiles. */
export class Latencies {
  private values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.values).sort();
    const at = (p: number) => {
      if (sorted.length === 0) return 0;
      // Nearest-rank percentile: the smallest sample with at least p % of the samples at or below it.
      const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
      return round(sorted[rank - 1] ?? 0);
    };
    const total = this.values.reduce((a, b) => a + b, 0);
    return {
      samples: sorted.length,
      mean: sorted.length ? round(total / sorted.length) : 0,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: round(sorted[sorted.length - 1] ?? 0),
    };
  }
}

export interface LatencySummary {
  samples: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export const round = (n: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick() from an empty list');
  return items[Math.floor(random() * items.length)] as T;
}
