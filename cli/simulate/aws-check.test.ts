import { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../core/evaluate/index.js';
import { runAwsCheck } from './aws-run.js';
import { type FakeIam, startFakeIam } from './fake-iam-test-harness.js';

const ROLE = 'arn:aws:iam::111122223333:role/service/app/orders-api';

describe('runAwsCheck', () => {
  let iam: FakeIam;
  beforeAll(async () => {
    iam = await startFakeIam();
  });
  afterAll(async () => {
    await iam.close();
  });

  it('sends the proposal over the IAM Query protocol, pages, and reports disagreements', async () => {
    const proposed = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage'], Resource: '*' },
        ],
      },
      'p.json',
    );
    if (!proposed.ok) throw new Error(proposed.error);
    const usage = ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage'].map((action) => ({
      action,
      resource: 'arn:aws:s3:::b/k',
      calls: 1,
      denied: 0,
      regions: ['eu-west-1'],
    }));
    const client = new IAMClient({
      region: 'us-east-1',
      endpoint: iam.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const before = iam.calls.length;

    const check = await runAwsCheck(
      { principal: ROLE, usage, proposed: { label: 'p.json', policies: [proposed.policy] } },
      {},
      client,
    );

    const sent = iam.calls.slice(before);
    expect(check).toEqual({
      source: 'IAM SimulateCustomPolicy',
      compared: 3,
      missing: 0,
      disagreements: [
        { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k', local: 'Allow', external: 'ImplicitDeny' },
      ],
    });
    expect(sent.map((f) => f.get('Marker'))).toEqual([null, '2']);
    expect(sent[0]?.get('Action')).toBe('SimulateCustomPolicy');
    expect(JSON.parse(sent[0]?.get('PolicyInputList.member.1') ?? '')).toMatchObject({
      Version: '2012-10-17',
    });
    expect(sent[0]?.get('ContextEntries.member.2.ContextKeyName')).toBe('aws:PrincipalAccount');
    expect(sent[0]?.get('ContextEntries.member.3.ContextKeyName')).toBe('aws:RequestedRegion');
    expect(sent[0]?.get('ContextEntries.member.3.ContextKeyValues.member.1')).toBe('eu-west-1');
  });
});
