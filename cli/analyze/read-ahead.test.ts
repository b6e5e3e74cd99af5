import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AheadFile, AheadInbox, ReadAhead } from './read-ahead.js';

let dir: string;
const small: string[] = [];
let big: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iamlp-read-ahead-'));
  for (let i = 0; i < 6; i++) {
    const path = join(dir, `small-${i}.json.gz`);
    await writeFile(path, gzipSync(`{"Records":[{"n":${i}}]}`));
    small.push(path);
  }
  big = join(dir, 'big.json');
  await writeFile(big, `{"Records":[${'{"x":"y"},'.repeat(1_800_000)}{}]}`);
});

function collect(files: readonly string[]) {
  const sent: { file: AheadFile; transfer: ArrayBuffer[] }[] = [];
  const ahead = new ReadAhead(files, (file, transfer) => sent.push({ file, transfer }));
  return { ahead, sent };
}

describe('ReadAhead', () => {
  it('keeps at most four small files ahead and reads one more per file taken', () => {
    const { ahead, sent } = collect(small);

    ahead.start();
    expect(sent.map((s) => s.file.path)).toEqual(small.slice(0, 4));
    ahead.taken();
    expect(sent).toHaveLength(5);
    ahead.taken();
    ahead.taken();
    expect(sent).toHaveLength(6);
  });

  it('sends gunzipped content in a buffer of its own, transferred', () => {
    const { ahead, sent } = collect(small.slice(0, 1));

    ahead.start();
    const [{ file, transfer }] = sent as [{ file: AheadFile; transfer: ArrayBuffer[] }];
    expect(Buffer.from(file.content ?? []).toString()).toBe('{"Records":[{"n":0}]}');
    expect(file.content?.byteLength).toBe(file.content?.buffer.byteLength);
    expect(transfer).toEqual([file.content?.buffer]);
    expect(file.bytes).toBe(gzipSync('{"Records":[{"n":0}]}').length);
  });

  it('keeps only one file ahead once the bytes in flight pass 16 MiB', () => {
    const { ahead, sent } = collect([big, ...small]);

    ahead.start();
    expect(sent.map((s) => s.file.path)).toEqual([big]);
    ahead.taken();
    expect(sent).toHaveLength(5);
  });

  it('sends a file it cannot read or gunzip without content, for the worker to read and report', async () => {
    const missing = join(dir, 'missing.json');
    const cut = join(dir, 'cut.json.gz');
    const whole = gzipSync('{"Records":[]}'.repeat(100));
    await writeFile(cut, whole.subarray(0, whole.length >> 1));
    const { ahead, sent } = collect([missing, cut]);

    ahead.start();
    expect(sent).toEqual([
      { file: { kind: 'file', path: missing, bytes: 0 }, transfer: [] },
      { file: { kind: 'file', path: cut, bytes: 0 }, transfer: [] },
    ]);
  });
});

describe('AheadInbox', () => {
  const file = (path: string, text?: string): AheadFile =>
    text === undefined
      ? { kind: 'file', path, bytes: 0 }
      : { kind: 'file', path, content: new Uint8Array(Buffer.from(text)), bytes: 7 };

  it('hands files over in order, whether they arrive before or after they are asked for', async () => {
    let taken = 0;
    const inbox = new AheadInbox(() => taken++, 2);

    inbox.receive(file('a', 'A'));
    const a = await inbox.take('a');
    const pending = inbox.take('b');
    inbox.receive(file('b', 'B'));
    const b = await pending;

    expect([a?.content.toString(), b?.content.toString(), a?.bytes]).toEqual(['A', 'B', 7]);
    expect(taken).toBe(2);
  });

  it('answers undefined (read it here) for a file sent without content or for another file', async () => {
    const inbox = new AheadInbox(() => {}, 2);

    inbox.receive(file('a'));
    inbox.receive(file('x', 'X'));

    expect(await inbox.take('a')).toBeUndefined();
    expect(await inbox.take('b')).toBeUndefined();
  });

  it('does not wait for more files than were sent (the reader found more since the list was made)', async () => {
    const inbox = new AheadInbox(() => {}, 1);

    inbox.receive(file('dir', 'D'));

    expect(await inbox.take('dir/1.json')).toBeUndefined();
    // Nothing more will arrive: waiting here would hang the analysis.
    expect(await inbox.take('dir/2.json')).toBeUndefined();
  });
});
