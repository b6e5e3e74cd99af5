import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { isInputFileName, isJsonLinesName, listInputFiles } from './list-input-files.js';

async function list(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const path of listInputFiles(inputs)) out.push(path);
  return out;
}

describe('listInputFiles', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iamlp-list-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('walks directories recursively in name order and keeps only input files', async () => {
    const files = [
      'AWSLogs/111/CloudTrail/us-east-1/2024/01/02/111_CloudTrail_us-east-1_20240102T0000Z_b.json.gz',
      'AWSLogs/111/CloudTrail/us-east-1/2024/01/01/111_CloudTrail_us-east-1_20240101T0005Z_a.json.gz',
      'AWSLogs/111/CloudTrail/us-east-1/2024/01/01/111_CloudTrail_us-east-1_20240101T0000Z_z.json.gz',
      'AWSLogs/111/CloudTrail-Digest/us-east-1/2024/01/01/111_CloudTrail-Digest_us-east-1_x.json.gz',
      'B.jsonl',
      'a.ndjson.gz',
      'c.json',
      'notes.txt',
      '.hidden.json',
      '.git/config.json',
      'sub/z.gz',
    ];
    for (const file of files) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), '{}');
    }
    const logs = join(dir, 'AWSLogs/111/CloudTrail/us-east-1/2024/01');
    expect(await list([dir])).toEqual([
      join(logs, '01/111_CloudTrail_us-east-1_20240101T0000Z_z.json.gz'),
      join(logs, '01/111_CloudTrail_us-east-1_20240101T0005Z_a.json.gz'),
      join(logs, '02/111_CloudTrail_us-east-1_20240102T0000Z_b.json.gz'),
      join(dir, 'B.jsonl'),
      join(dir, 'a.ndjson.gz'),
      join(dir, 'c.json'),
      join(dir, 'sub/z.gz'),
    ]);
  });

  it('passes named files through whatever their name, and stdin once', async () => {
    await writeFile(join(dir, 'notes.txt'), '{}');
    expect(await list(['-', join(dir, 'notes.txt'), '-'])).toEqual(['-', join(dir, 'notes.txt')]);
  });

  it('follows symlinks without looping and skips dangling ones', async () => {
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real/e.json'), '{}');
    await symlink(join(dir, 'real'), join(dir, 'real/loop'));
    await symlink(join(dir, 'missing.json'), join(dir, 'real/dangling.json'));
    expect(await list([dir])).toEqual([join(dir, 'real/e.json')]);
  });

  it('rejects a missing path naming it', async () => {
    const missing = join(dir, 'nope.json');
    const error = await list([missing]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'INPUT_NOT_FOUND',
      source: missing,
      message: `${missing}: no such file or directory`,
    });
  });
});

describe('file names', () => {
  it('recognises input and JSON Lines names case-insensitively', () => {
    expect(['a.JSON', 'a.json.gz', 'a.jsonl', 'a.NDJSON.GZ', 'x.gz'].map(isInputFileName)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['a.txt', '.a.json', 'a.json.bak', '1_CloudTrail-Digest_r_t.json.gz'].map(isInputFileName),
    ).toEqual([false, false, false, false]);
    expect(['a.jsonl', 'a.ndjson.gz', 'a.JSONL.GZ', 'a.json', 'a.json.gz'].map(isJsonLinesName)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
