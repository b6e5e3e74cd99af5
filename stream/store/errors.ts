/** Closed list of reasons a store operation did not complete. */
export const STORE_ERROR_CODES = [
  /** DynamoDB throttled the request after the SDK's own retries. */
  'THROTTLED',
  /** 5xx, timeout or network failure after the SDK's own retries. */
  'UNAVAILABLE',
  /** Concurrent writers kept winning the conditional write on the same item. */
  'CONFLICT',
  /** DynamoDB refused the request for another reason (missing table, access, validation): retrying may not help. */
  'REJECTED',
  /** The caller broke the input contract (sequence order, duplicate eventIDs, sequence number syntax). */
  'INVALID_INPUT',
  /** A stored item does not decode: written by something else, or by an incompatible version. */
  'CORRUPT_ITEM',
  /** An item would exceed DynamoDB's 400 KB limit even after bucketing. */
  'ITEM_TOO_LARGE',
] as const;

/** Machine-readable code of a {@link StoreError}. */
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<StoreErrorCode> = new Set(['THROTTLED', 'UNAVAILABLE', 'CONFLICT']);

/** A store failure; `retryable` says whether backing off and trying again can help. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  readonly retryable: boolean;

  constructor(code: StoreErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.retryable = RETRYABLE.has(code);
  }
}

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const TRANSIENT = new Set([
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/** True for the error DynamoDB returns when a condition expression does not hold. */
export function isConditionFailure(error: unknown): boolean {
  return (error as SdkErrorShape | undefined)?.name === 'ConditionalCheckFailedException';
}

/**
 * True for errors of a request (DynamoDB, the SDK, the network), which become results; anything else is a bug
 * and is rethrown as it is.
 */
export function isRequestError(error: unknown): boolean {
  if (error instanceof StoreError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as SdkErrorShape;
  return shape.$metadata !== undefined || NETWORK.has(String(shape.code));
}

/** Translates an SDK or network error into a {@link StoreError} (a StoreError passes through). */
export function toStoreError(error: unknown, doing: string): StoreError {
  if (error instanceof StoreError) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const status = shape.$metadata?.httpStatusCode;
  const code: StoreErrorCode = THROTTLING.has(name)
    ? 'THROTTLED'
    : TRANSIENT.has(name) || NETWORK.has(String(shape.code)) || (typeof status === 'number' && status >= 500)
      ? 'UNAVAILABLE'
      : 'REJECTED';
  // The SDK's message is about the request, never about stored content, so it is safe to pass on.
  const detail = typeof shape.message === 'string' ? shape.message.slice(0, 200) : '';
  return new StoreError(code, `${doing} failed: ${name}${detail ? `: ${detail}` : ''}`, error);
}
