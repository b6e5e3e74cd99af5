import { describe, expect, it } from 'vitest';
import { paced } from './dev-replay.js';

async function* chunks(sizes: readonly number[]): AsyncGenerator<number[]> {
  for (const size of sizes) yield Array.from({ length: size }, (_, i) => i);
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('paced', () => {
  it('passes chunks on at once at an infinite rate', async () => {
    const began = Date.now();
    const out = await collect(
      paced(chunks([500, 500]), Number.POSITIVE_INFINITY, new AbortController().signal),
    );
    expect(out.map((c) => c.length)).toEqual([500, 500]);
    expect(Date.now() - began).toBeLessThan(1000);
  });

  it('waits as long as each chunk takes at the rate', async () => {
    const began = Date.now();
    // 3 chunks of 10 records at 100 records/s: 100 ms after each.
    const out = await collect(paced(chunks([10, 10, 10]), 100, new AbortController().signal));
    expect(out).toHaveLength(3);
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
  });

  it('slices chunks into about a second of records each', async () => {
    const out = await collect(paced(chunks([25]), 10, new AbortController().signal));
    expect(out.map((c) => c.length)).toEqual([10, 10, 5]);
  }, 10_000);

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const began = Date.now();
    const run = collect(paced(chunks([1000]), 1, controller.signal));
    setTimeout(() => controller.abort(), 50);
    expect(await run).toHaveLength(1);
    expect(Date.now() - began).toBeLessThan(1000);
  });
});
