/**
 * A small in-process cache for costly read-only answers that many users ask at once and that may be
 * a minute old (statistics such as the circuit view). Concurrent askers of one key share a single
 * computation. Each server instance keeps its own: nothing here needs to agree across instances.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { until: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
  ) {}

  get(key: string, compute: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.maxEntries) {
      for (const [k, e] of this.entries) if (e.until <= now) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    const value = compute();
    this.entries.set(key, { until: now + this.ttlMs, value });
    // A failure is not remembered: the next asker tries again.
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
