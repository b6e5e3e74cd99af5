/** Exit codes of the iamlp command. */
export const EXIT = {
  OK: 0,
  /** The command ran but its input or environment was bad (missing file, invalid JSON, …). */
  FAILURE: 1,
  /** The command line itself was wrong or ambiguous (unknown flag, several principals, …). */
  USAGE: 2,
  /** Stopped by Ctrl-C or SIGTERM after finishing cleanly (128 + SIGINT, as shells report it). */
  INTERRUPTED: 130,
  /** The reader of stdout went away early (`iamlp generate --all | head`): 128 + SIGPIPE, as other tools report it. */
  PIPE_CLOSED: 141,
} as const;

/** Error codes the CLI reports; each maps to one exit code. */
export const CLI_ERROR_CODES = [
  'USAGE',
  'AMBIGUOUS_PRINCIPAL',
  'UNKNOWN_PRINCIPAL',
  'INPUT_NOT_FOUND',
  'INVALID_INPUT',
  'INVALID_CONFIG',
  'INVALID_ANALYSIS',
  'NOTHING_TO_DRAFT',
  'WRITE_FAILED',
  'STREAM_NOT_FOUND',
  'AWS_ERROR',
  'DELIVERY_FAILED',
] as const;
export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

const USAGE_CODES: ReadonlySet<CliErrorCode> = new Set(['USAGE', 'AMBIGUOUS_PRINCIPAL']);

/** An error the CLI reports as one line on stderr, without a stack trace. */
export class CliError extends Error {
  readonly code: CliErrorCode;
  /** Extra lines printed after the message (e.g. the list of principals to choose from). */
  readonly details: readonly string[];

  constructor(
    code: CliErrorCode,
    message: string,
    options: { cause?: unknown; details?: readonly string[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.code = code;
    this.details = options.details ?? [];
  }

  /** Process exit code for this error. */
  get exitCode(): number {
    return USAGE_CODES.has(this.code) ? EXIT.USAGE : EXIT.FAILURE;
  }
}
