import { InMemoryCheckpointStore } from './checkpoint-store.js';
import { describeError } from './errors.js';
import type { EventSource } from './lambda-event.js';
import { jsonLineLogger } from './logger.js';
import { type PollerOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { type ShardInfo, shardsReadyToStart } from './shard-lineage.js';
import { newShardCounters, type ShardCounters, type ShardStats } from './shard-stats.js';
import { runShardWorker } from './shard-worker.js';
import { describeStream, listShards, type StreamIdentity } from './stream-metadata.js';

/** A running local event source mapping. */
export interface Poller {
  /** Stops polling: in-flight invocations finish and are checkpointed, then every shard worker ends. */
  stop(): Promise<void>;
  /** Per-shard progress, by shard id. */
  stats(): ShardStats[];
}

/**
 * Starts a local Kinesis event source mapping that drives `handler` the way AWS Lambda would: one batch in
 * flight per shard, shards in parallel, each in sequence order; children of a split or merge only after their
 * parents are read to the end; Lambda's batching, retry, bisect, partial batch response, record age and
 * on-failure rules. Resolves once every shard that can start holds an iterator (so a LATEST poller sees
 * records put after it resolves).
 */
export async function startPoller(options: PollerOptions): Promise<Poller> {
  const resolved = resolveOptions(options, {
    checkpoints: new InMemoryCheckpointStore(),
    logger: jsonLineLogger(),
  });
  const stream = await describeStream(resolved.kinesis, resolved.streamName);
  const poller = new LocalEventSourceMapping(resolved, stream);
  await poller.start();
  return { stop: () => poller.stop(), stats: () => poller.stats() };
}

class LocalEventSourceMapping {
  readonly #options: ResolvedOptions;
  readonly #stream: StreamIdentity;
  readonly #controller = new AbortController();
  readonly #counters = new Map<string, ShardCounters>();
  readonly #started = new Set<string>();
  readonly #finished = new Set<string>();
  readonly #workers = new Set<Promise<void>>();
  /** Shards open when the poller started, with no closed parent pending: the only ones LATEST applies to. */
  readonly #latestEligible = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #discovering: Promise<void> | undefined;
  #discoverAgain = false;
  #stopping: Promise<void> | undefined;

  constructor(options: ResolvedOptions, stream: StreamIdentity) {
    this.#options = options;
    this.#stream = stream;
  }

  async start(): Promise<void> {
    const shards = await listShards(this.#options.kinesis, this.#options.streamName);
    if (this.#options.startingPosition === 'LATEST') await this.#skipClosedShards(shards);
    for (const shardId of shardsReadyToStart(shards, this.#started, this.#finished)) {
      this.#latestEligible.add(shardId);
    }
    const readiness = this.#track(shards);
    await Promise.all(readiness);
    this.#timer = setInterval(() => void this.#discover(), this.#options.shardDiscoveryIntervalMs);
    this.#timer.unref();
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#drain();
    return this.#stopping;
  }

  stats(): ShardStats[] {
    return [...this.#counters.values()].map((counters) => ({ ...counters })).sort(byShardId);
  }

  async #drain(): Promise<void> {
    this.#controller.abort();
    clearInterval(this.#timer);
    await this.#discovering;
    while (this.#workers.size > 0) await Promise.all(this.#workers);
    this.#options.logger({ level: 'info', msg: 'poller-stopped', streamName: this.#options.streamName });
  }

  /**
   * With LATEST, a shard already closed at start and never checkpointed is not read (Lambda starts at the
   * tip).
   */
  async #skipClosedShards(shards: readonly ShardInfo[]): Promise<void> {
    for (const shard of shards.filter((candidate) => candidate.closed)) {
      if ((await this.#options.checkpoints.load(shard.shardId)) !== undefined) continue;
      this.#started.add(shard.shardId);
      this.#finished.add(shard.shardId);
      this.#counters.set(shard.shardId, newShardCounters(shard.shardId, 'skipped'));
    }
  }

  /** Registers newly listed shards and starts those whose parents are done; resolves with their readiness. */
  #track(shards: readonly ShardInfo[]): Promise<void>[] {
    for (const shard of shards) {
      if (!this.#counters.has(shard.shardId)) {
        this.#counters.set(shard.shardId, newShardCounters(shard.shardId, 'waiting-for-parent'));
      }
    }
    if (this.#controller.signal.aborted) return [];
    return shardsReadyToStart(shards, this.#started, this.#finished).map((shardId) =>
      this.#startShard(shardId),
    );
  }

  #startShard(shardId: string): Promise<void> {
    const counters = this.#counters.get(shardId) ?? newShardCounters(shardId, 'running');
    counters.state = 'running';
    this.#counters.set(shardId, counters);
    this.#started.add(shardId);
    let onReady = (): void => {};
    const ready = new Promise<void>((resolve) => {
      onReady = resolve;
    });
    const worker = runShardWorker({
      options: this.#options,
      source: this.#eventSource(shardId),
      signal: this.#controller.signal,
      counters,
      initialPosition: this.#latestEligible.has(shardId) ? this.#options.startingPosition : 'TRIM_HORIZON',
      onReady: () => onReady(),
    }).then((result) => this.#onShardDone(shardId, result));
    this.#workers.add(worker);
    void worker.finally(() => this.#workers.delete(worker));
    return ready;
  }

  #onShardDone(shardId: string, result: 'ended' | 'stopped'): void {
    if (result !== 'ended') return;
    this.#finished.add(shardId);
    const counters = this.#counters.get(shardId);
    if (counters !== undefined) counters.state = 'finished';
    this.#options.logger({ level: 'info', msg: 'shard-finished', shardId });
    // Its children may start now: look for them without waiting for the next periodic ListShards.
    if (!this.#controller.signal.aborted) void this.#discover();
  }

  /**
   * ListShards and start what became ready; one call at a time, calls made meanwhile folded into one more.
   */
  #discover(): Promise<void> {
    if (this.#discovering !== undefined) {
      this.#discoverAgain = true;
      return this.#discovering;
    }
    this.#discovering = this.#discoverLoop();
    return this.#discovering;
  }

  async #discoverLoop(): Promise<void> {
    try {
      do {
        this.#discoverAgain = false;
        await this.#discoverOnce();
      } while (this.#discoverAgain && !this.#controller.signal.aborted);
    } finally {
      this.#discovering = undefined;
    }
  }

  async #discoverOnce(): Promise<void> {
    if (this.#controller.signal.aborted) return;
    try {
      this.#track(await listShards(this.#options.kinesis, this.#options.streamName));
    } catch (error) {
      this.#options.logger({ level: 'warn', msg: 'list-shards-error', error: describeError(error) });
    }
  }

  #eventSource(shardId: string): EventSource {
    const { partition, accountId, region, streamArn } = this.#stream;
    return {
      shardId,
      streamArn,
      awsRegion: region,
      invokeIdentityArn:
        this.#options.invokeIdentityArn ?? `arn:${partition}:iam::${accountId}:role/iamlp-local-poller`,
    };
  }
}

function byShardId(a: ShardStats, b: ShardStats): number {
  return a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0;
}
