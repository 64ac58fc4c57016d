/**
 * Deterministic randomness for synthetic data. sfc32 (128-bit state) rather than the demo's
 * mulberry32: a national generation draws hundreds of millions of numbers from hundreds of batch
 * streams, and 32-bit states would make streams of different batches overlap (equal ids).
 */

/** A 32-bit hash of strings and numbers (FNV-1a then a murmur finaliser), to derive seeds. */
export function hash32(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${part}\u0001`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Weighted<T> {
  readonly items: readonly T[];
  /** Cumulative weights, the last one the total. */
  readonly cumulative: Float64Array;
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, w], i) => {
    total += Math.max(0, w);
    cumulative[i] = total;
  });
  if (total <= 0) throw new Error('weighted(): no positive weight');
  return { items: entries.map(([item]) => item), cumulative };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seed: (string | number)[]) {
    this.a = hash32('a', ...seed);
    this.b = hash32('b', ...seed);
    this.c = hash32('c', ...seed);
    this.d = hash32('d', ...seed) | 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(table: Weighted<T>): T {
    const { cumulative, items } = table;
    const x = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A log-normal duration around a median: most values near it, a long tail of late ones. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A number of events with a mean (Poisson, Knuth's method: the means here are small). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** A random (version 4) UUID drawn from this stream, so a seed gives the same ids every time. */
  uuid(): string {
    const w0 = this.u32();
    const w1 = this.u32();
    const w2 = this.u32();
    const w3 = this.u32();
    const b = (w: number, shift: number) => HEX[(w >>> shift) & 0xff]!;
    return (
      `${b(w0, 24)}${b(w0, 16)}${b(w0, 8)}${b(w0, 0)}-${b(w1, 24)}${b(w1, 16)}-` +
      `4${HEX[(w1 >>> 8) & 0xff]!.slice(1)}${b(w1, 0)}-` +
      `${HEX[0x80 | ((w2 >>> 24) & 0x3f)]}${b(w2, 16)}-${b(w2, 8)}${b(w2, 0)}${b(w3, 24)}${b(w3, 16)}${b(w3, 8)}${b(w3, 0)}`
    );
  }
}
