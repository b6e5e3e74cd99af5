import { z } from 'zod';

/**
 * The CloudTrail fields iamlp reads, validated loosely: unknown fields are ignored (AWS adds fields in minor
 * versions) and request/response bodies stay `unknown` because CloudTrail does not type them.
 * Only the fields needed downstream are declared, so parsing stays cheap on millions of records.
 */

/** Upper bound for identifiers we keep (ARNs, names); anything longer is treated as hostile input. */
export const MAX_IDENTIFIER_LENGTH = 2048;

const identifier = z.string().max(MAX_IDENTIFIER_LENGTH);

/** eventSource is a service host name. */
export const EVENT_SOURCE_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;
/** eventName is an API operation name (some carry version suffixes or dots). */
export const EVENT_NAME_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** A JSON object whose contents are not validated here (they are read defensively by the mappers). */
const OpaqueObjectSchema = z.custom<Readonly<Record<string, unknown>>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'expected an object',
);

/** `userIdentity.sessionContext.sessionIssuer`: the role or user that issued a temporary session. */
export const SessionIssuerSchema = z.object({
  type: identifier.optional(),
  arn: identifier.optional(),
  accountId: identifier.optional(),
  userName: identifier.optional(),
});

/** `userIdentity.sessionContext`. */
export const SessionContextSchema = z.object({
  sessionIssuer: SessionIssuerSchema.nullish(),
  webIdFederationData: z.object({ federatedProvider: identifier.optional() }).nullish().catch(undefined),
  sourceIdentity: identifier.nullish().catch(undefined),
});

/** `userIdentity`, covering every type CloudTrail writes (IAMUser, AssumedRole, Root, AWSService, …). */
export const UserIdentitySchema = z.object({
  type: identifier.optional(),
  arn: identifier.nullish(),
  accountId: identifier.nullish(),
  principalId: identifier.nullish(),
  userName: identifier.nullish(),
  invokedBy: identifier.nullish(),
  identityProvider: identifier.nullish(),
  sessionContext: SessionContextSchema.nullish(),
});
export type UserIdentity = z.infer<typeof UserIdentitySchema>;

/** One entry of a record's `resources[]`. */
export const RecordResourceSchema = z.object({
  ARN: identifier.optional(),
  type: identifier.optional(),
  accountId: identifier.optional(),
});

/** A CloudTrail event record (eventVersion 1.x). */
export const CloudTrailRecordSchema = z.object({
  eventVersion: z.string().max(16),
  eventID: identifier.min(1),
  eventTime: z.string().max(64).optional(),
  /** OTRF exports replace eventTime with `@timestamp`. */
  '@timestamp': z.string().max(64).optional(),
  eventSource: z.string().max(256).regex(EVENT_SOURCE_PATTERN, 'eventSource is not a service host name'),
  eventName: z
    .string()
    .max(256)
    .regex(EVENT_NAME_PATTERN, 'eventName contains characters no AWS API name has'),
  awsRegion: z.string().max(64).optional(),
  eventType: z.string().max(64).optional(),
  recipientAccountId: identifier.optional(),
  errorCode: z.string().max(256).nullish(),
  errorMessage: z.string().nullish(),
  userIdentity: UserIdentitySchema,
  requestParameters: OpaqueObjectSchema.nullish().catch(null),
  responseElements: OpaqueObjectSchema.nullish().catch(null),
  additionalEventData: OpaqueObjectSchema.nullish().catch(null),
  resources: z.array(RecordResourceSchema).nullish().catch(null),
});
export type CloudTrailRecord = z.infer<typeof CloudTrailRecordSchema>;

/** The detail-type EventBridge gives CloudTrail API calls. */
export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

/** An EventBridge event as EventBridge writes it to a target: the CloudTrail record is in `detail`. */
export const EventBridgeEnvelopeSchema = z.object({
  'detail-type': z.string(),
  source: z.string().optional(),
  account: z.string().optional(),
  region: z.string().optional(),
  detail: z.unknown(),
});
export type EventBridgeEnvelope = z.infer<typeof EventBridgeEnvelopeSchema>;
