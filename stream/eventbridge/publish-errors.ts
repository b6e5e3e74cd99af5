/** Closed list of reasons a PutRecords delivery fails as a whole. */
export const PUBLISH_ERROR_CODES = [
  'STREAM_NOT_FOUND',
  'UNREACHABLE',
  'ACCESS_DENIED',
  'NO_CREDENTIALS',
  'NO_REGION',
  'THROTTLED',
  'REQUEST_FAILED',
] as const;

/** Machine-readable code of a {@link PublishError}. */
export type PublishErrorCode = (typeof PUBLISH_ERROR_CODES)[number];

/** A Kinesis request that failed as a whole; `retryable` says whether backing off and resending can help. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
  readonly code: PublishErrorCode;
  readonly retryable: boolean;
  /** The AWS error name (`ResourceNotFoundException`, `ECONNREFUSED`, …), for messages. */
  readonly awsName: string;

  constructor(code: PublishErrorCode, message: string, awsName: string, cause: unknown) {
    super(message, { cause });
    this.code = code;
    this.awsName = awsName;
    this.retryable = code === 'UNREACHABLE' || code === 'THROTTLED';
  }
}

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'ThrottlingException',
  'KMSThrottlingException',
]);
const TRANSIENT = new Set([
  'InternalFailure',
  'InternalFailureException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);
const ACCESS = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'KMSAccessDeniedException',
]);

/**
 * Translates an SDK or network error of a request on `streamName` into a {@link PublishError} with a one-line
 * message naming the stream and where it was looked for.
 */
export function toPublishError(error: unknown, streamName: string, where: string): PublishError {
  if (error instanceof PublishError) return error;
  const name = errorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const fail = (code: PublishErrorCode, message: string) => new PublishError(code, message, name, error);
  if (name === 'ResourceNotFoundException')
    return fail('STREAM_NOT_FOUND', `stream '${streamName}' not found ${where} (${name})`);
  if (NETWORK.has(name)) return fail('UNREACHABLE', `cannot reach Kinesis ${where} (${name})`);
  if (name === 'CredentialsProviderError')
    return fail('NO_CREDENTIALS', 'no AWS credentials found by the default credential chain');
  if (/region is missing/i.test(errorMessage(error)))
    return fail('NO_REGION', 'no AWS region configured (AWS_REGION, profile)');
  if (ACCESS.has(name))
    return fail('ACCESS_DENIED', `access to stream '${streamName}' ${where} denied (${name})`);
  if (THROTTLING.has(name) || TRANSIENT.has(name) || (status !== undefined && status >= 500))
    return fail('THROTTLED', `Kinesis ${where} is throttling or failing (${name})`);
  return fail('REQUEST_FAILED', `Kinesis request on stream '${streamName}' ${where} failed (${name})`);
}

/** True for a per-record PutRecords error code that a resend can fix. */
export function isRetryableRecordError(code: string): boolean {
  return THROTTLING.has(code) || TRANSIENT.has(code);
}

function errorName(error: unknown): string {
  const e = error as {
    name?: unknown;
    code?: unknown;
    cause?: { code?: unknown };
    errors?: { code?: unknown }[];
  } | null;
  // Node reports a refused dual-stack connect as an AggregateError; the SDK sometimes wraps the socket error.
  const code = e?.code ?? e?.cause?.code ?? e?.errors?.[0]?.code;
  if (typeof code === 'string' && NETWORK.has(code)) return code;
  return typeof e?.name === 'string' && e.name !== 'Error'
    ? e.name
    : typeof code === 'string'
      ? code
      : 'Error';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
