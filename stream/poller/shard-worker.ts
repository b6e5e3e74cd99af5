import { backoffMs, sleep } from '../timing.js';
import { BatchAssembler } from './batch-assembler.js';
import { runBatch } from './batch-runner.js';
import { describeError } from './errors.js';
import { type EventSource, eventRecordMaker } from './lambda-event.js';
import type { ResolvedOptions } from './options.js';
import { ShardReader } from './shard-reader.js';
import type { ShardCounters } from './shard-stats.js';

/** What a shard worker shares with the rest of the poller. */
export interface ShardWorkerContext {
  readonly options: ResolvedOptions;
  readonly source: EventSource;
  readonly signal: AbortSignal;
  readonly counters: ShardCounters;
  /** Where to start without a checkpoint (LATEST only for shards open when the poller started). */
  readonly initialPosition: 'TRIM_HORIZON' | 'LATEST';
  /** Called once, when the first shard iterator is held (or could not be had). */
  readonly onReady: () => void;
}

const RESTART_BACKOFF = { initialMs: 500, maxMs: 10_000 };

/**
 * Processes one shard until it ends (resolves 'ended') or the poller stops ('stopped'). Should anything
 * unexpected fail (a checkpoint write, say), the shard restarts from its last saved checkpoint after a pause,
 * so records are delivered at least once and never skipped — the behaviour of a Lambda poller being replaced.
 */
export async function runShardWorker(context: ShardWorkerContext): Promise<'ended' | 'stopped'> {
  const { options, signal, source } = context;
  for (let failures = 1; ; failures += 1) {
    try {
      return await processShard(context);
    } catch (error) {
      context.onReady();
      if (signal.aborted) return 'stopped';
      const ms = backoffMs(failures, RESTART_BACKOFF.initialMs, RESTART_BACKOFF.maxMs);
      options.logger({
        level: 'error',
        msg: 'shard-restart',
        shardId: source.shardId,
        backoffMs: ms,
        error: describeError(error),
      });
      await sleep(ms, signal);
    }
  }
}

async function processShard(context: ShardWorkerContext): Promise<'ended' | 'stopped'> {
  const { options, signal, source, counters } = context;
  const { shardId } = source;
  const checkpoint = await options.checkpoints.load(shardId);
  counters.checkpoint = checkpoint;
  const reader = openReader(context, checkpoint);
  await reader.prepare();
  context.onReady();
  options.logger({
    level: 'info',
    msg: 'shard-started',
    shardId,
    from: checkpoint ?? context.initialPosition,
  });
  const assembler = new BatchAssembler(reader, eventRecordMaker(source), options, signal);
  const checkpointTo = async (sequenceNumber: string): Promise<void> => {
    await options.checkpoints.save(shardId, sequenceNumber);
    counters.checkpoint = sequenceNumber;
  };
  const batchContext = {
    shardId,
    streamArn: source.streamArn,
    options,
    signal,
    counters,
    checkpoint: checkpointTo,
  };
  while (!signal.aborted) {
    const next = await assembler.next();
    if (next.kind !== 'batch') return next.kind;
    counters.batches += 1;
    counters.records += next.batch.records.length;
    await runBatch(next.batch, batchContext);
  }
  return 'stopped';
}

/** A reader resuming AFTER_SEQUENCE_NUMBER of the checkpoint, or at the initial position without one. */
function openReader(context: ShardWorkerContext, checkpoint: string | undefined): ShardReader {
  const { options, signal, source, initialPosition } = context;
  return new ShardReader({
    kinesis: options.kinesis,
    streamName: options.streamName,
    shardId: source.shardId,
    start:
      checkpoint === undefined
        ? { type: initialPosition }
        : { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: checkpoint, fromCheckpoint: true },
    fallback: initialPosition,
    logger: options.logger,
    signal,
  });
}
