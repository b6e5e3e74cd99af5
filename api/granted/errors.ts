import { GrantedError } from '../../core/granted/index.js';

/** Closed list of reasons a granted-permissions source could not answer. */
export const GRANTED_SOURCE_ERROR_CODES = [
  /** The snapshot file is missing or cannot be read. */
  'SNAPSHOT_UNREADABLE',
  /** The snapshot file is not JSON or not a valid get-account-authorization-details document. */
  'SNAPSHOT_INVALID',
  /** IAM throttled the request after the SDK's own retries. */
  'IAM_THROTTLED',
  /** 5xx, timeout or network failure after the SDK's own retries. */
  'IAM_UNAVAILABLE',
  /** The credentials may not read the principal's policies. */
  'IAM_ACCESS_DENIED',
  /** IAM refused the request for another reason. */
  'IAM_REJECTED',
  /** IAM answered with a policy document iamlp cannot read. */
  'IAM_INVALID_RESPONSE',
] as const;

/** Machine-readable code of a {@link GrantedSourceError}. */
export type GrantedSourceErrorCode = (typeof GRANTED_SOURCE_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<GrantedSourceErrorCode> = new Set(['IAM_THROTTLED', 'IAM_UNAVAILABLE']);

/** A granted-permissions source failure; `retryable` says whether trying again later can help. */
export class GrantedSourceError extends Error {
  override readonly name = 'GrantedSourceError';
  readonly code: GrantedSourceErrorCode;
  readonly retryable: boolean;

  constructor(code: GrantedSourceErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.retryable = RETRYABLE.has(code);
  }
}

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException']);
const TRANSIENT = new Set([
  'ServiceFailure',
  'ServiceFailureException',
  'InternalFailure',
  'ServiceUnavailable',
  'TimeoutError',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** True for IAM's answer that a role, user or policy does not exist. */
export function isNoSuchEntity(error: unknown): boolean {
  const name = (error as SdkErrorShape | undefined)?.name;
  return name === 'NoSuchEntityException' || name === 'NoSuchEntity';
}

/** Translates an SDK, network or document error met while `doing` into a {@link GrantedSourceError}. */
export function toIamError(error: unknown, doing: string): GrantedSourceError {
  if (error instanceof GrantedSourceError) return error;
  if (error instanceof GrantedError) {
    return new GrantedSourceError('IAM_INVALID_RESPONSE', `${doing}: ${error.message}`, error);
  }
  const shape = (error ?? {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const status = shape.$metadata?.httpStatusCode;
  const code: GrantedSourceErrorCode = THROTTLING.has(name)
    ? 'IAM_THROTTLED'
    : ACCESS_DENIED.has(name)
      ? 'IAM_ACCESS_DENIED'
      : TRANSIENT.has(name) ||
          NETWORK.has(String(shape.code)) ||
          (typeof status === 'number' && status >= 500)
        ? 'IAM_UNAVAILABLE'
        : 'IAM_REJECTED';
  const detail = typeof shape.message === 'string' ? shape.message.slice(0, 200) : '';
  return new GrantedSourceError(code, `${doing} failed: ${name}${detail ? `: ${detail}` : ''}`, error);
}
