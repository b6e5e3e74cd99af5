import { createHash } from 'node:crypto';
import { asObject, type EventBridgeEvent } from './envelope.js';

/** Kinesis accepts partition keys of 1 to 256 characters. */
export const MAX_PARTITION_KEY_LENGTH = 256;

/** A record's Kinesis partition key, and whether it had to fall back from `detail.eventID`. */
export interface PartitionKey {
  readonly key: string;
  /** True when `detail.eventID` was missing, empty or too long and the key came from elsewhere. */
  readonly fallback: boolean;
}

/**
 * The partition key of an event, `detail.eventID`, so redeliveries of one CloudTrail event land on one shard; an
 * unusable eventID falls back to the EventBridge id (or, for a broken pass-through event, a hash of its content).
 */
export function partitionKeyOf(event: EventBridgeEvent): PartitionKey {
  const eventId = asObject(event.detail)?.eventID;
  if (isPartitionKey(eventId)) return { key: eventId, fallback: false };
  if (isPartitionKey(event.id)) return { key: event.id, fallback: true };
  return { key: createHash('sha256').update(JSON.stringify(event)).digest('hex'), fallback: true };
}

/** True for a string Kinesis accepts as a partition key. */
export function isPartitionKey(value: unknown): value is string {
  // UTF-16 length ≥ code-point length, so this never lets a too-long key through.
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_PARTITION_KEY_LENGTH;
}
