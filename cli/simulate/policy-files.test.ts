import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../errors.js';
import { readPolicyFile } from './policy-files.js';

const ROLE = 'arn:aws:iam::111122223333:role/app';
const DOC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
};
let dir: string;

async function file(name: string, value: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(value));
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iamlp-policy-files-'));
});

describe('readPolicyFile', () => {
  it('reads one document, a split draft, and the entry of the principal in an --all draft', async () => {
    const one = await readPolicyFile(await file('one.json', DOC), ROLE, 'policy');
    const split = await readPolicyFile(await file('split.json', [DOC, DOC]), ROLE, 'policy');
    const all = await readPolicyFile(await file('all.json', { [ROLE]: [DOC], other: DOC }), ROLE, 'policy');

    expect(one.policies.map((p) => p.id)).toEqual(['one.json']);
    expect(split.policies.map((p) => p.id)).toEqual(['split.json[0]', 'split.json[1]']);
    expect(all.policies.map((p) => p.id)).toEqual(['all.json']);
  });

  it.each([
    ['missing.json', undefined, 'missing.json: policy not found'],
    [
      'other.json',
      { 'arn:aws:iam::111122223333:role/x': DOC },
      `other.json: no policy for ${ROLE} (the file is keyed by principal ARN)`,
    ],
    ['empty.json', [], 'empty.json: no policy document'],
    ['text.json', 'policy', 'text.json: not an IAM policy document (no "Statement")'],
    [
      'bad.json',
      [DOC, { Statement: [{ Effect: 'Allow', Action: 's3:*' }] }],
      'bad.json: bad.json[1]: Statement[0]: needs exactly one of Resource and NotResource',
    ],
  ])('rejects %s with one line naming the file', async (name, content, message) => {
    const path = content === undefined ? join(dir, name) : await file(name, content);

    const error = await readPolicyFile(path, ROLE, 'policy').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(join(dir, message));
    expect((error as CliError).exitCode).toBe(1);
  });
});
