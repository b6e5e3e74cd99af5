import { toStoreError } from '../store/errors.js';

/** Closed list of reasons the alert step did not complete. */
export const ALERT_ERROR_CODES = [
  /** DynamoDB or EventBridge throttled the request after the SDK's own retries. */
  'THROTTLED',
  /** 5xx, timeout or network failure after the SDK's own retries. */
  'UNAVAILABLE',
  /** The service refused the request for a reason a retry does not fix (missing table or bus, access, validation). */
  'REJECTED',
  /** PutEvents accepted the request but failed the entry (EventBridge reports per-entry failures, not errors). */
  'PUBLISH_FAILED',
  /** A gate item disappeared between a failed conditional write and the read that followed it. */
  'CONFLICT',
  /** A stored gate or alert item does not decode: written by something else, or by an incompatible version. */
  'CORRUPT_ITEM',
] as const;

/** Machine-readable code of an {@link AlertError}. */
export type AlertErrorCode = (typeof ALERT_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<AlertErrorCode> = new Set([
  'THROTTLED',
  'UNAVAILABLE',
  'PUBLISH_FAILED',
  'CONFLICT',
]);

/** A failure of the alert gate or an alert sink; `retryable` says whether trying again soon can help. */
export class AlertError extends Error {
  override readonly name = 'AlertError';
  readonly code: AlertErrorCode;
  readonly retryable: boolean;

  constructor(code: AlertErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.retryable = RETRYABLE.has(code);
  }
}

/** Translates an SDK or network error into an {@link AlertError} (an AlertError passes through). */
export function toAlertError(error: unknown, doing: string): AlertError {
  if (error instanceof AlertError) return error;
  // The store already classifies AWS SDK errors (throttling, transient, network); reuse it, keep our own codes.
  const classified = toStoreError(error, doing);
  const code: AlertErrorCode =
    classified.code === 'THROTTLED' || classified.code === 'UNAVAILABLE' ? classified.code : 'REJECTED';
  return new AlertError(code, classified.message, error);
}
