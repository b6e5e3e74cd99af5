import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BatchLimits, KINESIS_LIMITS, planBatches } from './batches.js';

const MiB = 1024 * 1024;

function records(sizes: readonly number[]): { id: number; size: number }[] {
  return sizes.map((size, id) => ({ id, size }));
}

describe('planBatches', () => {
  it('splits at 500 records', () => {
    const plan = planBatches(records(Array.from({ length: 1201 }, () => 1500)));

    expect(plan.batches.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(plan.oversized).toEqual([]);
  });

  it('splits at 5 MiB per request', () => {
    const plan = planBatches(records(Array.from({ length: 12 }, () => 0.9 * MiB)));

    expect(plan.batches.map((b) => b.length)).toEqual([5, 5, 2]);
  });

  it('fills a request to exactly 5 MiB', () => {
    const plan = planBatches(records([MiB, MiB, MiB, MiB, MiB, 1]));

    expect(plan.batches.map((b) => b.length)).toEqual([5, 1]);
  });

  it('sets aside records over 1 MiB and keeps the order of the rest', () => {
    const plan = planBatches(records([10, MiB + 1, 20, MiB, 30]));

    expect(plan.oversized.map((r) => r.id)).toEqual([1]);
    expect(plan.batches.flat().map((r) => r.id)).toEqual([0, 2, 3, 4]);
  });

  it('plans nothing for no records', () => {
    expect(planBatches([])).toEqual({ batches: [], oversized: [] });
  });

  it('always respects every limit, loses nothing and keeps the order', () => {
    const limits: BatchLimits = { maxRecords: 7, maxBytes: 1000, maxRecordBytes: 400 };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 200 }), (sizes) => {
        const input = records(sizes);

        const plan = planBatches(input, limits);

        for (const batch of plan.batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(limits.maxRecords);
          expect(batch.reduce((sum, r) => sum + r.size, 0)).toBeLessThanOrEqual(limits.maxBytes);
        }
        expect(plan.batches.flat()).toEqual(input.filter((r) => r.size <= limits.maxRecordBytes));
        expect(plan.oversized).toEqual(input.filter((r) => r.size > limits.maxRecordBytes));
      }),
    );
  });

  it('uses the Kinesis limits by default', () => {
    expect(KINESIS_LIMITS).toEqual({ maxRecords: 500, maxBytes: 5 * MiB, maxRecordBytes: MiB });
  });
});
