import {
  type CloudTrailRecord,
  EVENT_NAME_PATTERN,
  EVENT_SOURCE_PATTERN,
  MAX_IDENTIFIER_LENGTH,
  type UserIdentity,
} from './schema.js';

/** `copyString` flag: the field may also be null, as the schema's `.nullish()` allows. */
const OR_NULL = true;
/** `copyString` flag: the field may be absent or undefined but not null, as `.optional()` allows. */
const NOT_NULL = false;

/**
 * A hand-written twin of `CloudTrailRecordSchema.safeParse` for the records that are valid, which is nearly all of
 * them. It allocates only the output object, where zod copies every nested object, and takes a third of the time.
 * It returns undefined whenever anything deviates, and the caller then runs the zod schema, which stays the single
 * definition of what is valid and produces the error. `fast-parse.property.test.ts` checks both agree.
 */
export function fastParseRecord(raw: Record<string, unknown>): CloudTrailRecord | undefined {
  const eventVersion = raw.eventVersion;
  const eventID = raw.eventID;
  const eventSource = raw.eventSource;
  const eventName = raw.eventName;
  if (
    typeof eventVersion !== 'string' ||
    eventVersion.length > 16 ||
    typeof eventID !== 'string' ||
    eventID.length === 0 ||
    eventID.length > MAX_IDENTIFIER_LENGTH ||
    typeof eventSource !== 'string' ||
    eventSource.length > 256 ||
    !EVENT_SOURCE_PATTERN.test(eventSource) ||
    typeof eventName !== 'string' ||
    eventName.length > 256 ||
    !EVENT_NAME_PATTERN.test(eventName)
  ) {
    return undefined;
  }
  const userIdentity = fastUserIdentity(raw.userIdentity);
  if (!userIdentity) return undefined;
  const out: Record<string, unknown> = { eventVersion, eventID, eventSource, eventName, userIdentity };
  if (
    !copyString(raw, out, 'eventTime', 64, NOT_NULL) ||
    !copyString(raw, out, '@timestamp', 64, NOT_NULL) ||
    !copyString(raw, out, 'awsRegion', 64, NOT_NULL) ||
    !copyString(raw, out, 'eventType', 64, NOT_NULL) ||
    !copyString(raw, out, 'recipientAccountId', MAX_IDENTIFIER_LENGTH, NOT_NULL) ||
    !copyString(raw, out, 'errorCode', 256, OR_NULL) ||
    !copyString(raw, out, 'errorMessage', Number.POSITIVE_INFINITY, OR_NULL)
  ) {
    return undefined;
  }
  opaqueObject(raw, out, 'requestParameters');
  opaqueObject(raw, out, 'responseElements');
  opaqueObject(raw, out, 'additionalEventData');
  if ('resources' in raw) out.resources = fastResources(raw.resources);
  return out as CloudTrailRecord;
}

const USER_IDENTITY_NULLISH = [
  'arn',
  'accountId',
  'principalId',
  'userName',
  'invokedBy',
  'identityProvider',
] as const;

function fastUserIdentity(value: unknown): UserIdentity | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  if (!copyString(value, out, 'type', MAX_IDENTIFIER_LENGTH, NOT_NULL)) return undefined;
  for (const key of USER_IDENTITY_NULLISH) {
    if (!copyString(value, out, key, MAX_IDENTIFIER_LENGTH, OR_NULL)) return undefined;
  }
  if ('sessionContext' in value) {
    const context = value.sessionContext;
    if (context === null || context === undefined) out.sessionContext = context;
    else {
      const parsed = fastSessionContext(context);
      if (!parsed) return undefined;
      out.sessionContext = parsed;
    }
  }
  return out as UserIdentity;
}

function fastSessionContext(value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  if ('sessionIssuer' in value) {
    const issuer = value.sessionIssuer;
    if (issuer === null || issuer === undefined) out.sessionIssuer = issuer;
    else {
      if (!isObject(issuer)) return undefined;
      const parsed: Record<string, unknown> = {};
      for (const key of ['type', 'arn', 'accountId', 'userName'] as const) {
        if (!copyString(issuer, parsed, key, MAX_IDENTIFIER_LENGTH, NOT_NULL)) return undefined;
      }
      out.sessionIssuer = parsed;
    }
  }
  if ('webIdFederationData' in value) out.webIdFederationData = webIdentity(value.webIdFederationData);
  if ('sourceIdentity' in value) {
    const source = value.sourceIdentity;
    // The schema `.catch`es an invalid sourceIdentity to undefined rather than rejecting the record.
    out.sourceIdentity =
      source === null || (typeof source === 'string' && source.length <= MAX_IDENTIFIER_LENGTH)
        ? source
        : undefined;
  }
  return out;
}

function webIdentity(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (!isObject(value)) return undefined;
  const provider = value.federatedProvider;
  if (provider === undefined) return 'federatedProvider' in value ? { federatedProvider: undefined } : {};
  return typeof provider === 'string' && provider.length <= MAX_IDENTIFIER_LENGTH
    ? { federatedProvider: provider }
    : undefined;
}

function fastResources(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (!Array.isArray(value)) return null;
  const out: Record<string, unknown>[] = [];
  for (const item of value) {
    if (!isObject(item)) return null;
    const parsed: Record<string, unknown> = {};
    for (const key of ['ARN', 'type', 'accountId'] as const) {
      if (!copyString(item, parsed, key, MAX_IDENTIFIER_LENGTH, NOT_NULL)) return null;
    }
    out.push(parsed);
  }
  return out;
}

/** Copies an optional (or, when `nullable`, nullish) string field; false if another type or too long. */
function copyString(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  key: string,
  max: number,
  nullable: boolean,
): boolean {
  if (!(key in from)) return true;
  const value = from[key];
  if (value === undefined || (value === null ? nullable : typeof value === 'string' && value.length <= max)) {
    to[key] = value;
    return true;
  }
  return false;
}

/** Copies an object-or-nullish field; anything else becomes null, as the schema's `.catch(null)` does. */
function opaqueObject(from: Record<string, unknown>, to: Record<string, unknown>, key: string): void {
  if (!(key in from)) return;
  const value = from[key];
  to[key] = value === undefined || value === null || isObject(value) ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
