import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../core/types.js';
import { applyBatchTo } from './apply-batch.js';
import { ChainHints } from './chain-reader.js';
import type { ItemTable } from './dynamo-io.js';
import type { Attributes } from './item.js';
import { MemoryItemTable } from './memory-table.js';
import type { ApplyBatchInput } from './ports.js';
import {
  type FaultSwitch,
  loadFixtureCalls,
  referenceOf,
  runSchedule,
  type Step,
  shardCalls,
} from './test-support.js';

let calls: ApiCall[];

beforeAll(async () => {
  const all = await loadFixtureCalls();
  // Two dense stretches of real events: few principal-days, many repeated keys, some not-a-grant calls.
  calls = [...all.slice(3000, 3150), ...all.slice(5000, 5150)];
});

/** One shard's view of the shared table, with its own faults (each shard has its own Lambda instance). */
class ShardTable implements ItemTable, FaultSwitch {
  private putsLeft: number | undefined;
  private loseAt: number | undefined;

  constructor(private readonly shared: MemoryItemTable) {}

  arm(action: 'crash' | 'lost', k: number): void {
    if (action === 'crash') this.putsLeft = k;
    else this.loseAt = k;
  }

  disarm(): void {
    this.putsLeft = undefined;
    this.loseAt = undefined;
  }

  read(keys: readonly string[]): Promise<Map<string, Attributes>> {
    return this.shared.read(keys);
  }

  async put(item: Attributes, expectedVersion: number | undefined): Promise<void> {
    if (this.putsLeft !== undefined && this.putsLeft-- <= 0)
      throw Object.assign(new Error('injected crash'), { name: 'InjectedCrash', $metadata: {} });
    await this.shared.put(item, expectedVersion);
    if (this.loseAt !== undefined && this.loseAt-- === 0)
      throw Object.assign(new Error('response lost'), { name: 'TimeoutError', $metadata: {} });
  }
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  size: fc.integer({ min: 1, max: 80 }),
  action: fc.constantFrom('ok', 'twice', 'crash', 'lost', 'bisect'),
  k: fc.nat(6),
});

describe('applying batches under any batching, retry, bisect and crash schedule (in memory)', () => {
  it('gives exactly the core fold, with two shards racing on the same items', async () => {
    const shards = shardCalls(calls, 2);
    const reference = referenceOf(calls);

    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(600, 1_500, 4_000, 300_000),
        async (stepsA, stepsB, bucketBytes) => {
          const shared = new MemoryItemTable();
          const settings = { bucketBytes, concurrency: 4, maxAttempts: 8 };
          await Promise.all(
            shards.map((shard, i) => {
              const table = new ShardTable(shared);
              const hints = new ChainHints();
              const store = {
                applyBatch: (input: ApplyBatchInput) => applyBatchTo(table, input, settings, hints),
              };
              return runSchedule(store, shard, i === 0 ? stepsA : stepsB, table);
            }),
          );

          expect(shared.keysInSeveralBuckets()).toEqual([]);
          expect(shared.usage()).toEqual([...reference.usage.values()].flat());
          expect(shared.summaries()).toEqual(reference.summaries);
        },
      ),
      { numRuns: 150 },
    );
  });
});
