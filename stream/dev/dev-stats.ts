import { compareSequence } from '../consumer/index.js';
import type { ReplayStats } from '../eventbridge/index.js';
import type {
  FailedBatchInfo,
  KinesisBatchResponse,
  KinesisStreamEvent,
  ShardStats,
} from '../poller/index.js';
import type { ApplyBatchInput, ApplyResult, UsageStore } from '../store/index.js';

/** Where the fixture replay of the dev stack is. */
export type DevReplayState = 'off' | 'running' | 'done' | 'stopped' | 'failed';

/** What the dev stack has done so far: replay, consumer and event source mapping counts. */
export interface DevStats {
  readonly uptimeMs: number;
  readonly replay: Readonly<ReplayStats> & { readonly state: DevReplayState };
  /** Records the consumer finished (stored, quarantined or dropped as duplicates). */
  readonly records: number;
  /** Consumer invocations that returned, including ones that reported a partial failure. */
  readonly batches: number;
  /** API calls merged into the usage store. */
  readonly applied: number;
  /** EventBridge redeliveries and repeated eventIDs dropped by the redelivery window. */
  readonly duplicates: number;
  readonly quarantined: number;
  /** DynamoDB write requests: usage items, redelivery window and quarantine. */
  readonly writes: number;
  /** Invocations that threw or reported failed items (each is retried). */
  readonly failedInvocations: number;
  /** Records given up on and sent to the on-failure destination. */
  readonly discarded: number;
  /** Largest IteratorAge over the shards (age of the last record of the last batch), if any batch ran. */
  readonly iteratorAgeMs: number | undefined;
  readonly shards: readonly ShardStats[];
  /** Resident memory of the process: the emulators keep every record and item in it. */
  readonly rssBytes: number;
}

/** Replay counts before anything was sent. */
export function emptyReplayStats(): ReplayStats {
  return { read: 0, sent: 0, skipped: 0, retried: 0, failed: 0, fallbackKeys: 0, passes: 0 };
}

/** The consumer-side counters of {@link DevStats}, fed by wrappers around the store, the handler and its log. */
export class ConsumerCounters {
  records = 0;
  batches = 0;
  applied = 0;
  duplicates = 0;
  quarantined = 0;
  writes = 0;
  discarded = 0;

  /** Counts the calls a batch stored: all of them, or those before the first one that failed. */
  countingStore(store: UsageStore): UsageStore {
    return {
      applyBatch: async (input: ApplyBatchInput): Promise<ApplyResult> => {
        const result = await store.applyBatch(input);
        this.applied +=
          result.kind === 'applied'
            ? input.calls.length
            : input.calls.filter((c) => compareSequence(c.sequenceNumber, result.failedSequenceNumber) < 0)
                .length;
        return result;
      },
      usageOf: (principal, range) => store.usageOf(principal, range),
      principalSummaries: () => store.principalSummaries(),
    };
  }

  /** Counts the records a handler finished: all, or those before the first reported failure. */
  countingHandler(
    handler: (event: KinesisStreamEvent) => Promise<KinesisBatchResponse>,
  ): (event: KinesisStreamEvent) => Promise<KinesisBatchResponse> {
    return async (event) => {
      const response = await handler(event);
      const failed = response.batchItemFailures[0]?.itemIdentifier;
      this.batches++;
      this.records +=
        failed === undefined
          ? event.Records.length
          : event.Records.filter((r) => compareSequence(r.kinesis.sequenceNumber, failed) < 0).length;
      return response;
    };
  }

  /** Reads the consumer's per-batch log line. */
  onConsumerLog(line: Record<string, unknown>): void {
    this.duplicates += numberOf(line.duplicates);
    this.quarantined += numberOf(line.quarantined);
    this.writes += numberOf(line.writes);
  }

  /** The on-failure destination's count. */
  onFailure(info: FailedBatchInfo): void {
    this.discarded += info.batchSize;
  }
}

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The largest IteratorAge over shards that have run a batch. */
export function maxIteratorAge(shards: readonly ShardStats[]): number | undefined {
  const ages = shards.flatMap((s) => (s.iteratorAgeMs === undefined ? [] : [s.iteratorAgeMs]));
  return ages.length === 0 ? undefined : Math.max(...ages);
}
