import {
  type CloudTrailRecord,
  EVENT_NAME_PATTERN,
  EVENT_SOURCE_PATTERN,
  MAX_IDENTIFIER_LENGTH,
  type UserIdentity,
} from './schema.js';

/**
 * A hand-written twin of `CloudTrailRecordSchema.safeParse` for the records that are valid, which is nearly all of
 * them. It allocates only the output objects, each built by one object literal (so every record has the same
 * shape, which keeps the code that reads them fast), where zod copies every nested object, and takes a fraction of
 * the time. It returns undefined whenever anything deviates, and the caller then runs the zod schema, which stays
 * the single definition of what is valid and produces the error. Absent optional fields come out as undefined
 * properties. `fast-parse.property.test.ts` checks both agree.
 */
export function fastParseRecord(raw: Record<string, unknown>): CloudTrailRecord | undefined {
  const { eventVersion, eventID, eventSource, eventName } = raw;
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
  const { eventTime, awsRegion, eventType, recipientAccountId, errorCode, errorMessage } = raw;
  const timestamp = raw['@timestamp'];
  if (
    !optional(eventTime, 64) ||
    !optional(timestamp, 64) ||
    !optional(awsRegion, 64) ||
    !optional(eventType, 64) ||
    !optional(recipientAccountId, MAX_IDENTIFIER_LENGTH) ||
    !nullish(errorCode, 256) ||
    !nullish(errorMessage, Number.POSITIVE_INFINITY)
  ) {
    return undefined;
  }
  return {
    eventVersion,
    eventID,
    eventSource,
    eventName,
    userIdentity,
    eventTime,
    '@timestamp': timestamp,
    awsRegion,
    eventType,
    recipientAccountId,
    errorCode,
    errorMessage,
    requestParameters: opaqueObject(raw.requestParameters),
    responseElements: opaqueObject(raw.responseElements),
    additionalEventData: opaqueObject(raw.additionalEventData),
    resources: fastResources(raw.resources),
  } as CloudTrailRecord;
}

function fastUserIdentity(value: unknown): UserIdentity | undefined {
  if (!isObject(value)) return undefined;
  const { type, arn, accountId, principalId, userName, invokedBy, identityProvider, sessionContext } = value;
  if (
    !optional(type, MAX_IDENTIFIER_LENGTH) ||
    !nullish(arn, MAX_IDENTIFIER_LENGTH) ||
    !nullish(accountId, MAX_IDENTIFIER_LENGTH) ||
    !nullish(principalId, MAX_IDENTIFIER_LENGTH) ||
    !nullish(userName, MAX_IDENTIFIER_LENGTH) ||
    !nullish(invokedBy, MAX_IDENTIFIER_LENGTH) ||
    !nullish(identityProvider, MAX_IDENTIFIER_LENGTH)
  ) {
    return undefined;
  }
  let context: unknown = sessionContext;
  if (context !== null && context !== undefined) {
    context = fastSessionContext(context);
    if (!context) return undefined;
  }
  return {
    type,
    arn,
    accountId,
    principalId,
    userName,
    invokedBy,
    identityProvider,
    sessionContext: context,
  } as UserIdentity;
}

function fastSessionContext(value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  let sessionIssuer: unknown = value.sessionIssuer;
  if (sessionIssuer !== null && sessionIssuer !== undefined) {
    if (!isObject(sessionIssuer)) return undefined;
    const { type, arn, accountId, userName } = sessionIssuer;
    if (
      !optional(type, MAX_IDENTIFIER_LENGTH) ||
      !optional(arn, MAX_IDENTIFIER_LENGTH) ||
      !optional(accountId, MAX_IDENTIFIER_LENGTH) ||
      !optional(userName, MAX_IDENTIFIER_LENGTH)
    ) {
      return undefined;
    }
    sessionIssuer = { type, arn, accountId, userName };
  }
  const source = value.sourceIdentity;
  return {
    sessionIssuer,
    webIdFederationData: webIdentity(value.webIdFederationData),
    // The schema `.catch`es an invalid sourceIdentity to undefined rather than rejecting the record.
    sourceIdentity:
      source === null || (typeof source === 'string' && source.length <= MAX_IDENTIFIER_LENGTH)
        ? source
        : undefined,
  };
}

function webIdentity(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (!isObject(value)) return undefined;
  const provider = value.federatedProvider;
  if (provider === undefined) return {};
  return typeof provider === 'string' && provider.length <= MAX_IDENTIFIER_LENGTH
    ? { federatedProvider: provider }
    : undefined;
}

function fastResources(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (!Array.isArray(value)) return null;
  const out: { ARN: unknown; type: unknown; accountId: unknown }[] = [];
  for (const item of value) {
    if (!isObject(item)) return null;
    const { ARN, type, accountId } = item;
    if (
      !optional(ARN, MAX_IDENTIFIER_LENGTH) ||
      !optional(type, MAX_IDENTIFIER_LENGTH) ||
      !optional(accountId, MAX_IDENTIFIER_LENGTH)
    ) {
      return null;
    }
    out.push({ ARN, type, accountId });
  }
  return out;
}

/** An optional string field as `.optional()` allows it: absent, undefined, or a string of at most `max`. */
function optional(value: unknown, max: number): boolean {
  return value === undefined || (typeof value === 'string' && value.length <= max);
}

/** A nullish string field as `.nullish()` allows it: also null. */
function nullish(value: unknown, max: number): boolean {
  return value === null || optional(value, max);
}

/** An object-or-nullish field; anything else becomes null, as the schema's `.catch(null)` does. */
function opaqueObject(value: unknown): unknown {
  return value === undefined || value === null || isObject(value) ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
