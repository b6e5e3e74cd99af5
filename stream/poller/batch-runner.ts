import { backoffMs, sleep } from '../timing.js';
import type { Batch } from './batch-assembler.js';
import { describeError } from './errors.js';
import type { EventRecord } from './lambda-event.js';
import type { FailedBatchInfo, ResolvedOptions } from './options.js';
import {
  countExpired,
  decideNextStep,
  type FailureReason,
  type InvocationOutcome,
  interpretResponse,
  type NextStep,
  type ResponseVerdict,
  type Segment,
} from './retry-policy.js';
import type { ShardCounters } from './shard-stats.js';

/** What running a batch needs from its shard worker. */
export interface BatchRunContext {
  readonly shardId: string;
  readonly streamArn: string;
  readonly options: ResolvedOptions;
  readonly signal: AbortSignal;
  readonly counters: ShardCounters;
  /** Persists that every record up to and including `sequenceNumber` is done with. */
  checkpoint(sequenceNumber: string): Promise<void>;
}

/**
 * Delivers one batch until every record is either processed or given up on, one invocation at a time (one
 * batch in flight per shard, as with Lambda's default ParallelizationFactor of 1), following {@link
 * decideNextStep}. Before each invocation, records older than maxRecordAgeSeconds are skipped. Once stop is
 * requested no new invocation starts: records not yet done stay after the checkpoint and are delivered again
 * on the next start.
 */
export async function runBatch(batch: Batch, context: BatchRunContext): Promise<void> {
  const { options, signal } = context;
  let queue: readonly Segment[] = [{ start: 0, end: batch.records.length, retries: 0 }];
  let invocations = 0;
  while (queue.length > 0 && !signal.aborted) {
    const [segment, ...rest] = queue as [Segment, ...Segment[]];
    const expired = countExpired(arrivals(batch, segment), options.now(), options.maxRecordAgeSeconds);
    if (expired > 0) {
      const end = segment.start + expired;
      await giveUp(batch, { start: segment.start, end, reason: 'RecordAgeExceeded' }, context);
      queue = end < segment.end ? [{ ...segment, start: end }, ...rest] : rest;
      continue;
    }
    if (invocations > 0) context.counters.retries += 1;
    invocations += 1;
    const step = await invoke(batch, segment, context);
    queue = [...step.next, ...rest];
    await applyStep(batch, step, context);
    if (step.retry !== undefined) {
      await sleep(backoffMs(step.retry, options.retryDelayMs, options.maxRetryDelayMs), signal);
    }
  }
}

/**
 * Calls the function with the segment's records and decides what follows, logging one line per invocation.
 */
async function invoke(batch: Batch, segment: Segment, context: BatchRunContext): Promise<NextStep> {
  const { options, counters, shardId } = context;
  const records = batch.records.slice(segment.start, segment.end);
  const started = performance.now();
  const verdict = await callHandler(records, options);
  const ms = Math.round(performance.now() - started);
  const step = decideNextStep(segment, toOutcome(verdict, segment.start), options);
  const last = records.at(-1) as EventRecord;
  counters.invocations += 1;
  if (verdict.kind !== 'success') counters.failures += 1;
  counters.iteratorAgeMs = Math.max(0, options.now() - last.arrivalMs);
  counters.millisBehindLatest = batch.millisBehindLatest;
  options.logger({
    level: verdict.kind === 'success' ? 'info' : 'warn',
    msg: 'batch',
    shardId,
    records: records.length,
    attempt: segment.retries + 1,
    outcome: verdict.kind,
    ...(verdict.kind === 'function-error' ? { error: verdict.detail } : {}),
    ms,
    millisBehindLatest: batch.millisBehindLatest,
    iteratorAgeMs: counters.iteratorAgeMs,
    firstSequenceNumber: records[0]?.record.kinesis.sequenceNumber,
    lastSequenceNumber: last.record.kinesis.sequenceNumber,
  });
  return step;
}

async function callHandler(
  records: readonly EventRecord[],
  options: ResolvedOptions,
): Promise<ResponseVerdict> {
  try {
    const response = await options.handler({ Records: records.map((entry) => entry.record) });
    const sequenceNumbers = records.map((entry) => entry.record.kinesis.sequenceNumber);
    return interpretResponse(response, sequenceNumbers, options.reportBatchItemFailures);
  } catch (error) {
    return { kind: 'function-error', detail: describeError(error) };
  }
}

function toOutcome(verdict: ResponseVerdict, segmentStart: number): InvocationOutcome {
  if (verdict.kind === 'partial-failure') {
    return { kind: 'partial-failure', failedIndex: segmentStart + verdict.failedOffset };
  }
  return { kind: verdict.kind };
}

/** Reports discarded records (if any), then checkpoints through the last record the step is done with. */
async function applyStep(batch: Batch, step: NextStep, context: BatchRunContext): Promise<void> {
  if (step.discarded !== undefined) {
    await giveUp(batch, step.discarded, context);
  } else if (step.doneThrough !== undefined) {
    await context.checkpoint(sequenceNumberAt(batch, step.doneThrough));
  }
}

/** Sends `[start, end)` to the on-failure destination and checkpoints past it: the shard moves on. */
async function giveUp(
  batch: Batch,
  range: { start: number; end: number; reason: FailureReason },
  context: BatchRunContext,
): Promise<void> {
  const { options, counters, shardId, streamArn } = context;
  const first = batch.records[range.start] as EventRecord;
  const last = batch.records[range.end - 1] as EventRecord;
  const info: FailedBatchInfo = {
    reason: range.reason,
    shardId,
    streamArn,
    startSequenceNumber: first.record.kinesis.sequenceNumber,
    endSequenceNumber: last.record.kinesis.sequenceNumber,
    approximateArrivalOfFirstRecord: new Date(first.arrivalMs).toISOString(),
    approximateArrivalOfLastRecord: new Date(last.arrivalMs).toISOString(),
    batchSize: range.end - range.start,
  };
  counters.discardedRecords += info.batchSize;
  options.logger({ level: 'warn', msg: 'records-discarded', ...info });
  try {
    await options.onFailure?.(info);
  } catch (error) {
    // Like a lost on-failure message on AWS: reported, but the shard is not blocked on it.
    options.logger({
      level: 'error',
      msg: 'on-failure-destination-error',
      shardId,
      error: describeError(error),
    });
  }
  await context.checkpoint(last.record.kinesis.sequenceNumber);
}

function arrivals(batch: Batch, segment: Segment): number[] {
  return batch.records.slice(segment.start, segment.end).map((entry) => entry.arrivalMs);
}

function sequenceNumberAt(batch: Batch, index: number): string {
  return (batch.records[index] as EventRecord).record.kinesis.sequenceNumber;
}
