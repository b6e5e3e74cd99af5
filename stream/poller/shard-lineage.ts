import type { Shard } from '@aws-sdk/client-kinesis';

/** What the poller needs to know about a shard to order it after its parents. */
export interface ShardInfo {
  readonly shardId: string;
  /** The split or merged shard this one came from (a merge also has an adjacent parent). */
  readonly parentShardIds: readonly string[];
  /** The shard has an ending sequence number: no record will be added to it. */
  readonly closed: boolean;
}

/** Reads the lineage fields of a ListShards entry. */
export function toShardInfo(shard: Shard): ShardInfo {
  const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter(
    (id): id is string => id !== undefined && id !== '',
  );
  return {
    shardId: shard.ShardId ?? '',
    parentShardIds: parents,
    closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
  };
}

/**
 * The shards that may start now, in shard id order: not started yet, and every parent either finished or no
 * longer listed (trimmed past retention). As with Lambda (and the KCL), a child's records are only read once
 * its parents have been read to their end, so a partition key's records stay in order across a split or a
 * merge.
 */
export function shardsReadyToStart(
  shards: readonly ShardInfo[],
  started: ReadonlySet<string>,
  finished: ReadonlySet<string>,
): string[] {
  const listed = new Set(shards.map((shard) => shard.shardId));
  return shards
    .filter((shard) => !started.has(shard.shardId))
    .filter((shard) => shard.parentShardIds.every((parent) => finished.has(parent) || !listed.has(parent)))
    .map((shard) => shard.shardId)
    .sort();
}
