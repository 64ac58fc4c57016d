import { describe, expect, it, vi } from 'vitest';
import { TtlCache } from './cache';

describe('TtlCache', () => {
  it('computes once for concurrent askers and until the time is up', async () => {
    vi.useFakeTimers();
    try {
      const cache = new TtlCache<number>(60_000);
      let calls = 0;
      const compute = async () => ++calls;
      expect(await Promise.all([cache.get('k', compute), cache.get('k', compute)])).toEqual([1, 1]);
      vi.advanceTimersByTime(59_000);
      expect(await cache.get('k', compute)).toBe(1);
      expect(await cache.get('other', compute)).toBe(2);
      vi.advanceTimersByTime(2_000);
      expect(await cache.get('k', compute)).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets failures, and caches nothing with no time to live', async () => {
    const cache = new TtlCache<number>(60_000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await Promise.resolve();
    expect(await cache.get('k', async () => 7)).toBe(7);
    const none = new TtlCache<number>(0);
    let calls = 0;
    await none.get('k', async () => ++calls);
    await none.get('k', async () => ++calls);
    expect(calls).toBe(2);
  });
});
