import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listInputFiles } from '../stream/input/index.js';
import { type GenerateOptions, generateBenchLogs } from './generate-events.js';
import { allocate, splitPrincipals } from './generate-principals.js';

const ROLE = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLE:ci',
    arn: 'arn:aws:sts::111122223333:assumed-role/deployer/ci',
    accountId: '111122223333',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLE',
        arn: 'arn:aws:iam::111122223333:role/ci/deployer',
        accountId: '111122223333',
        userName: 'deployer',
      },
      attributes: { creationDate: '2023-05-01T09:00:00Z', mfaAuthenticated: 'false' },
    },
  },
  eventTime: '2023-05-01T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'eu-west-1',
  requestParameters: { bucketName: 'b', key: 'k' },
  resources: [
    { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::b/k' },
    { accountId: '111122223333', type: 'AWS::S3::Bucket' },
  ],
  eventID: 'orig-1',
  recipientAccountId: '111122223333',
};
const USER = {
  eventVersion: '1.05',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDAEXAMPLE',
    arn: 'arn:aws:iam::444455556666:user/alice',
    accountId: '444455556666',
    userName: 'alice',
  },
  eventTime: '2023-05-01T11:00:00Z',
  eventSource: 'sts.amazonaws.com',
  eventName: 'AssumeRole',
  awsRegion: 'eu-west-1',
  requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/x' },
  eventID: 'orig-2',
  recipientAccountId: '111122223333',
};
const SERVICE = {
  eventVersion: '1.08',
  userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
  eventTime: '2023-05-01T12:00:00Z',
  eventSource: 'kms.amazonaws.com',
  eventName: 'Decrypt',
  awsRegion: 'us-east-1',
  eventID: 'orig-3',
  recipientAccountId: '111122223333',
};
const ENVELOPE = {
  id: 'eb-1',
  'detail-type': 'AWS API Call via CloudTrail',
  detail: { ...ROLE, eventID: 'orig-4' },
};
const NAME = /^(\d{12})_CloudTrail_([\w-]+)_(\d{8})T(\d{4})Z_[A-Za-z0-9]{16}\.json\.gz$/;

interface LogRecord {
  eventID: string;
  eventTime: string;
  awsRegion: string;
  recipientAccountId: string;
  userIdentity: {
    type: string;
    arn?: string;
    accountId?: string;
    sessionContext?: { sessionIssuer?: { arn: string } };
  };
}

describe('generateBenchLogs', () => {
  let dir = '';
  let options: GenerateOptions;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iamlp-generate-'));
    const fixture = join(dir, 'fixture.jsonl');
    await writeFile(
      fixture,
      `${[ROLE, USER, SERVICE, ENVELOPE, { not: 'cloudtrail' }].map((e) => JSON.stringify(e)).join('\n')}\n`,
    );
    options = {
      inputs: [fixture],
      out: join(dir, 'out'),
      events: 2000,
      seed: 'test',
      startMs: Date.parse('2024-03-01T00:00:00Z'),
      days: 2,
      principals: 6,
      accounts: 3,
      minPerFile: 300,
      maxPerFile: 500,
      force: false,
    };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function readOutput(): Promise<{ path: string; records: LogRecord[] }[]> {
    const files: { path: string; records: LogRecord[] }[] = [];
    for await (const path of listInputFiles([join(dir, 'out')])) {
      const document = JSON.parse(gunzipSync(await readFile(path)).toString('utf8')) as {
        Records: LogRecord[];
      };
      files.push({ path, records: document.Records });
    }
    return files;
  }

  it('writes the requested events as CloudTrail-named gzip log files with fresh unique IDs', async () => {
    const summary = await generateBenchLogs(options);
    const files = await readOutput();
    const records = files.flatMap((f) => f.records);

    expect(summary).toMatchObject({
      events: 2000,
      files: files.length,
      templates: 4,
      skippedValues: 1,
      roles: 3,
      users: 3,
    });
    expect(records).toHaveLength(2000);
    expect(new Set(records.map((r) => r.eventID)).size).toBe(2000);
    expect(
      records.every((r) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.eventID),
      ),
    ).toBe(true);
    expect(files.length).toBeGreaterThanOrEqual(4);
    // Only the last file written may hold fewer than --min-per-file records.
    expect(files.filter((f) => f.records.length < 300).length).toBeLessThanOrEqual(1);
    for (const { path, records: inFile } of files) {
      expect(inFile.length).toBeLessThanOrEqual(500);
      const parts = relative(join(dir, 'out'), path).split(sep);
      const match = NAME.exec(parts.at(-1) ?? '');
      expect(match).not.toBeNull();
      const [, account, region, day] = match ?? [];
      const first = inFile[0] as LogRecord;
      expect(parts.slice(0, 7)).toEqual([
        'AWSLogs',
        account,
        'CloudTrail',
        region,
        day?.slice(0, 4),
        day?.slice(4, 6),
        day?.slice(6, 8),
      ]);
      expect(first.recipientAccountId).toBe(account);
      expect(new Set(inFile.map((r) => r.awsRegion))).toEqual(new Set([region]));
    }
  });

  it('re-keys principals consistently and spreads times over the window', async () => {
    await generateBenchLogs(options);
    const records = (await readOutput()).flatMap((f) => f.records);
    const roles = new Set<string>();
    const users = new Set<string>();
    for (const r of records) {
      expect(r.eventTime >= '2024-03-01T00:00:00Z' && r.eventTime < '2024-03-03T00:00:00Z').toBe(true);
      if (r.userIdentity.type === 'AssumedRole') {
        const issuer = r.userIdentity.sessionContext?.sessionIssuer?.arn ?? '';
        const [, account, name] = /^arn:aws:iam::(\d{12}):role\/ci\/(bench-role-\d{4})$/.exec(issuer) ?? [];
        expect(r.userIdentity.arn).toBe(`arn:aws:sts::${account}:assumed-role/${name}/ci`);
        expect(r.recipientAccountId).toBe(account);
        roles.add(issuer);
      }
      if (r.userIdentity.type === 'IAMUser') {
        expect(r.userIdentity.arn).toMatch(/^arn:aws:iam::\d{12}:user\/bench-user-\d{4}$/);
        // The original call was cross-account and must stay so.
        expect(r.recipientAccountId).not.toBe(r.userIdentity.accountId);
        users.add(r.userIdentity.arn ?? '');
      }
    }
    expect(roles.size).toBe(3);
    expect(users.size).toBe(3);
  });

  it('is reproducible from the seed and refuses to overwrite without --force', async () => {
    await generateBenchLogs(options);
    const first = await readOutput();
    await expect(generateBenchLogs(options)).rejects.toThrow(`${join(dir, 'out', 'AWSLogs')} already exists`);
    await generateBenchLogs({ ...options, force: true });
    expect(await readOutput()).toEqual(first);
  });
});

describe('principal allocation', () => {
  it('gives every original one synthetic and the rest by activity', () => {
    expect(allocate(10, [70, 20, 10])).toEqual([
      { start: 0, count: 6 },
      { start: 6, count: 2 },
      { start: 8, count: 2 },
    ]);
    expect(allocate(3, [5, 1, 1])).toEqual([
      { start: 0, count: 1 },
      { start: 1, count: 1 },
      { start: 2, count: 1 },
    ]);
  });

  it('splits the budget by distinct originals and keeps one of each kind present', () => {
    expect(splitPrincipals(200, 60, 180)).toEqual([50, 150]);
    expect(splitPrincipals(1, 5, 5)).toEqual([1, 1]);
    expect(splitPrincipals(10, 0, 4)).toEqual([0, 10]);
  });
});
