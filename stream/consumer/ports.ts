import type { QuarantineCode } from '../../core/types.js';

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
