import type { ApiCall, QuarantineCode } from '../../core/types.js';

/** A Kinesis record the consumer could not turn into an API call, with why. Never contains the record's text. */
export interface QuarantineEntry {
  readonly shardId: string;
  readonly sequenceNumber: string;
  /** Arrival time of the record in Kinesis, epoch ms. */
  readonly at: number;
  readonly code: QuarantineCode | 'INVALID_BASE64';
  readonly reason: string;
  /** Size of the record's data in bytes. */
  readonly bytes: number;
}

/** Where quarantined records go: stored, counted, never retried. Writing the same entry twice must be harmless. */
export interface QuarantineSink {
  /** Stores entries; returns the number of write requests used. */
  put(entries: readonly QuarantineEntry[]): Promise<number>;
}

/** The eventID redelivery window (see stream/dedupe). */
export interface RedeliveryWindow {
  filter(
    shardId: string,
    events: readonly { eventId: string; sequenceNumber: string }[],
    at: number,
  ): Promise<boolean[]>;
  record(
    shardId: string,
    events: readonly { eventId: string; sequenceNumber: string }[],
    at: number,
  ): Promise<number>;
}

/** The high-risk alert step (see stream/alerts): raises each first-use or denied-attempt alert exactly once. */
export interface AlertStep {
  /**
   * Runs over calls the store holds, so a retry re-sends them; throws when an alert may not have gone out, and
   * the whole batch is then retried, which is exact because the store skips merged calls and the step is idempotent.
   */
  process(calls: readonly ApiCall[]): Promise<{ readonly published: number; readonly writes: number }>;
}
