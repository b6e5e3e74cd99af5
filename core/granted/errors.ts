/** Closed list of reasons a granted-permissions snapshot or policy document is rejected. */
export const GRANTED_ERROR_CODES = [
  /** The snapshot is not the JSON object `get-account-authorization-details` prints, or a field has the wrong type. */
  'INVALID_SNAPSHOT',
  /** A role or user ARN is not an IAM role or user ARN. */
  'INVALID_PRINCIPAL_ARN',
  /** A policy document is not valid JSON, not URL-encoded JSON, or not an IAM policy document. */
  'INVALID_POLICY_DOCUMENT',
  /** A user names a group that the snapshot does not contain. */
  'UNKNOWN_GROUP',
  /** A managed policy is attached but the snapshot holds no default version of it. */
  'UNKNOWN_MANAGED_POLICY',
] as const;

/** Machine-readable code of a {@link GrantedError}. */
export type GrantedErrorCode = (typeof GRANTED_ERROR_CODES)[number];

/** Granted-permissions input that cannot be used; the message names the offending field or policy. */
export class GrantedError extends Error {
  override readonly name = 'GrantedError';
  readonly code: GrantedErrorCode;

  constructor(code: GrantedErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}
