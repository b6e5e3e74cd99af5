import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../core/types.js';
import { type ApplySettings, applyBatchTo } from './apply-batch.js';
import { ChainHints } from './chain-reader.js';
import type { Attributes } from './item.js';
import { MemoryItemTable } from './memory-table.js';
import type { ApplyResult, SequencedCall } from './ports.js';
import { referenceOf, rolePrincipal, syntheticCall } from './test-support.js';

const DAY = Date.UTC(2024, 4, 1);
const SMALL: ApplySettings = { bucketBytes: 600, concurrency: 4, maxAttempts: 8 };
const alice = rolePrincipal('alice');
const bob = rolePrincipal('bob');

function sequenced(calls: readonly ApiCall[], first = 1): SequencedCall[] {
  return calls.map((call, i) => ({ sequenceNumber: String(first + i), call }));
}

function object(i: number): string {
  return `arn:aws:s3:::bucket/objects/${String(i).padStart(40, '0')}`;
}

describe('applyBatchTo', () => {
  it('keeps a summary-only call in bucket 0 when another shard opens a new bucket between two attempts', async () => {
    const table = new MemoryItemTable();
    const hints = new ChainHints();
    const signIn = syntheticCall({ id: 'sign-in', time: DAY + 2, principal: alice });
    const batch = sequenced([
      syntheticCall({ id: 'bob', time: DAY + 1, principal: bob, resource: object(0) }),
      signIn,
      syntheticCall({ id: 'alice', time: DAY + 3, principal: alice, resource: object(1) }),
    ]);
    const others = Array.from({ length: 8 }, (_, i) =>
      syntheticCall({ id: `other-${i}`, time: DAY + 10 + i, principal: alice, resource: object(10 + i) }),
    );
    table.beforePut = (item: Attributes) => {
      if (item.principal?.S === bob.arn)
        throw Object.assign(new Error('crash'), { name: 'InjectedCrash', $metadata: {} });
    };

    const crashed = await applyBatchTo(table, { shardId: 'A', calls: batch }, SMALL, hints);
    table.beforePut = () => {};
    await applyBatchTo(table, { shardId: 'B', calls: sequenced(others) }, SMALL, new ChainHints());
    const retried = await applyBatchTo(table, { shardId: 'A', calls: batch }, SMALL, hints);

    expect(crashed).toMatchObject({ kind: 'retryable', code: 'REJECTED', failedSequenceNumber: '1' });
    expect(retried.kind).toBe('applied');
    expect(table.items.size).toBeGreaterThan(2);
    const reference = referenceOf([...batch.map((c) => c.call), ...others]);
    expect(table.summaries()).toEqual(reference.summaries);
    expect(table.usage()).toEqual([...reference.usage.values()].flat());
  });

  it('spreads a day over sealed buckets and merges known keys where they are', async () => {
    const table = new MemoryItemTable();
    const calls = Array.from({ length: 60 }, (_, i) =>
      syntheticCall({
        id: `e${i}`,
        time: DAY + i,
        principal: alice,
        resource: object(i % 40),
        session: `s${i}`,
      }),
    );

    for (let i = 0; i < calls.length; i += 7)
      await applyBatchTo(
        table,
        { shardId: 'A', calls: sequenced(calls.slice(i, i + 7), i + 1) },
        SMALL,
        new ChainHints(),
      );

    expect(table.items.size).toBeGreaterThan(5);
    expect(table.keysInSeveralBuckets()).toEqual([]);
    expect(table.usage()).toEqual([...referenceOf(calls).usage.values()].flat());
  });

  it('reports the lowest sequence number of the calls whose items were not written', async () => {
    const table = new MemoryItemTable();
    const calls = sequenced(
      [
        syntheticCall({ id: 'a1', time: DAY, principal: alice, resource: object(1) }),
        syntheticCall({ id: 'b1', time: DAY, principal: bob, resource: object(1) }),
        syntheticCall({ id: 'a2', time: DAY, principal: alice, resource: object(2) }),
        syntheticCall({ id: 'b2', time: DAY, principal: bob, resource: object(2) }),
      ],
      41,
    );
    table.beforePut = (item) => {
      if (item.principal?.S === bob.arn)
        throw Object.assign(new Error('throttled'), { name: 'ThrottlingException', $metadata: {} });
    };

    const result = await applyBatchTo(table, { shardId: 'A', calls }, SMALL, new ChainHints());

    expect(result).toMatchObject({
      kind: 'retryable',
      code: 'THROTTLED',
      failedSequenceNumber: '42',
      writes: 2,
    });
  });

  it('rejects input that breaks the contract', async () => {
    const table = new MemoryItemTable();
    const call = syntheticCall({ id: 'x', time: DAY, principal: alice, resource: object(1) });
    const apply = (calls: SequencedCall[]): Promise<ApplyResult> =>
      applyBatchTo(table, { shardId: 'A', calls }, SMALL, new ChainHints());

    await expect(
      apply([
        { sequenceNumber: '2', call },
        { sequenceNumber: '1', call: { ...call, eventId: 'y' } },
      ]),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      apply([
        { sequenceNumber: '1', call },
        { sequenceNumber: '2', call },
      ]),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(apply([{ sequenceNumber: '1e5', call }])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await apply([])).toEqual({ kind: 'applied', writes: 0, items: 0 });
    expect(table.puts).toBe(0);
  });
});
