import type { z } from 'zod';
import { isPermissionless } from '../actions/index.js';
import type { CallContext, RecordResource } from '../call-context.js';
import { mapCall } from '../mapping/map-call.js';
import { classifyOutcome } from '../outcome/classify-outcome.js';
import { partitionOfRegion } from '../principal/partition.js';
import { resolveCaller } from '../principal/resolve-principal.js';
import type { ApiCall, NormaliseResult, QuarantineCode, Quarantined } from '../types.js';
import { fastParseRecord } from './fast-parse.js';
import { CLOUDTRAIL_DETAIL_TYPE, type CloudTrailRecord, CloudTrailRecordSchema } from './schema.js';

const SUPPORTED_VERSION = /^1\.\d{1,3}$/;

/**
 * Turns one raw CloudTrail record — a bare record or an EventBridge envelope around one — into an ApiCall,
 * or says why it cannot be analysed. Never throws on bad input.
 */
export function normaliseRecord(raw: unknown): NormaliseResult {
  const unwrapped = unwrapEnvelope(raw);
  if ('reason' in unwrapped) return quarantine(unwrapped.code, unwrapped.reason);
  const record = unwrapped.record;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return quarantine('NOT_AN_OBJECT', 'record is not a JSON object');
  }
  const version = (record as { eventVersion?: unknown }).eventVersion;
  if (typeof version === 'string' && !SUPPORTED_VERSION.test(version)) {
    return quarantine(
      'UNSUPPORTED_EVENT_VERSION',
      `eventVersion ${/^[0-9.]{1,8}$/.test(version) ? version : '(unrecognised)'} is not supported (1.x only)`,
      eventIdOf(record),
    );
  }
  const fast = fastParseRecord(record as Record<string, unknown>);
  if (fast) return toApiCall(fast);
  const parsed = CloudTrailRecordSchema.safeParse(record);
  if (!parsed.success) return quarantineIssue(parsed.error, eventIdOf(record));
  return toApiCall(parsed.data);
}

/** Largest `CloudTrailEvent` string parsed; CloudTrail caps records far below this. */
const MAX_EMBEDDED_EVENT = 1024 * 1024;

/**
 * Returns the CloudTrail record inside an EventBridge envelope or an `aws cloudtrail lookup-events` item
 * (`{ "EventId", "CloudTrailEvent": "<the record as JSON text>" }`), or the value itself.
 */
function unwrapEnvelope(raw: unknown): { record: unknown } | { code: QuarantineCode; reason: string } {
  if (typeof raw !== 'object' || raw === null) return { record: raw };
  const embedded = (raw as { CloudTrailEvent?: unknown }).CloudTrailEvent;
  if (typeof embedded === 'string' && !('eventVersion' in raw)) return parseEmbedded(embedded);
  if (!('detail-type' in raw)) return { record: raw };
  const envelope = raw as { 'detail-type': unknown; detail?: unknown };
  if (envelope['detail-type'] !== CLOUDTRAIL_DETAIL_TYPE) {
    return {
      code: 'NOT_CLOUDTRAIL',
      reason: `EventBridge event is not a CloudTrail API call (detail-type is not "${CLOUDTRAIL_DETAIL_TYPE}")`,
    };
  }
  return { record: envelope.detail };
}

function parseEmbedded(text: string): { record: unknown } | { code: QuarantineCode; reason: string } {
  if (text.length > MAX_EMBEDDED_EVENT)
    return { code: 'TOO_LARGE', reason: 'CloudTrailEvent text is too long' };
  try {
    return { record: JSON.parse(text) };
  } catch {
    return { code: 'INVALID_JSON', reason: 'CloudTrailEvent is not valid JSON' };
  }
}

function toApiCall(record: CloudTrailRecord): NormaliseResult {
  const timeText = record.eventTime ?? record['@timestamp'];
  if (timeText === undefined) return quarantine('MISSING_FIELD', 'missing field eventTime', record.eventID);
  const time = parseEventTime(timeText);
  if (Number.isNaN(time)) return quarantine('INVALID_FIELD', 'eventTime is not a date', record.eventID);
  const region = record.awsRegion ?? '';
  const resolved = resolveCaller(record.userIdentity, {
    recipientAccountId: record.recipientAccountId,
    region,
  });
  // Old records (eventVersion < 1.02) have no recipientAccountId: the caller's account received the call.
  const recipientAccount = record.recipientAccountId ?? resolved.sourceAccount;
  const ctx: CallContext = {
    eventSource: record.eventSource,
    eventName: record.eventName,
    requestParameters: record.requestParameters ?? null,
    responseElements: record.responseElements ?? null,
    additionalEventData: record.additionalEventData ?? null,
    resources: record.resources?.length ? record.resources.map(toRecordResource) : NO_RESOURCES,
    partition:
      resolved.principal.kind === 'aws-service' ? partitionOfRegion(region) : resolved.principal.partition,
    region,
    account: recipientAccount,
  };
  const outcome = classifyOutcome({
    eventType: record.eventType,
    errorCode: record.errorCode,
    errorMessage: record.errorMessage,
    permissionless: isPermissionless(record.eventSource, record.eventName),
  });
  const call: { -readonly [K in keyof ApiCall]: ApiCall[K] } = {
    eventId: record.eventID,
    time,
    eventSource: record.eventSource,
    eventName: record.eventName,
    region,
    principal: resolved.principal,
    sourceAccount: resolved.sourceAccount,
    recipientAccount,
    crossAccount: resolved.sourceAccount !== '' && recipientAccount !== resolved.sourceAccount,
    outcome,
    mapping: mapCall(ctx),
  };
  if (resolved.sessionName) call.sessionName = resolved.sessionName.slice(0, 128);
  if (resolved.sourceIdentity) call.sourceIdentity = resolved.sourceIdentity.slice(0, 128);
  if (resolved.invokedBy) call.invokedBy = resolved.invokedBy;
  return { kind: 'call', call };
}

const NO_RESOURCES: readonly RecordResource[] = [];
/** Parses CloudTrail's `2024-03-01T10:00:00Z` (optionally with fractional seconds) without allocating. */
function parseEventTime(text: string): number {
  const n = text.length;
  if (n < 20 || text.charCodeAt(n - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */)
    return Date.parse(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let ms = 0;
  if (n > 20) {
    // Fractional seconds: ".5Z", ".123Z", ".123456Z" — keep milliseconds like Date.parse does.
    if (text.charCodeAt(19) !== 46 /* . */) return Date.parse(text);
    const fraction = digits(text, 20, n - 21);
    if (fraction < 0 || n - 21 > 9) return Date.parse(text);
    ms = Math.floor(fraction / 10 ** (n - 21 - 3));
  }
  const separatorsOk =
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58;
  // Malformed or out-of-range fields: let Date.parse decide (it rejects them) rather than Date.UTC rolling them over.
  if (!separatorsOk || (year | month | day | hour | minute | second) < 0) return Date.parse(text);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return Date.parse(text);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** Reads `length` ASCII digits at `start` as a number; -1 if any is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return length > 0 ? value : -1;
}

function toRecordResource(r: {
  ARN?: string | undefined;
  type?: string | undefined;
  accountId?: string | undefined;
}) {
  const out: { arn?: string; type?: string; accountId?: string } = {};
  if (r.ARN !== undefined) out.arn = r.ARN;
  if (r.type !== undefined) out.type = r.type;
  if (r.accountId !== undefined) out.accountId = r.accountId;
  return out as RecordResource;
}

function quarantineIssue(error: z.ZodError, eventId: string | undefined): NormaliseResult {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'record';
  const missing = issue?.code === 'invalid_type' && issue.input === undefined;
  if (missing) return quarantine('MISSING_FIELD', `missing field ${field}`, eventId);
  if (issue?.code === 'too_big') return quarantine('TOO_LARGE', `field ${field} is too long`, eventId);
  // zod messages describe the expectation, never the offending value, so they are safe to keep.
  return quarantine('INVALID_FIELD', `invalid field ${field}: ${issue?.message ?? 'invalid'}`, eventId);
}

function quarantine(code: QuarantineCode, reason: string, eventId?: string): NormaliseResult {
  const quarantined: Quarantined = eventId ? { code, reason, eventId } : { code, reason };
  return { kind: 'quarantined', quarantined };
}

function eventIdOf(record: object): string | undefined {
  const id = (record as { eventID?: unknown }).eventID;
  return typeof id === 'string' && id.length <= 128 ? id : undefined;
}
