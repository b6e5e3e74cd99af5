import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../core/types.js';
import { type ApplySettings, applyBatchTo } from './apply-batch.js';
import { ChainHints } from './chain-reader.js';
import { type Attributes, fromAttributes } from './item.js';
import { PRINCIPAL_GROUPS, principalGroup } from './keys.js';
import { MemoryItemTable } from './memory-table.js';
import type { ApplyResult, SequencedCall } from './ports.js';
import { referenceOf, rolePrincipal, syntheticCall } from './test-support.js';

const DAY = Date.UTC(2024, 4, 1);
const SMALL: ApplySettings = { bucketBytes: 600, concurrency: 4, maxAttempts: 8 };
const alice = rolePrincipal('alice');
// In another principal group than alice (g04 and g07), so in other items.
const carol = rolePrincipal('carol');

function sequenced(calls: readonly ApiCall[], first = 1): SequencedCall[] {
  return calls.map((call, i) => ({ sequenceNumber: String(first + i), call }));
}

function object(i: number): string {
  return `arn:aws:s3:::bucket/objects/${String(i).padStart(40, '0')}`;
}

describe('applyBatchTo', () => {
  it('keeps a summary-only call where it first landed when another shard opens a new bucket between two attempts', async () => {
    const table = new MemoryItemTable();
    const hints = new ChainHints();
    const signIn = syntheticCall({ id: 'sign-in', time: DAY + 2, principal: alice });
    const batch = sequenced([
      syntheticCall({ id: 'carol', time: DAY + 1, principal: carol, resource: object(0) }),
      signIn,
      syntheticCall({ id: 'alice', time: DAY + 3, principal: alice, resource: object(1) }),
    ]);
    const others = Array.from({ length: 8 }, (_, i) =>
      syntheticCall({ id: `other-${i}`, time: DAY + 10 + i, principal: alice, resource: object(10 + i) }),
    );
    table.beforePut = (item: Attributes) => {
      if (item.pid?.S === principalGroup(carol.arn))
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

  it('writes at most one item per principal group and day, however many principals a batch holds', async () => {
    const table = new MemoryItemTable();
    const settings: ApplySettings = { bucketBytes: 300_000, concurrency: 16, maxAttempts: 8 };
    const principals = Array.from({ length: 300 }, (_, i) => rolePrincipal(`worker-${i}`));
    const batchOf = (round: number) =>
      principals.flatMap((principal, p) => [
        syntheticCall({
          id: `${round}-${p}-a`,
          time: DAY + round * 1_000 + p,
          principal,
          resource: object(p),
        }),
        syntheticCall({ id: `${round}-${p}-b`, time: DAY + round * 1_000 + p, principal }),
      ]);
    const first = batchOf(0);
    const second = batchOf(1);
    const hints = new ChainHints();

    const one = await applyBatchTo(table, { shardId: 'A', calls: sequenced(first) }, settings, hints);
    const two = await applyBatchTo(
      table,
      { shardId: 'A', calls: sequenced(second, first.length + 1) },
      settings,
      hints,
    );

    // The redelivery window's one write per batch is the consumer's, not the store's.
    expect(new Set(principals.map((p) => principalGroup(p.arn))).size).toBe(PRINCIPAL_GROUPS);
    expect(one).toEqual({ kind: 'applied', writes: PRINCIPAL_GROUPS, items: PRINCIPAL_GROUPS });
    expect(two).toEqual({ kind: 'applied', writes: PRINCIPAL_GROUPS, items: PRINCIPAL_GROUPS });
    expect(table.items.size).toBe(PRINCIPAL_GROUPS);
    const reference = referenceOf([...first, ...second]);
    expect(table.summaries()).toEqual(reference.summaries);
    expect(table.usage()).toEqual([...reference.usage.values()].flat());
  });

  it('sends summary-only calls of new principals to the open bucket, never to a sealed one', async () => {
    const table = new MemoryItemTable();
    const group = principalGroup(alice.arn);
    const neighbours = Array.from({ length: 400 }, (_, i) => rolePrincipal(`neighbour-${i}`))
      .filter((p) => principalGroup(p.arn) === group)
      .slice(0, 6);
    const fill = Array.from({ length: 12 }, (_, i) =>
      syntheticCall({ id: `fill-${i}`, time: DAY + i, principal: alice, resource: object(i) }),
    );
    const signIns = neighbours.map((p, i) =>
      syntheticCall({ id: `sign-in-${i}`, time: DAY + 100 + i, principal: p }),
    );

    await applyBatchTo(table, { shardId: 'A', calls: sequenced(fill) }, SMALL, new ChainHints());
    await applyBatchTo(table, { shardId: 'A', calls: sequenced(signIns, 100) }, SMALL, new ChainHints());

    const day = new Date(DAY).toISOString().slice(0, 10);
    const items = [...table.items.values()].filter((item) => item.pk?.S?.startsWith(`U#${group}#${day}#`));
    const sealed = items.filter((item) => item.sealed?.BOOL === true);
    expect(sealed.length).toBeGreaterThan(0);
    for (const item of sealed) for (const p of neighbours) expect(item.summary?.S ?? '').not.toContain(p.arn);
    const reference = referenceOf([...fill, ...signIns]);
    expect(table.summaries()).toEqual(reference.summaries);
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
        syntheticCall({ id: 'b1', time: DAY, principal: carol, resource: object(1) }),
        syntheticCall({ id: 'a2', time: DAY, principal: alice, resource: object(2) }),
        syntheticCall({ id: 'b2', time: DAY, principal: carol, resource: object(2) }),
      ],
      41,
    );
    table.beforePut = (item) => {
      if (item.pid?.S === principalGroup(carol.arn))
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

  it('keeps what it wrote exactly as reading the item back would decode it (the next batch plans on it)', async () => {
    const table = new MemoryItemTable();
    const hints = new ChainHints();
    const principals = [alice, carol, rolePrincipal('dave')];
    for (let round = 0; round < 6; round++) {
      const calls = Array.from({ length: 12 }, (_, i) =>
        syntheticCall({
          id: `r${round}-${i}`,
          time: DAY + round * 10 + i,
          principal: principals[i % 3] ?? alice,
          // Half the keys repeat across rounds (merged into stored entries), half are new (appended).
          resource: object(i % 2 === 0 ? i : round * 100 + i),
        }),
      );
      const result = await applyBatchTo(
        table,
        { shardId: 'A', calls: sequenced(calls, round * 100 + 1) },
        SMALL,
        hints,
      );
      expect(result.kind).toBe('applied');
    }
    let compared = 0;
    for (const [key, stored] of table.items) {
      const cached = hints.cached(key);
      if (!cached) continue;
      expect(cached).toEqual(fromAttributes(stored));
      compared++;
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('puts calls of days that print alike (years past 9999) in one group-day, as the item key does', async () => {
    const table = new MemoryItemTable();
    const hints = new ChainHints();
    const day = (d: number) => Date.UTC(10_000, 0, d);
    const all: ApiCall[] = [];
    for (let round = 0; round < 3; round++) {
      // Days interleaved, two keys: each day must not get a plan of its own for the one item they share.
      const calls = [1, 2, 1, 3, 2].map((d, i) =>
        syntheticCall({
          id: `far-${round}-${i}`,
          time: day(d) + round,
          principal: alice,
          resource: object(i % 2),
        }),
      );
      all.push(...calls);
      const result = await applyBatchTo(
        table,
        { shardId: 'A', calls: sequenced(calls, round * 10 + 1) },
        { ...SMALL, bucketBytes: 300_000 },
        hints,
      );
      expect(result.kind).toBe('applied');
    }
    const reference = referenceOf(all);
    expect(table.usage()).toEqual([...reference.usage.values()].flat());
    expect(table.summaries()).toEqual(reference.summaries);
  });
});
