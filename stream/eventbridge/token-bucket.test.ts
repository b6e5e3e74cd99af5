import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

/** A fake clock whose sleeps advance time instantly and are recorded. */
function fakeClock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

describe('TokenBucket', () => {
  it('lets a burst of one second through, then holds to the rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(10, clock);

    for (let i = 0; i < 30; i++) await bucket.take(1);

    expect(bucket.capacity).toBe(10);
    expect(clock.now()).toBeGreaterThanOrEqual(2000);
    expect(clock.now()).toBeLessThanOrEqual(2010);
  });

  it('waits for a batch as a whole', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(100, clock);

    await bucket.take(100);
    await bucket.take(50);

    expect(clock.sleeps).toEqual([500]);
  });

  it('supports rates below one per second', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(0.5, clock);

    await bucket.take(1);
    await bucket.take(1);

    expect(bucket.capacity).toBe(1);
    expect(clock.now()).toBe(2000);
  });

  it('returns without tokens when aborted', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1, clock);
    await bucket.take(1);

    await bucket.take(1, AbortSignal.abort());

    expect(clock.sleeps).toEqual([]);
  });

  it('rejects impossible requests and rates', async () => {
    await expect(new TokenBucket(5).take(6)).rejects.toThrow(RangeError);
    expect(() => new TokenBucket(0)).toThrow(RangeError);
    expect(() => new TokenBucket(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
