import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, type InputProblem } from './errors.js';
import { readRecordsWith } from './read-records.js';
import type { RawRecord, ReadRecordsOptions } from './types.js';

const events = Array.from({ length: 6 }, (_, n) => ({ eventID: `id-${n}`, note: 'x'.repeat(n * 7) }));
const doc = JSON.stringify({ Records: events });
const lines = `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;

/** Splits bytes into chunks of `size` to mimic a pipe. */
function pipe(data: string | Buffer, size: number): Readable {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function read(
  inputs: readonly string[],
  seams: { stdin?: Readable; limit?: number },
  options: ReadRecordsOptions = {},
): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  const tuning = seams.limit === undefined ? {} : { wholeDocumentLimit: seams.limit };
  const stdin = seams.stdin === undefined ? {} : { stdin: seams.stdin };
  for await (const batch of readRecordsWith(inputs, options, { tuning, ...stdin })) out.push(...batch);
  return out;
}

async function failure(
  inputs: readonly string[],
  seams: { stdin?: Readable; limit?: number },
): Promise<InputError> {
  const error = await read(inputs, seams).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof InputError) return error;
  throw new Error(`expected an InputError, got ${String(error)}`);
}

const fromStdin = events.map((value) => ({ value, source: '-' }));
const fromStdinLines = events.map((value, i) => ({ value, source: '-', line: i + 1 }));

describe('stdin', () => {
  it.each([1, 2, 5, 4096])('sniffs a gzipped log document arriving in %i-byte chunks', async (size) => {
    expect(await read(['-'], { stdin: pipe(gzipSync(doc), size) })).toEqual(fromStdin);
  });

  it('sniffs JSON Lines, a single event and an array when small', async () => {
    expect(await read(['-'], { stdin: pipe(lines, 3) })).toEqual(fromStdinLines);
    expect(await read(['-'], { stdin: pipe(JSON.stringify(events[0]), 3) })).toEqual([fromStdin[0]]);
    expect(await read(['-'], { stdin: pipe(JSON.stringify(events), 3) })).toEqual(fromStdin);
  });

  it.each([1, 7, 64])(
    'streams large input with the splitter or line by line (%i-byte chunks)',
    async (size) => {
      const limit = 40;
      expect(await read(['-'], { stdin: pipe(doc, size), limit })).toEqual(fromStdin);
      expect(
        await read(['-'], { stdin: pipe(JSON.stringify({ Records: events }, null, 2), size), limit }),
      ).toEqual(fromStdin);
      expect(await read(['-'], { stdin: pipe(JSON.stringify(events), size), limit })).toEqual(fromStdin);
      expect(await read(['-'], { stdin: pipe(lines, size), limit: 60 })).toEqual(fromStdinLines);
      expect(await read(['-'], { stdin: pipe(gzipSync(lines), size), limit: 60 })).toEqual(fromStdinLines);
    },
  );

  it('reports bad lines of large JSON Lines input with their line numbers', async () => {
    const problems: InputProblem[] = [];
    const text = `${JSON.stringify(events[0])}\r\n{"broken":\r\n${JSON.stringify(events[1])}`;
    const records = await read(
      ['-'],
      { stdin: pipe(text, 8), limit: 32 },
      { onProblem: (p) => problems.push(p) },
    );
    expect(records).toEqual([
      { value: events[0], source: '-', line: 1 },
      { value: events[1], source: '-', line: 3 },
    ]);
    expect(problems).toEqual([
      { source: '-', line: 2, message: '-:2:12: invalid JSON (Unexpected end of JSON input)' },
    ]);
  });

  it('rejects empty and truncated input', async () => {
    expect((await failure(['-'], { stdin: pipe('', 1) })).message).toBe(
      '-:1:1: invalid JSON (Unexpected end of JSON input)',
    );
    const gz = gzipSync(doc);
    expect((await failure(['-'], { stdin: pipe(gz.subarray(0, 30), 4) })).message).toBe(
      '-: invalid input (truncated gzip data)',
    );
  });
});

describe('large files', () => {
  let dir = '';
  const at = (name: string) => join(dir, name);
  const fromFile = (name: string) => events.map((value) => ({ value, source: at(name) }));
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iamlp-stream-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams documents above the limit, plain or gzipped, and matches the whole-file result', async () => {
    await writeFile(at('big.json'), doc);
    await writeFile(at('big.json.gz'), gzipSync(doc));
    await writeFile(at('pretty.json'), JSON.stringify({ Records: events }, null, 2));
    for (const name of ['big.json', 'big.json.gz', 'pretty.json']) {
      const whole = await read([at(name)], {});
      expect(whole).toEqual(fromFile(name));
      expect(await read([at(name)], { limit: 50 })).toEqual(whole);
    }
  });

  it('takes the streaming path above the limit (a non-array Records is rejected there)', async () => {
    await writeFile(at('odd.json'), '{"Records":5,"eventName":"x"}');
    expect(await read([at('odd.json')], {})).toEqual([
      { value: { Records: 5, eventName: 'x' }, source: at('odd.json') },
    ]);
    expect(await failure([at('odd.json')], { limit: 10 })).toMatchObject({ code: 'UNSUPPORTED_INPUT' });
  });

  it('streams JSON Lines above the limit whatever the name says', async () => {
    await writeFile(at('e.jsonl.gz'), gzipSync(lines));
    await writeFile(at('lines-in.json'), lines);
    expect(await read([at('e.jsonl.gz')], { limit: 60 })).toEqual(
      events.map((value, i) => ({ value, source: at('e.jsonl.gz'), line: i + 1 })),
    );
    expect(await read([at('lines-in.json')], { limit: 60 })).toEqual(
      events.map((value, i) => ({ value, source: at('lines-in.json'), line: i + 1 })),
    );
  });

  it('reads a named pipe like stdin', async () => {
    const fifo = at('pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = writeFile(fifo, gzipSync(doc));
    expect(await read([fifo], {})).toEqual(fromFile('pipe'));
    await writer;
  });

  it('names line and column of a syntax error and of a truncation while streaming', async () => {
    await writeFile(at('bad.json'), '{"Records":[\n{"a":1},\n{"a" 2}]}');
    await writeFile(at('cut.json.gz'), gzipSync(doc).subarray(0, 60));
    expect((await failure([at('bad.json')], { limit: 10 })).message).toBe(
      `${at('bad.json')}:3:6: invalid JSON (Expected ':' after property name)`,
    );
    expect((await failure([at('cut.json.gz')], { limit: 10 })).message).toBe(
      `${at('cut.json.gz')}: invalid input (truncated gzip data)`,
    );
  });
});
