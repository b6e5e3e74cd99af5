import { randomUUID } from 'node:crypto';
import { CLOUDTRAIL_DETAIL_TYPE } from '../../core/cloudtrail/schema.js';

/** An EventBridge event as a rule delivers it to a Kinesis target; for CloudTrail, `detail` is the record. */
export interface EventBridgeEvent {
  readonly version: string;
  /** Fresh per delivery: a redelivery of one CloudTrail event may carry another id. Never dedupe on it. */
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Seams for {@link toEventBridgeEvent}: deterministic ids and clock in tests. */
export interface EnvelopeOptions {
  /** EventBridge event id generator (default `crypto.randomUUID`). */
  readonly newId?: () => string;
  /** Clock used when the record has no readable event time (default: the current time). */
  readonly now?: () => Date;
}

/** Used when a record has no eventSource: EventBridge itself always has one, a replayed record may not. */
const UNKNOWN_SOURCE = 'aws.unknown';

/**
 * Wraps a CloudTrail record exactly as an EventBridge rule delivers it to a Kinesis target; values that are
 * already EventBridge events (they have `detail-type`) are returned unchanged.
 */
export function toEventBridgeEvent(
  record: Readonly<Record<string, unknown>>,
  options: EnvelopeOptions = {},
): EventBridgeEvent {
  if (isEventBridgeEvent(record)) return record;
  const identity = asObject(record.userIdentity);
  return {
    version: '0',
    id: (options.newId ?? randomUUID)(),
    'detail-type': CLOUDTRAIL_DETAIL_TYPE,
    source: sourceOf(record.eventSource),
    account: stringOr(record.recipientAccountId, stringOr(identity?.accountId, '')),
    time: eventBridgeTime(record.eventTime ?? record['@timestamp'], options.now ?? (() => new Date())),
    region: stringOr(record.awsRegion, ''),
    resources: [],
    detail: record,
  };
}

/** True for a value that is already an EventBridge event (has a `detail-type`). */
export function isEventBridgeEvent(
  value: Readonly<Record<string, unknown>>,
): value is Readonly<Record<string, unknown>> & EventBridgeEvent {
  return 'detail-type' in value;
}

/** EventBridge `source` of a CloudTrail eventSource host: `s3.amazonaws.com` → `aws.s3`. */
export function sourceOf(eventSource: unknown): string {
  if (typeof eventSource !== 'string') return UNKNOWN_SOURCE;
  const service = eventSource.split('.', 1)[0] ?? '';
  return service === '' ? UNKNOWN_SOURCE : `aws.${service}`;
}

/** Formats a time like EventBridge does, in whole seconds: `2024-03-01T10:00:00Z`. */
export function toEventBridgeTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function eventBridgeTime(value: unknown, now: () => Date): string {
  const parsed = typeof value === 'string' ? new Date(value) : undefined;
  return toEventBridgeTime(parsed && !Number.isNaN(parsed.getTime()) ? parsed : now());
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** The value as a plain JSON object, or undefined for arrays, null and scalars. */
export function asObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
