import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from './errors.js';

/** Writes a file atomically (temp file + rename), creating its directory; '-' writes to stdout. */
export async function writeOutput(path: string, text: string): Promise<void> {
  if (path === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'write error';
    throw new CliError('WRITE_FAILED', `${path}: cannot write (${reason})`, { cause: error });
  }
}
