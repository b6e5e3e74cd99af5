import { describe, expect, it } from 'vitest';
import { SingleFlightCache } from './single-flight-cache.js';

function cache(maxEntries = 10) {
  const clock = { time: 0 };
  const c = new SingleFlightCache<number>({ ttlMs: 100, now: () => clock.time, maxEntries });
  return { c, clock };
}

describe('SingleFlightCache', () => {
  it('shares a pending load and serves the value until the TTL, counted from when the load finished', async () => {
    const { c, clock } = cache();
    let loads = 0;
    let release: (value: number) => void = () => {};
    const load = () => {
      loads++;
      return new Promise<number>((resolve) => {
        release = resolve;
      });
    };
    const first = c.get('k', load);
    clock.time = 1_000; // a slow load does not expire while pending
    const second = c.get('k', load);
    await Promise.resolve();
    release(7);
    expect(await first).toBe(7);
    expect(await second).toBe(7);
    expect(loads).toBe(1);
    clock.time = 1_099;
    await c.get('k', load);
    expect(loads).toBe(1);
    clock.time = 1_100;
    const third = c.get('k', load);
    await Promise.resolve();
    release(8);
    expect(await third).toBe(8);
    expect(loads).toBe(2);
  });

  it('forgets failed loads, including ones that throw synchronously', async () => {
    const { c } = cache();
    await expect(c.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      c.get('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(await c.get('k', async () => 3)).toBe(3);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const { c } = cache(2);
    let loads = 0;
    const load = async () => ++loads;
    await c.get('a', load);
    await c.get('b', load);
    await c.get('c', load);
    expect(c.size).toBe(2);
    expect(await c.get('c', load)).toBe(3);
    expect(await c.get('a', load)).toBe(4);
  });
});
