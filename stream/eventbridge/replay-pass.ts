import { createHash } from 'node:crypto';
import { asObject, isEventBridgeEvent, toEventBridgeTime } from './envelope.js';

/** Namespace of the eventIDs derived for later replay passes (a fixed, random UUID). */
const REPLAY_NAMESPACE = Buffer.from('6f1d3c2a9b8e4f7a8c5d0e1f2a3b4c5d', 'hex');

/**
 * A UUIDv5 (RFC 9562) derived from an eventID and a pass number: the same input always gives the same id, so a
 * record repeated within one pass still deduplicates downstream, while each pass is new to the pipeline.
 */
export function deriveEventId(eventId: string, pass: number): string {
  const hash = createHash('sha1').update(REPLAY_NAMESPACE).update(`${eventId}#${pass}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Seams of {@link forPass}. */
export interface PassOptions {
  /** Replay time of the record (becomes its eventTime). */
  readonly now: Date;
  /** New EventBridge id for re-sent EventBridge events. */
  readonly newId: () => string;
}

/**
 * The value to replay in a given pass (1-based): pass 1 sends records as read; later passes derive a new
 * `eventID` ({@link deriveEventId}) and set `eventTime` to now, so the pipeline counts them as new, recent calls.
 * EventBridge events get their `detail` rewritten and a new id and time. The input is never mutated.
 */
export function forPass(
  value: Readonly<Record<string, unknown>>,
  pass: number,
  options: PassOptions,
): Readonly<Record<string, unknown>> {
  if (pass <= 1) return value;
  const time = toEventBridgeTime(options.now);
  if (!isEventBridgeEvent(value)) return rewriteRecord(value, pass, time);
  const detail = asObject(value.detail);
  return {
    ...value,
    id: options.newId(),
    time,
    ...(detail ? { detail: rewriteRecord(detail, pass, time) } : {}),
  };
}

function rewriteRecord(
  record: Readonly<Record<string, unknown>>,
  pass: number,
  time: string,
): Readonly<Record<string, unknown>> {
  const eventId = record.eventID;
  return {
    ...record,
    ...(typeof eventId === 'string' && eventId !== '' ? { eventID: deriveEventId(eventId, pass) } : {}),
    eventTime: time,
  };
}
