import type { ApiCall } from '../../core/types.js';
import type { UsageAggregate } from '../../core/usage/aggregate.js';
import type { PrincipalSummary } from '../../core/usage/principal-summary.js';
import type { StoreErrorCode } from './errors.js';

/** One normalised call with the Kinesis sequence number of the record that carried it. */
export interface SequencedCall {
  /** Decimal Kinesis sequence number (up to 128 digits); increases along the shard. */
  readonly sequenceNumber: string;
  readonly call: ApiCall;
}

/** One batch of one shard, already deduplicated by eventID and in sequence order. */
export interface ApplyBatchInput {
  readonly shardId: string;
  readonly calls: readonly SequencedCall[];
}

/**
 * Outcome of applying a batch. `retryable` means nothing is lost or double counted: every call before
 * `failedSequenceNumber` is stored, and re-applying from it (or the whole batch) is exact. `code` says whether a
 * retry is likely to help soon (THROTTLED, UNAVAILABLE, CONFLICT) or the store refused the request (REJECTED).
 */
export type ApplyResult =
  | {
      readonly kind: 'applied';
      /** PutItem requests sent, including conditional writes that lost a race (the SDK's own resends excluded). */
      readonly writes: number;
      /** Distinct items written. */
      readonly items: number;
    }
  | {
      readonly kind: 'retryable';
      readonly code: StoreErrorCode;
      readonly message: string;
      /** Lowest sequence number of a call that is not fully stored: report it as the batch item failure. */
      readonly failedSequenceNumber: string;
      readonly writes: number;
    };

/** Inclusive range of UTC days (`YYYY-MM-DD`); either end may be open. */
export interface DayRange {
  readonly start?: string;
  readonly end?: string;
}

/** Stores usage aggregates with exactly-once effect per Kinesis record, and reads them back merged. */
export interface UsageStore {
  /** Merges a batch of one shard into the store; calls already merged (by an earlier attempt) are skipped. */
  applyBatch(input: ApplyBatchInput): Promise<ApplyResult>;
  /** Aggregates of a principal within the days, merged across storage buckets, ordered like `compareAggregates`. */
  usageOf(principal: string, range?: DayRange): Promise<UsageAggregate[]>;
  /** Per-principal totals over everything stored, ordered by ARN. */
  principalSummaries(): Promise<PrincipalSummary[]>;
}
