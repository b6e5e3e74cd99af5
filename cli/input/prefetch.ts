import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { fileSystemError, gzipError, type InputError, isGzipError } from './errors.js';

const gunzipAsync = promisify(gunzip);

/** A file read and decompressed ahead of time: its text, `undefined` when it must be streamed, or the failure. */
export type Prefetched =
  | { readonly text: string | undefined; readonly bytes: number }
  | { readonly error: InputError };

/**
 * Reads and gunzips a file on libuv's thread pool while the main thread is still busy with the previous one, so
 * decompression (~15% of an analysis) overlaps with parsing and analysis. Never rejects: failures are returned
 * and surface when the file's turn comes, exactly as if it had been read then.
 */
export async function prefetchFile(path: string, limit: number): Promise<Prefetched> {
  try {
    const info = await stat(path);
    // Pipes report size 0 and may never end, and big files are streamed: leave both to the streaming path.
    if (!info.isFile() || info.size > limit) return { text: undefined, bytes: 0 };
    const raw = await readFile(path);
    const bytes = raw.length;
    if (bytes < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return { text: raw.toString('utf8'), bytes };
    if (bytes >= 18 && raw.readUInt32LE(bytes - 4) > limit) return { text: undefined, bytes };
    try {
      return { text: (await gunzipAsync(raw, { maxOutputLength: limit })).toString('utf8'), bytes };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { text: undefined, bytes };
      if (isGzipError(error)) return { error: gzipError(error, path) };
      throw error;
    }
  } catch (error) {
    return { error: fileSystemError(error, path) };
  }
}
