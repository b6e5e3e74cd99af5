/** Why the local dev stack could not start. */
export const DEV_STACK_ERROR_CODES = [
  'PORT_IN_USE',
  'ALREADY_RUNNING',
  'STACK_FILE',
  'SETUP_FAILED',
] as const;
/** One of {@link DEV_STACK_ERROR_CODES}. */
export type DevStackErrorCode = (typeof DEV_STACK_ERROR_CODES)[number];

/** A failure to start the dev stack; none is retryable without the user changing something. */
export class DevStackError extends Error {
  override readonly name = 'DevStackError';
  readonly code: DevStackErrorCode;
  readonly retryable = false;

  constructor(code: DevStackErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}

/** Translates a failure of `startLocalAws` (a port taken, usually) into a {@link DevStackError}. */
export function toStartError(error: unknown, ports: { kinesis: number; dynamodb: number }): DevStackError {
  const cause = error as NodeJS.ErrnoException & { port?: number };
  if (cause.code === 'EADDRINUSE' || cause.code === 'EACCES') {
    const which = cause.port === ports.dynamodb ? '--dynamodb-port' : '--kinesis-port';
    const why = cause.code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges';
    return new DevStackError('PORT_IN_USE', `port ${cause.port ?? '?'} ${why} (${which})`, error);
  }
  return new DevStackError('SETUP_FAILED', `cannot start the local AWS emulators: ${cause.message}`, error);
}
