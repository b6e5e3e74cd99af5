/** Closed list of reasons a CloudTrail input cannot be read at all. */
export const INPUT_ERROR_CODES = [
  'INPUT_NOT_FOUND',
  'INPUT_UNREADABLE',
  'INVALID_JSON',
  'UNSUPPORTED_INPUT',
] as const;

/** Machine-readable code of an {@link InputError}. */
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

/** A recoverable defect in one part of an input (a bad JSON Lines line) that was skipped. */
export interface InputProblem {
  readonly source: string;
  readonly line?: number;
  readonly message: string;
}

/** A failure that stops reading: the message is one line, names the source and never quotes record content. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly code: InputErrorCode;
  readonly source: string;
  readonly line?: number;

  constructor(
    code: InputErrorCode,
    message: string,
    where: { readonly source: string; readonly line?: number | undefined },
    options?: { readonly cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.source = where.source;
    if (where.line !== undefined) this.line = where.line;
  }
}

/** Maps a Node.js file-system error to an {@link InputError} that names the path but not the OS message details. */
export function fileSystemError(error: unknown, source: string): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new InputError(
      'INPUT_NOT_FOUND',
      `${source}: no such file or directory`,
      { source },
      { cause: error },
    );
  }
  const reason = code === undefined ? 'read failed' : code;
  return new InputError(
    'INPUT_UNREADABLE',
    `${source}: cannot read (${reason})`,
    { source },
    { cause: error },
  );
}

/** Runs a synchronous file-system call, turning its failure into an {@link InputError} for `path`. */
export function withFileSystemErrors<T>(path: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw fileSystemError(error, path);
  }
}

/** Maps a zlib failure to an {@link InputError}: a truncated or corrupt archive is bad input, not an I/O fault. */
export function gzipError(error: unknown, source: string): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const what = code === 'Z_BUF_ERROR' ? 'truncated gzip data' : 'corrupt gzip data';
  return new InputError('INVALID_JSON', `${source}: invalid input (${what})`, { source }, { cause: error });
}

/** True for errors raised by zlib while inflating. */
export function isGzipError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
