import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GrantedSourceError } from './errors.js';
import { SnapshotGrantedSource } from './snapshot-granted-source.js';

const ROLE = 'arn:aws:iam::111122223333:role/app';
const MTIME = new Date(Date.UTC(2024, 4, 2, 10));

function snapshot(action: string): string {
  const PolicyDocument = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  };
  return JSON.stringify({
    RoleDetailList: [
      { Path: '/', RoleName: 'app', Arn: ROLE, RolePolicyList: [{ PolicyName: 'p', PolicyDocument }] },
    ],
  });
}

let dir: string;
let path: string;

async function write(text: string, mtime: Date): Promise<void> {
  await writeFile(path, text);
  await utimes(path, mtime, mtime);
}

async function failure(source: SnapshotGrantedSource): Promise<GrantedSourceError> {
  const error = await source.grantedFor(ROLE).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrantedSourceError))
    throw new Error(`expected a GrantedSourceError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'granted-snapshot-'));
  path = join(dir, 'authorization-details.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SnapshotGrantedSource', () => {
  it('reads the file lazily: it may appear after the source is created', async () => {
    const source = new SnapshotGrantedSource(path);
    await write(snapshot('s3:GetObject'), MTIME);
    const granted = await source.grantedFor(ROLE);
    expect(granted).toMatchObject({ principal: ROLE, source: 'snapshot', fetchedAt: MTIME.getTime() });
    expect(granted?.policies[0]?.name).toBe('p');
  });

  it('answers undefined for principals the snapshot does not hold', async () => {
    await write(snapshot('s3:GetObject'), MTIME);
    expect(
      await new SnapshotGrantedSource(path).grantedFor('arn:aws:iam::111122223333:role/other'),
    ).toBeUndefined();
  });

  it('parses once while the file is unchanged, and shares the first read between concurrent requests', async () => {
    await write(snapshot('s3:GetObject'), MTIME);
    const source = new SnapshotGrantedSource(path);
    const [a, b] = await Promise.all([source.grantedFor(ROLE), source.grantedFor(ROLE)]);
    expect(b).toBe(a);
    expect(await source.grantedFor(ROLE)).toBe(a);
  });

  it('re-reads the file when its modification time changes', async () => {
    await write(snapshot('s3:GetObject'), MTIME);
    const source = new SnapshotGrantedSource(path);
    const before = await source.grantedFor(ROLE);
    const later = new Date(MTIME.getTime() + 60_000);
    await write(snapshot('s3:PutObject'), later);
    const after = await source.grantedFor(ROLE);
    expect(after).not.toBe(before);
    expect(after?.fetchedAt).toBe(later.getTime());
    expect(after?.policies[0]?.document.Statement).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
    ]);
  });

  it('names the file when it is missing', async () => {
    const error = await failure(new SnapshotGrantedSource(path));
    expect(error).toMatchObject({ code: 'SNAPSHOT_UNREADABLE', retryable: false });
    expect(error.message).toBe(`Cannot read snapshot ${path}: no such file`);
  });

  it('names the file when it is a directory', async () => {
    const error = await failure(new SnapshotGrantedSource(dir));
    expect(error.code).toBe('SNAPSHOT_UNREADABLE');
    expect(error.message).toContain(`Cannot read snapshot ${dir}: EISDIR`);
  });

  it('names the file when it is not JSON, and recovers once the file is fixed', async () => {
    await write('{"RoleDetailList": [', MTIME);
    const source = new SnapshotGrantedSource(path);
    const error = await failure(source);
    expect(error).toMatchObject({ code: 'SNAPSHOT_INVALID' });
    expect(error.message).toBe(`Snapshot ${path} is not valid JSON`);
    await write(snapshot('s3:GetObject'), new Date(MTIME.getTime() + 1000));
    expect((await source.grantedFor(ROLE))?.principal).toBe(ROLE);
  });

  it('names the file and the offending field when the snapshot is malformed', async () => {
    await write(
      JSON.stringify({ RoleDetailList: [{ RoleName: 'app', Path: '/', Arn: 'arn:aws:iam::1:role/app' }] }),
      MTIME,
    );
    const error = await failure(new SnapshotGrantedSource(path));
    expect(error.code).toBe('SNAPSHOT_INVALID');
    expect(error.message).toBe(
      `Snapshot ${path}: RoleDetailList[0] (role app): Arn is not the role ARN of path / and name app`,
    );
  });
});
