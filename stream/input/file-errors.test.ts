import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { InputError } from './errors.js';
import { readRecords } from './read-records.js';
import type { RawRecord } from './types.js';

async function collect(inputs: string[], options: Parameters<typeof readRecords>[1]): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const batch of readRecords(inputs, options)) out.push(...batch);
  return out;
}

describe('onFileError', () => {
  it('reports a broken file through onFileError and goes on with the next', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamlp-file-errors-'));
    await writeFile(join(dir, 'a.json.gz'), gzipSync('{"Records":[{"eventID":"a"}]}').subarray(0, 20));
    await writeFile(join(dir, 'b.json'), '{"Records":[{"eventID":"b"}]}');
    const errors: InputError[] = [];

    const records = await collect([dir], { onFileError: (e) => errors.push(e) });

    expect(records.map((r) => (r.value as { eventID: string }).eventID)).toEqual(['b']);
    expect(errors.map((e) => e.message)).toEqual([
      `${join(dir, 'a.json.gz')}: invalid input (truncated gzip data)`,
    ]);
  });
});
