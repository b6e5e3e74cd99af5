import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { StreamingDocument } from '../../core/analysis/analyzer.js';
import { writeAtomically } from '../output.js';

/** Bytes gathered before each write: large enough to keep syscalls rare, small enough to bound memory. */
const CHUNK = 256 * 1024;

/**
 * Writes an analysis readably — header indented, one line per principal and usage row — streaming the rows so
 * memory does not grow with the size of the output. Files are written atomically (temp file, then rename);
 * '-' writes to stdout, and a device or FIFO (`/dev/null`, a named pipe) is written into directly.
 */
export async function writeAnalysis(path: string, doc: StreamingDocument): Promise<void> {
  if (path === '-') {
    await writeTo(process.stdout, doc);
    return;
  }
  await writeAtomically(path, (target) => writeFile(target, doc));
}

/** Writes the analysis into a file (created or truncated) and closes it. */
async function writeFile(path: string, doc: StreamingDocument): Promise<void> {
  const file = createWriteStream(path);
  await writeTo(file, doc);
  await new Promise<void>((resolve, reject) =>
    file.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

async function writeTo(out: Writable, doc: StreamingDocument): Promise<void> {
  const { principals, usage, usageRows: _, ...head } = doc;
  const headText = JSON.stringify(head, null, 2);
  let buffer = `${headText.slice(0, -2)},\n  "principals": ${rowsText(principals)},\n  "usage": [`;
  let first = true;
  for (const row of usage) {
    buffer += `${first ? '\n' : ',\n'}    ${JSON.stringify(row)}`;
    first = false;
    if (buffer.length >= CHUNK) {
      await write(out, buffer);
      buffer = '';
    }
  }
  buffer += first ? ']\n}\n' : '\n  ]\n}\n';
  await write(out, buffer);
}

function rowsText(items: readonly unknown[]): string {
  return items.length === 0 ? '[]' : `[\n${items.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
}

/** Writes and waits for the stream to drain when it asks to, so a slow disk applies backpressure. */
function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    out.once('error', onError);
    if (out.write(text)) {
      out.off('error', onError);
      resolve();
    } else {
      out.once('drain', () => {
        out.off('error', onError);
        resolve();
      });
    }
  });
}
