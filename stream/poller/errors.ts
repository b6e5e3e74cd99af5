/** Error codes the poller throws; everything else (handler errors, Kinesis hiccups) is handled and logged. */
export const POLLER_ERROR_CODES = ['INVALID_OPTIONS', 'STREAM_NOT_FOUND', 'INVALID_CHECKPOINT_FILE'] as const;
/** One of {@link POLLER_ERROR_CODES}. */
export type PollerErrorCode = (typeof POLLER_ERROR_CODES)[number];

/** A poller error that stops `startPoller` or a checkpoint store from opening; none of them is retryable. */
export class PollerError extends Error {
  readonly code: PollerErrorCode;
  readonly retryable = false;

  constructor(code: PollerErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PollerError';
    this.code = code;
  }
}

/** Kinesis error names, as the SDK reports them in `error.name`. */
export const KINESIS_ERRORS = {
  EXPIRED_ITERATOR: 'ExpiredIteratorException',
  INVALID_ARGUMENT: 'InvalidArgumentException',
  RESOURCE_NOT_FOUND: 'ResourceNotFoundException',
} as const;

const THROTTLING_ERRORS: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'ThrottlingException',
]);

/** The SDK error name of `error`, or undefined for non-SDK errors. */
export function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** Whether Kinesis asked us to slow down (per-shard read limit or control-plane rate limit). */
export function isThrottling(error: unknown): boolean {
  return THROTTLING_ERRORS.has(errorName(error) ?? '');
}

/** A short, single-line description of an error for log lines (never a stack). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}
