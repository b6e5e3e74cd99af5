import { statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from './errors.js';

/**
 * Writes a file atomically (temp file + rename), creating its directory; '-' writes to stdout, and a device or FIFO
 * (`/dev/null`, `/dev/stdout`, a named pipe) is written into directly.
 */
export async function writeOutput(path: string, text: string): Promise<void> {
  if (path === '-') {
    process.stdout.write(text);
    return;
  }
  const temp = `${path}.${process.pid}.tmp`;
  try {
    if (isSpecialFile(path)) {
      await writeFile(path, text);
      return;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw new CliError('WRITE_FAILED', `${path}: cannot write (${writeFailureReason(error)})`, {
      cause: error,
    });
  }
}

/** Why a file could not be written, in words where the code alone would puzzle. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? 'write error';
  }
}

/**
 * True for an existing target that is neither a regular file nor a directory: a device, FIFO or socket. Renaming a
 * temp file over one would replace it with a regular file (as root, even `/dev/null`), so it is written into.
 */
export function isSpecialFile(path: string): boolean {
  const info = statSync(path, { throwIfNoEntry: false });
  return info !== undefined && !info.isFile() && !info.isDirectory();
}
