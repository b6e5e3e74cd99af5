import { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GrantedSourceError } from './errors.js';
import { FakeIam, type FakeIamState } from './fake-iam-test-harness.js';
import { IamGrantedSource, type IamGrantedSourceOptions } from './iam-granted-source.js';

const ACCOUNT = '111122223333';
const allow = (...Action: string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource: '*' }],
});
const SHARED = `arn:aws:iam::${ACCOUNT}:policy/Shared`;
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/Boundary`;
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service/app/Deployer`;

const state: FakeIamState = {
  account: ACCOUNT,
  roles: {
    Deployer: {
      path: '/service/app/',
      boundary: BOUNDARY,
      // Three inline and three attached policies: two pages each at the fake's page size of 2.
      inline: { One: allow('s3:GetObject'), Two: allow('s3:PutObject'), Three: allow('sqs:SendMessage') },
      attached: [SHARED, ADMIN, `arn:aws:iam::${ACCOUNT}:policy/Third`],
    },
    Orphaned: { boundary: `arn:aws:iam::${ACCOUNT}:policy/Deleted` },
    Broken: { inline: { Bad: { raw: 'not%20json' } } },
  },
  users: {
    alice: { inline: { Own: allow('kms:Decrypt') }, attached: [SHARED], groups: ['devs', 'ops', 'readers'] },
  },
  groups: {
    devs: { inline: { Logs: allow('logs:GetLogEvents') }, attached: [SHARED] },
    ops: { attached: [ADMIN] },
    readers: {},
  },
  policies: {
    [SHARED]: { defaultVersion: 'v2', versions: { v1: allow('ec2:*'), v2: allow('ec2:Describe*') } },
    [ADMIN]: { defaultVersion: 'v1', versions: { v1: allow('*') } },
    [`arn:aws:iam::${ACCOUNT}:policy/Third`]: {
      defaultVersion: 'v1',
      versions: { v1: allow('sns:Publish') },
    },
    [BOUNDARY]: { defaultVersion: 'v3', versions: { v3: allow('s3:*', 'ec2:*') } },
  },
};

let fake: FakeIam;
let endpoint: string;
let time: number;

function source(over: Partial<IamGrantedSourceOptions> = {}): IamGrantedSource {
  const client = new IAMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
  return new IamGrantedSource({ client, now: () => time, ...over });
}

beforeAll(async () => {
  fake = new FakeIam(state);
  endpoint = await fake.start();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.requests.length = 0;
  fake.faults.clear();
  time = Date.UTC(2024, 4, 2);
});

describe('IamGrantedSource over the IAM Query protocol', () => {
  it('reads a role’s inline and attached policies across pages, and its boundary document', async () => {
    const granted = await source().grantedFor(ROLE_ARN);
    expect(granted).toMatchObject({ principal: ROLE_ARN, source: 'iam', fetchedAt: time });
    expect(granted?.policies.map((p) => [p.name, p.type, p.arn])).toEqual([
      ['One', 'inline', undefined],
      ['Two', 'inline', undefined],
      ['Three', 'inline', undefined],
      ['Shared', 'managed', SHARED],
      ['AdministratorAccess', 'managed', ADMIN],
      ['Third', 'managed', `arn:aws:iam::${ACCOUNT}:policy/Third`],
    ]);
    expect(granted?.policies[0]?.document).toEqual(allow('s3:GetObject'));
    expect(granted?.policies[3]?.document).toEqual(allow('ec2:Describe*'));
    expect(granted?.permissionsBoundary).toEqual({ arn: BOUNDARY, document: allow('s3:*', 'ec2:*') });
    expect(fake.count('ListRolePolicies')).toBe(2);
    expect(fake.count('ListAttachedRolePolicies')).toBe(2);
  });

  it('adds a user’s group policies and reads a managed policy once however often it is attached', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    const granted = await source().grantedFor(arn);
    expect(granted?.policies.map((p) => [p.name, p.type])).toEqual([
      ['Own', 'inline'],
      ['Shared', 'managed'],
      ['devs/Logs', 'group-inline'],
      ['devs/Shared', 'group-managed'],
      ['ops/AdministratorAccess', 'group-managed'],
    ]);
    expect(granted?.permissionsBoundary).toBeNull();
    expect(fake.count('GetPolicyVersion')).toBe(2);
    expect(fake.count('ListGroupsForUser')).toBe(2);
  });

  it('answers undefined for unknown principals, other paths or accounts, and non-IAM ARNs', async () => {
    const iam = source();
    expect(await iam.grantedFor(`arn:aws:iam::${ACCOUNT}:role/Nobody`)).toBeUndefined();
    expect(await iam.grantedFor(`arn:aws:iam::${ACCOUNT}:role/Deployer`)).toBeUndefined();
    expect(await iam.grantedFor(`arn:aws:iam::999999999999:role/service/app/Deployer`)).toBeUndefined();
    const before = fake.requests.length;
    expect(await iam.grantedFor(`arn:aws:iam::${ACCOUNT}:root`)).toBeUndefined();
    expect(await iam.grantedFor('ec2.amazonaws.com')).toBeUndefined();
    expect(await iam.grantedFor(`arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/s`)).toBeUndefined();
    expect(fake.requests.length).toBe(before);
  });

  it('keeps a boundary whose policy no longer exists, without a document', async () => {
    const granted = await source().grantedFor(`arn:aws:iam::${ACCOUNT}:role/Orphaned`);
    expect(granted?.permissionsBoundary).toEqual({ arn: `arn:aws:iam::${ACCOUNT}:policy/Deleted` });
  });

  it('shares one fetch between concurrent requests and caches for the TTL, "not found" included', async () => {
    const iam = source({ ttlMs: 60_000 });
    const answers = await Promise.all([
      iam.grantedFor(ROLE_ARN),
      iam.grantedFor(ROLE_ARN),
      iam.grantedFor(ROLE_ARN),
    ]);
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
    expect(fake.count('GetRole')).toBe(1);
    time += 59_999;
    await iam.grantedFor(ROLE_ARN);
    await iam.grantedFor(`arn:aws:iam::${ACCOUNT}:role/Nobody`);
    await iam.grantedFor(`arn:aws:iam::${ACCOUNT}:role/Nobody`);
    expect(fake.count('GetRole')).toBe(2);
    time += 60_000;
    const again = await iam.grantedFor(ROLE_ARN);
    expect(again).not.toBe(answers[0]);
    expect(again?.fetchedAt).toBe(time);
    expect(fake.count('GetRole')).toBe(3);
  });

  it('defaults to a 5-minute TTL', async () => {
    const iam = source();
    await iam.grantedFor(ROLE_ARN);
    time += 299_999;
    await iam.grantedFor(ROLE_ARN);
    expect(fake.count('GetRole')).toBe(1);
    time += 1;
    await iam.grantedFor(ROLE_ARN);
    expect(fake.count('GetRole')).toBe(2);
  });
});

describe('IamGrantedSource errors', () => {
  async function failure(arn: string, iam = source()): Promise<GrantedSourceError> {
    const error = await iam.grantedFor(arn).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof GrantedSourceError))
      throw new Error(`expected a GrantedSourceError, got ${String(error)}`);
    return error;
  }

  it.each([
    ['GetRole', 400, 'Throttling', 'IAM_THROTTLED', true],
    ['GetRole', 403, 'AccessDenied', 'IAM_ACCESS_DENIED', false],
    ['ListAttachedRolePolicies', 500, 'ServiceFailure', 'IAM_UNAVAILABLE', true],
    ['GetPolicyVersion', 400, 'InvalidInput', 'IAM_REJECTED', false],
  ])('translates %s failing with %s %s into %s', async (action, status, code, expected, retryable) => {
    fake.faults.set(action, { status, code, message: 'no' });
    const error = await failure(ROLE_ARN);
    expect(error).toMatchObject({ code: expected, retryable });
    expect(error.message).toMatch(new RegExp(`^${action} .* failed: ${code}`));
  });

  it('names the policy when IAM returns a document that is not a policy', async () => {
    const error = await failure(`arn:aws:iam::${ACCOUNT}:role/Broken`);
    expect(error.code).toBe('IAM_INVALID_RESPONSE');
    expect(error.message).toBe('GetRolePolicy Broken/Bad: policy document: the document is not valid JSON');
  });

  it('does not cache failures: the next request fetches again', async () => {
    const iam = source();
    fake.faults.set('GetRole', { status: 400, code: 'Throttling', message: 'slow down' });
    await failure(ROLE_ARN, iam);
    fake.faults.clear();
    expect((await iam.grantedFor(ROLE_ARN))?.principal).toBe(ROLE_ARN);
  });

  it('reports an unreachable endpoint as unavailable', async () => {
    const client = new IAMClient({
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    const error = await failure(ROLE_ARN, new IamGrantedSource({ client }));
    expect(error).toMatchObject({ code: 'IAM_UNAVAILABLE', retryable: true });
  });
});
