import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSystemError, InputError, type InputProblem } from './errors.js';
import { readRecords } from './index.js';
import { readRecordsWith } from './read-records.js';
import type { RawRecord } from './types.js';

async function collect(batches: AsyncIterable<RawRecord[]>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

async function failure(batches: AsyncIterable<RawRecord[]>): Promise<InputError> {
  const error = await collect(batches).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof InputError) return error;
  throw new Error(`expected an InputError, got ${String(error)}`);
}

const event = (n: number) => ({ eventID: `id-${n}`, eventName: 'GetObject' });

describe('readRecords', () => {
  let dir = '';
  const at = (name: string) => join(dir, name);
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iamlp-read-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every supported format from a directory in name order', async () => {
    const logName = 'logs/111122223333_CloudTrail_us-east-1_20240101T0000Z_AbCd.json.gz';
    await mkdir(at('logs'));
    await writeFile(at(logName), gzipSync(JSON.stringify({ Records: [event(1), event(2)] })));
    await writeFile(at('a-pretty.json'), JSON.stringify({ Records: [event(3)] }, null, 2));
    await writeFile(at('b-single.json'), JSON.stringify(event(4)));
    await writeFile(at('c-array.json'), JSON.stringify([event(5), event(6)]));
    const envelope = { id: 'eb', 'detail-type': 'AWS API Call via CloudTrail', detail: event(7) };
    await writeFile(at('d-envelope.json'), JSON.stringify(envelope));
    await writeFile(at('e.jsonl'), `${JSON.stringify(event(8))}\r\n\r\n${JSON.stringify(event(9))}`);
    await writeFile(at('f.jsonl.gz'), gzipSync(`${JSON.stringify(event(10))}\n`));
    await writeFile(at('g.ndjson'), `${JSON.stringify(event(11))}\n`);
    await writeFile(at('h-gzip-named-json.json'), gzipSync(JSON.stringify([event(12)])));
    await writeFile(at('i-plain-named-gz.json.gz'), JSON.stringify([event(13)]));
    await writeFile(
      at('j-lines-named-json.json'),
      `${JSON.stringify(event(14))}\n${JSON.stringify(event(15))}\n`,
    );
    await writeFile(at('k-bom.json'), `\uFEFF${JSON.stringify([event(16)])}`);

    const records = await collect(readRecords([dir]));

    expect(records).toEqual([
      { value: event(3), source: at('a-pretty.json') },
      { value: event(4), source: at('b-single.json') },
      { value: event(5), source: at('c-array.json') },
      { value: event(6), source: at('c-array.json') },
      { value: envelope, source: at('d-envelope.json') },
      { value: event(8), source: at('e.jsonl'), line: 1 },
      { value: event(9), source: at('e.jsonl'), line: 3 },
      { value: event(10), source: at('f.jsonl.gz'), line: 1 },
      { value: event(11), source: at('g.ndjson'), line: 1 },
      { value: event(12), source: at('h-gzip-named-json.json') },
      { value: event(13), source: at('i-plain-named-gz.json.gz') },
      { value: event(14), source: at('j-lines-named-json.json'), line: 1 },
      { value: event(15), source: at('j-lines-named-json.json'), line: 2 },
      { value: event(16), source: at('k-bom.json') },
      { value: event(1), source: at(logName) },
      { value: event(2), source: at(logName) },
    ]);
  });

  it('batches across files and reports bytes read per file', async () => {
    const gz = gzipSync(JSON.stringify({ Records: [event(1), event(2), event(3)] }));
    await writeFile(at('a.json.gz'), gz);
    await writeFile(at('b.json'), '[{"n":4},{"n":5}]');
    const files: [string, number][] = [];
    const batches: number[] = [];
    const options = { onFile: (path: string, bytes: number) => files.push([path, bytes]) };
    for await (const batch of readRecordsWith([dir], options, { tuning: { batchSize: 2 } }))
      batches.push(batch.length);
    expect(batches).toEqual([2, 2, 1]);
    expect(files).toEqual([
      [at('a.json.gz'), gz.length],
      [at('b.json'), 17],
    ]);
  });

  it('reports bad JSON Lines lines with file and line and keeps reading', async () => {
    await writeFile(at('e.jsonl'), '{"a":1}\n{"a":\n{"a":3}\nnot json\n');
    const problems: InputProblem[] = [];
    const records = await collect(readRecords([at('e.jsonl')], { onProblem: (p) => problems.push(p) }));
    expect(records.map((r) => r.line)).toEqual([1, 3]);
    expect(problems).toEqual([
      {
        source: at('e.jsonl'),
        line: 2,
        message: `${at('e.jsonl')}:2:6: invalid JSON (Unexpected end of JSON input)`,
      },
      {
        source: at('e.jsonl'),
        line: 4,
        message: `${at('e.jsonl')}:4:2: invalid JSON (Unexpected token 'o')`,
      },
    ]);
  });

  it('throws on the first bad line when no problem handler is given', async () => {
    await writeFile(at('e.jsonl'), '{"a":1}\n{"a":\n');
    const error = await failure(readRecords([at('e.jsonl')]));
    expect(error).toMatchObject({ code: 'INVALID_JSON', source: at('e.jsonl'), line: 2 });
    expect(error.message).toBe(`${at('e.jsonl')}:2:6: invalid JSON (Unexpected end of JSON input)`);
  });

  it('names file, line and column of a syntax error in a whole document', async () => {
    await writeFile(at('bad.json'), '{\n  "Records": [\n    {"a": 1,}\n  ]\n}\n');
    const error = await failure(readRecords([at('bad.json')]));
    expect(error).toMatchObject({ code: 'INVALID_JSON', source: at('bad.json'), line: 3 });
    expect(error.message).toBe(`${at('bad.json')}:3:13: invalid JSON (Expected double-quoted property name)`);
  });

  it('rejects truncated and corrupt gzip naming the file', async () => {
    const gz = gzipSync(JSON.stringify({ Records: [event(1)] }));
    await writeFile(at('cut.json.gz'), gz.subarray(0, gz.length - 10));
    await writeFile(at('junk.json.gz'), Buffer.from([0x1f, 0x8b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(await failure(readRecords([at('cut.json.gz')]))).toMatchObject({
      code: 'INVALID_JSON',
      message: `${at('cut.json.gz')}: invalid input (truncated gzip data)`,
    });
    expect((await failure(readRecords([at('junk.json.gz')]))).message).toBe(
      `${at('junk.json.gz')}: invalid input (corrupt gzip data)`,
    );
  });

  it("reads listed files as they are: one gone or turned into a directory since is that file's error", async () => {
    await writeFile(at('a.json'), JSON.stringify(event(1)));
    await mkdir(at('was-a-file.json'));
    await writeFile(at('was-a-file.json/inner.json'), JSON.stringify(event(2)));
    await writeFile(at('z.json'), JSON.stringify(event(3)));
    const errors: InputError[] = [];

    const records = await collect(
      readRecords([at('a.json'), at('gone.json'), at('was-a-file.json'), at('z.json')], {
        listed: true,
        onFileError: (error) => errors.push(error),
      }),
    );

    expect(records.map((r) => (r.value as { eventID: string }).eventID)).toEqual(['id-1', 'id-3']);
    expect(errors.map((e) => e.source)).toEqual([at('gone.json'), at('was-a-file.json')]);
    expect(errors[0]?.message).toBe(`${at('gone.json')}: no such file or directory`);
  });

  it('rejects a missing input before reading anything', async () => {
    const error = await failure(readRecords([at('missing.json')]));
    expect(error).toMatchObject({
      code: 'INPUT_NOT_FOUND',
      message: `${at('missing.json')}: no such file or directory`,
    });
  });

  it('stops when the signal is aborted', async () => {
    await writeFile(at('a.json'), '[1]');
    const controller = new AbortController();
    controller.abort();
    const error = await collect(readRecords([at('a.json')], { signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('fileSystemError', () => {
  it('maps errno codes without copying the OS message', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES' });
    expect(fileSystemError(denied, '/x')).toMatchObject({
      code: 'INPUT_UNREADABLE',
      message: '/x: cannot read (EACCES)',
    });
    const missing = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    expect(fileSystemError(missing, '/y')).toMatchObject({
      code: 'INPUT_NOT_FOUND',
      message: '/y: no such file or directory',
    });
  });
});
