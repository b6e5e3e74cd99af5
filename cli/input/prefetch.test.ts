import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
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

describe('reading ahead', () => {
  it('yields exactly what reading one file at a time yields', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamlp-prefetch-'));
    await mkdir(join(dir, 'sub'));
    for (let f = 0; f < 5; f++) {
      const records = Array.from({ length: 7 }, (_, i) => ({ eventID: `${f}-${i}` }));
      const body = JSON.stringify({ Records: records });
      await writeFile(join(dir, f % 2 ? `f${f}.json.gz` : `sub/f${f}.json`), f % 2 ? gzipSync(body) : body);
    }
    await writeFile(join(dir, 'lines.jsonl'), '{"eventID":"l1"}\n{"eventID":"l2"}\n');

    const ahead = await collect([dir], {});
    const plain = await collect([dir], { prefetch: false });

    expect(ahead).toEqual(plain);
    expect(ahead).toHaveLength(37);
  });

  it('reports a broken file through onFileError and goes on with the next', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamlp-prefetch-'));
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
