/** Where a shard is in its life under the poller. */
export type ShardState = 'waiting-for-parent' | 'running' | 'finished' | 'skipped';

/** Per-shard progress, like the Lambda metrics of an event source mapping (IteratorAge) plus counts. */
export interface ShardStats {
  readonly shardId: string;
  readonly state: ShardState;
  /** Batches read from the shard and handed to the function. */
  readonly batches: number;
  /** Records in those batches. */
  readonly records: number;
  /** Function invocations, retries included. */
  readonly invocations: number;
  /** Invocations that re-delivered records (retries, bisected halves, replays after a partial failure). */
  readonly retries: number;
  /** Invocations that failed: the function threw, or reported failed items. */
  readonly failures: number;
  /** Records given up on and reported to the on-failure destination. */
  readonly discardedRecords: number;
  /** Lambda's IteratorAge: age of the last record of the last invocation when it finished. */
  readonly iteratorAgeMs: number | undefined;
  /** MillisBehindLatest of the GetRecords call that fed the last batch. */
  readonly millisBehindLatest: number | undefined;
  /** The last sequence number checkpointed. */
  readonly checkpoint: string | undefined;
}

/** The mutable counters a shard worker updates; {@link ShardStats} is a snapshot of them. */
export type ShardCounters = { -readonly [K in keyof ShardStats]: ShardStats[K] };

/** Fresh counters for a shard. */
export function newShardCounters(shardId: string, state: ShardState): ShardCounters {
  return {
    shardId,
    state,
    batches: 0,
    records: 0,
    invocations: 0,
    retries: 0,
    failures: 0,
    discardedRecords: 0,
    iteratorAgeMs: undefined,
    millisBehindLatest: undefined,
    checkpoint: undefined,
  };
}
