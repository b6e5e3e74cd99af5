import { describe, expect, it } from 'vitest';
import { type ShardInfo, shardsReadyToStart, toShardInfo } from './shard-lineage.js';

const shard = (shardId: string, parentShardIds: string[] = [], closed = false): ShardInfo => ({
  shardId,
  parentShardIds,
  closed,
});
const none = new Set<string>();

describe('shardsReadyToStart', () => {
  const split = [shard('s0', [], true), shard('s1', ['s0']), shard('s2', ['s0'])];

  it('starts shards without parents first, children only once their parent finished', () => {
    expect(shardsReadyToStart(split, none, none)).toEqual(['s0']);
    expect(shardsReadyToStart(split, new Set(['s0']), none)).toEqual([]);
    expect(shardsReadyToStart(split, new Set(['s0']), new Set(['s0']))).toEqual(['s1', 's2']);
  });

  it('waits for both parents of a merge', () => {
    const merge = [shard('a', [], true), shard('b', [], true), shard('m', ['a', 'b'])];

    expect(shardsReadyToStart(merge, new Set(['a', 'b']), new Set(['a']))).toEqual([]);
    expect(shardsReadyToStart(merge, new Set(['a', 'b']), new Set(['a', 'b']))).toEqual(['m']);
  });

  it('starts a child whose parent is no longer listed (trimmed past retention)', () => {
    expect(shardsReadyToStart([shard('s5', ['s1'])], none, none)).toEqual(['s5']);
  });

  it('never starts a shard twice', () => {
    expect(shardsReadyToStart(split, new Set(['s0', 's1']), new Set(['s0']))).toEqual(['s2']);
  });
});

describe('toShardInfo', () => {
  it('reads both parents and whether the shard is closed', () => {
    expect(
      toShardInfo({
        ShardId: 'shardId-000000000004',
        ParentShardId: 'shardId-000000000001',
        AdjacentParentShardId: 'shardId-000000000002',
        HashKeyRange: { StartingHashKey: '0', EndingHashKey: '1' },
        SequenceNumberRange: { StartingSequenceNumber: '1', EndingSequenceNumber: '9' },
      }),
    ).toEqual(shard('shardId-000000000004', ['shardId-000000000001', 'shardId-000000000002'], true));
  });
});
