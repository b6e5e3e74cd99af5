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
  await writeAtomically(path, (target) => writeFile(target, text));
}

/**
 * Has `write` create the file at a temp path next to `path` (its directory created first), then renames it over
 * `path`, so readers never see half a file; a device or FIFO is written into directly (see isSpecialFile). Any
 * failure removes the temp file and becomes one `WRITE_FAILED` line naming `path` and the reason.
 */
export async function writeAtomically(path: string, write: (target: string) => Promise<void>): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    if (isSpecialFile(path)) {
      await write(path);
      return;
    }
    await mkdir(dirname(path), { recursive: true });
    await write(temp);
    await rename(temp, path);
  } catch (error) {
    // Best effort: when the directory is not usable, neither is the temp file, and its removal fails too.
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
function isSpecialFile(path: string): boolean {
  const info = statSync(path, { throwIfNoEntry: false });
  return info !== undefined && !info.isFile() && !info.isDirectory();
}
