import type { KinesisBatchResponse, KinesisStreamEvent } from '../poller/lambda-kinesis-types.js';
import type { SequencedCall, UsageStore } from '../store/index.js';
import { decodeBatch } from './decode-batch.js';
import type { AlertStep, QuarantineSink, RedeliveryWindow } from './ports.js';

/** What the consumer needs: every dependency is a port, so Lambda, the local poller and tests share it. */
export interface ConsumerDeps {
  readonly store: UsageStore;
  readonly window: RedeliveryWindow;
  readonly quarantine: QuarantineSink;
  /** First-use alerts for high-risk actions; absent, no alerts are raised. */
  readonly alerts?: AlertStep;
  /** Receives one structured line per batch. */
  readonly log?: (line: Record<string, unknown>) => void;
  readonly now?: () => number;
}

/**
 * The Kinesis consumer: decode → quarantine what cannot be read → drop EventBridge redeliveries → merge into the
 * store with exactly-once effect → remember the applied eventIDs → raise their high-risk alerts. Returns a partial
 * batch response naming the first record not stored when the store asks for a retry; throws (whole-batch retry)
 * only when a dependency fails unexpectedly (an alert not published included) — both retries are exact, because
 * the store skips calls it already merged and the alert gate is idempotent.
 */
export function createConsumerHandler(deps: ConsumerDeps) {
  const now = deps.now ?? Date.now;
  return async (event: KinesisStreamEvent): Promise<KinesisBatchResponse> => {
    const began = performance.now();
    const batch = decodeBatch(event);
    const quarantineWrites = batch.quarantined.length > 0 ? await deps.quarantine.put(batch.quarantined) : 0;
    const events = batch.calls.map(windowEvent);
    const keep = await deps.window.filter(batch.shardId, events, batch.at);
    const calls = batch.calls.filter((_, i) => keep[i]);
    const result = await deps.store.applyBatch({ shardId: batch.shardId, calls });
    const failed = result.kind === 'retryable' ? result.failedSequenceNumber : undefined;
    // Remember only what is stored: a redelivery of a call that failed to store must still be applied.
    const stored =
      failed === undefined ? calls : calls.filter((c) => compareSequence(c.sequenceNumber, failed) < 0);
    const windowWrites =
      stored.length > 0 ? await deps.window.record(batch.shardId, stored.map(windowEvent), batch.at) : 0;
    // Only stored calls: a call the store has not taken comes back in the retry, and raises its alert then.
    const alerts =
      deps.alerts && stored.length > 0 ? await deps.alerts.process(stored.map((c) => c.call)) : NONE;
    deps.log?.({
      msg: 'batch',
      shard: batch.shardId,
      records: event.Records.length,
      calls: batch.calls.length,
      quarantined: batch.quarantined.length,
      duplicates: batch.calls.length - calls.length,
      outcome: result.kind,
      ...(result.kind === 'retryable' ? { code: result.code, failedSequenceNumber: failed } : {}),
      alerts: alerts.published,
      writes: result.writes + quarantineWrites + windowWrites + alerts.writes,
      ms: Math.round(performance.now() - began),
      iteratorAgeMs: batch.oldest > 0 ? Math.max(0, now() - batch.oldest) : 0,
    });
    return { batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed }] };
  };
}

const NONE = { published: 0, writes: 0 } as const;

function windowEvent(c: SequencedCall): { eventId: string; sequenceNumber: string } {
  return { eventId: c.call.eventId, sequenceNumber: c.sequenceNumber };
}

/** Compares Kinesis sequence numbers (decimal strings of varying length) numerically. */
export function compareSequence(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
