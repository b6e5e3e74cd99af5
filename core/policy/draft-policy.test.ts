import { describe, expect, it } from 'vitest';
import type { UsageAggregate } from '../usage/aggregate.js';
import { usageAggregate } from '../usage/test-support.js';
import { draftPolicy } from './index.js';

const ROLE = 'arn:aws:iam::111122223333:role/app';
const DAY = Date.UTC(2024, 4, 1);
const HOUR = 3_600_000;

/** One successful direct call of `action` on `resource` by ROLE on 2024-05-01, unless overridden. */
const agg = (action: string, resource: string, over: Partial<UsageAggregate> = {}) =>
  usageAggregate(ROLE, action, resource, over);

const statement = (Sid: string, Action: string[], Resource: string[], Condition?: object) => ({
  Sid,
  Effect: 'Allow',
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});

describe('draftPolicy', () => {
  it('groups actions with identical resources into one statement and orders everything', () => {
    const usage = [
      agg('s3:PutObject', 'arn:aws:s3:::b/out/x'),
      agg('s3:getobject', 'arn:aws:s3:::b/in/2'),
      agg('s3:GetObjectVersion', 'arn:aws:s3:::b/in/1'),
      agg('s3:GetObjectVersion', 'arn:aws:s3:::b/in/2'),
      agg('s3:GetObject', 'arn:aws:s3:::b/in/1'),
      agg('s3:ListBucket', 'arn:aws:s3:::b'),
      agg('s3:GetObject', 'arn:aws:s3:::other/x', { principal: 'arn:aws:iam::111122223333:role/other' }),
    ];

    const draft = draftPolicy(usage, ROLE);

    expect(draft.documents).toEqual([
      {
        Version: '2012-10-17',
        Statement: [
          statement(
            'S3ReadObjects',
            ['s3:GetObject', 's3:GetObjectVersion'],
            ['arn:aws:s3:::b/in/1', 'arn:aws:s3:::b/in/2'],
          ),
          statement('S3ListBucket', ['s3:ListBucket'], ['arn:aws:s3:::b']),
          statement('S3PutObject', ['s3:PutObject'], ['arn:aws:s3:::b/out/x']),
        ],
      },
    ]);
    expect(draft.stats).toEqual({
      actions: 4,
      statements: 3,
      successfulCalls: 6,
      deniedOnlyActions: 0,
      unresolvedActions: [],
    });
    expect(draft.notes).toEqual([]);
  });

  it('never grants denied-only or error-only actions, and reports the denied ones', () => {
    const usage = [
      agg('s3:GetObject', 'arn:aws:s3:::b/k', { calls: 2, denied: 1 }),
      agg('s3:DeleteObject', 'arn:aws:s3:::b/k', { calls: 0, denied: 3 }),
      agg('s3:PutObject', 'arn:aws:s3:::b/k', { calls: 0, errors: 2 }),
      agg('s3:GetObject', 'arn:aws:s3:::b/denied-only', { calls: 0, denied: 1 }),
    ];

    const draft = draftPolicy(usage, ROLE);

    expect(draft.documents[0]?.Statement).toEqual([
      statement('S3GetObject', ['s3:GetObject'], ['arn:aws:s3:::b/k']),
    ]);
    expect(draft.notes).toEqual([
      {
        kind: 'denied-only',
        action: 's3:DeleteObject',
        detail: 's3:DeleteObject: 3 call(s) denied and none succeeded; not granted',
      },
    ]);
    expect(draft.stats.deniedOnlyActions).toBe(1);
    expect(draft.stats.successfulCalls).toBe(2);
  });

  it('returns no document when nothing succeeded', () => {
    const draft = draftPolicy([agg('s3:GetObject', 'arn:aws:s3:::b/k', { calls: 0, denied: 1 })], ROLE);
    expect(draft.documents).toEqual([]);
    expect(draft.stats.statements).toBe(0);
  });

  it('widens an action to exactly "*" when any of its resources is "*", flagging unresolved fallbacks', () => {
    const usage = [
      agg('dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/t'),
      agg('dynamodb:GetItem', '*', { origin: 'unresolved' }),
      agg('sts:GetCallerIdentity', '*'),
      agg('ec2:DescribeInstances', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1'),
    ];

    const draft = draftPolicy(usage, ROLE);

    expect(draft.documents[0]?.Statement).toEqual([
      statement('MultiRead', ['dynamodb:GetItem', 'ec2:DescribeInstances', 'sts:GetCallerIdentity'], ['*']),
    ]);
    expect(draft.notes.map((n) => [n.kind, n.action])).toEqual([
      ['unresolved-resource', 'dynamodb:GetItem'],
      ['wildcard-only', 'ec2:DescribeInstances'],
      ['wildcard-only', 'sts:GetCallerIdentity'],
    ]);
    expect(draft.stats.unresolvedActions).toEqual(['dynamodb:GetItem']);
  });

  it('grants every action on "*" in \'actions\' mode', () => {
    const usage = [agg('s3:GetObject', 'arn:aws:s3:::b/k'), agg('s3:ListBucket', 'arn:aws:s3:::b')];
    const draft = draftPolicy(usage, ROLE, { mode: 'actions' });
    expect(draft.documents[0]?.Statement).toEqual([
      statement('S3Read', ['s3:GetObject', 's3:ListBucket'], ['*']),
    ]);
  });

  it('adds kms:ViaService only when every successful use went through a service', () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/k1';
    const other = 'arn:aws:kms:us-east-1:111122223333:key/k2';
    const via = (service: string) => ({ direct: false, viaServices: [`${service}.us-east-1.amazonaws.com`] });
    const usage = [
      agg('kms:Decrypt', key, { ...via('secretsmanager'), window: '2024-05-01' }),
      agg('kms:Decrypt', key, { ...via('s3'), window: '2024-05-02' }),
      agg('kms:Decrypt', key, { calls: 0, denied: 1, window: '2024-05-03' }),
      agg('kms:GenerateDataKey', other, via('s3')),
      agg('kms:GenerateDataKey', other, { window: '2024-05-02' }),
    ];

    const draft = draftPolicy(usage, ROLE);

    expect(draft.documents[0]?.Statement).toEqual([
      statement('KmsDecryptViaS3SecretsManager', ['kms:Decrypt'], [key], {
        StringEquals: {
          'kms:ViaService': ['s3.us-east-1.amazonaws.com', 'secretsmanager.us-east-1.amazonaws.com'],
        },
      }),
      statement('KmsGenerateDataKey', ['kms:GenerateDataKey'], [other]),
    ]);
    expect(
      draftPolicy(usage, ROLE, { conditions: false }).documents[0]?.Statement[0]?.Condition,
    ).toBeUndefined();
  });

  it('adds iam:PassedToService only when every PassRole names the receiving service', () => {
    const role = 'arn:aws:iam::111122223333:role/fn';
    const proven = [agg('iam:PassRole', role, { passedTo: ['lambda.amazonaws.com'] })];
    const unproven = [...proven, agg('iam:PassRole', role, { window: '2024-05-02' })];

    expect(draftPolicy(proven, ROLE).documents[0]?.Statement).toEqual([
      statement('IamPassRoleToLambda', ['iam:PassRole'], [role], {
        StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] },
      }),
    ]);
    expect(draftPolicy(unproven, ROLE).documents[0]?.Statement).toEqual([
      statement('IamPassRole', ['iam:PassRole'], [role]),
    ]);
  });

  it('keeps statements with different conditions apart even on the same resources', () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/k1';
    const usage = [
      agg('kms:Decrypt', key, { direct: false, viaServices: ['s3.us-east-1.amazonaws.com'] }),
      agg('kms:Encrypt', key),
    ];
    const sids = draftPolicy(usage, ROLE).documents[0]?.Statement.map((s) => s.Sid);
    expect(sids).toEqual(['KmsDecryptViaS3', 'KmsEncrypt']);
  });

  it('applies allowActions, then excludeActions, and notes what they dropped', () => {
    const usage = [
      agg('s3:GetObject', 'arn:aws:s3:::b/k'),
      agg('s3:PutObject', 'arn:aws:s3:::b/k'),
      agg('iam:GetRole', 'arn:aws:iam::111122223333:role/r'),
      agg('iam:ListRoles', '*'),
    ];

    const draft = draftPolicy(usage, ROLE, {
      allowActions: ['S3:*', '*:List*'],
      excludeActions: ['s3:Put*'],
    });

    expect(draft.documents[0]?.Statement.flatMap((s) => s.Action)).toEqual(['iam:ListRoles', 's3:GetObject']);
    expect(draft.notes.filter((n) => n.kind === 'excluded')).toEqual([
      {
        kind: 'excluded',
        action: 'iam:GetRole',
        detail: 'iam:GetRole: matches no allowActions pattern; not granted',
      },
      {
        kind: 'excluded',
        action: 's3:PutObject',
        detail: 's3:PutObject: matches an excludeActions pattern; not granted',
      },
    ]);
  });

  it('keeps aggregates whose [firstSeen, lastSeen] overlaps the inclusive time range', () => {
    const usage = [
      agg('s3:GetObject', 'arn:aws:s3:::b/1', { firstSeen: DAY, lastSeen: DAY + HOUR }),
      agg('s3:GetObject', 'arn:aws:s3:::b/2', { firstSeen: DAY + 2 * HOUR, lastSeen: DAY + 3 * HOUR }),
      agg('s3:GetObject', 'arn:aws:s3:::b/3', { firstSeen: DAY + 5 * HOUR, lastSeen: DAY + 6 * HOUR }),
    ];
    const resources = (start?: number, end?: number) =>
      draftPolicy(usage, ROLE, {
        ...(start !== undefined ? { start } : {}),
        ...(end !== undefined ? { end } : {}),
      }).documents[0]?.Statement[0]?.Resource;

    expect(resources(DAY + HOUR, DAY + 2 * HOUR)).toEqual(['arn:aws:s3:::b/1', 'arn:aws:s3:::b/2']);
    expect(resources(DAY + 4 * HOUR)).toEqual(['arn:aws:s3:::b/3']);
    expect(resources(undefined, DAY + 90 * 60_000)).toEqual(['arn:aws:s3:::b/1']);
    expect(draftPolicy(usage, ROLE, { start: DAY + 7 * HOUR }).documents).toEqual([]);
  });

  it('collapses more than N object ARNs of one bucket to the common folder', () => {
    const objects = Array.from({ length: 4 }, (_, i) => `arn:aws:s3:::b/logs/2024/05/0${i}.gz`);
    const usage = [...objects, 'arn:aws:s3:::b/logs/2023/x', 'arn:aws:s3:::c/one'].map((r) =>
      agg('s3:GetObject', r),
    );

    const draft = draftPolicy(usage, ROLE, { collapseObjectsAbove: 3 });

    expect(draft.documents[0]?.Statement[0]?.Resource).toEqual([
      'arn:aws:s3:::b/logs/*',
      'arn:aws:s3:::c/one',
    ]);
    expect(draft.notes).toEqual([
      {
        kind: 'collapsed',
        action: 's3:GetObject',
        detail: '5 ARNs under arn:aws:s3:::b (more than 3) collapsed to arn:aws:s3:::b/logs/*',
      },
    ]);
    const bucketWide = draftPolicy([...usage, agg('s3:GetObject', 'arn:aws:s3:::b/top')], ROLE, {
      collapseObjectsAbove: 3,
    });
    expect(bucketWide.documents[0]?.Statement[0]?.Resource).toEqual([
      'arn:aws:s3:::b/*',
      'arn:aws:s3:::c/one',
    ]);
    expect(
      draftPolicy(usage, ROLE, { collapseObjectsAbove: 0 }).documents[0]?.Statement[0]?.Resource,
    ).toHaveLength(6);
    expect(draftPolicy(usage, ROLE).documents[0]?.Statement[0]?.Resource).toHaveLength(6);
  });

  it('collapses SSM parameter paths and regroups statements that become identical', () => {
    const param = (p: string) => `arn:aws:ssm:eu-west-1:111122223333:parameter/app/prod/${p}`;
    const usage = [
      ...['db/host', 'db/port', 'db/user'].map((p) => agg('ssm:GetParameter', param(p))),
      ...['db/host', 'db/name'].map((p) => agg('ssm:GetParameters', param(p))),
    ];

    const draft = draftPolicy(usage, ROLE, { collapseObjectsAbove: 1 });

    expect(draft.documents[0]?.Statement).toEqual([
      statement(
        'SsmReadParameters',
        ['ssm:GetParameter', 'ssm:GetParameters'],
        ['arn:aws:ssm:eu-west-1:111122223333:parameter/app/prod/db/*'],
      ),
    ]);
  });

  it('derives unique alphanumeric Sids from content', () => {
    const usage = [
      agg('s3:GetObject', 'arn:aws:s3:::a/1'),
      agg('s3:GetObject', '*', { origin: 'unresolved', window: '2024-05-02' }),
      agg('s3:GetObjectVersion', 'arn:aws:s3:::a/1'),
      agg('s3:GetObjectVersion', 'arn:aws:s3:::a/2'),
      agg('s3:GetObjectTagging', 'arn:aws:s3:::a/2'),
      agg('s3:GetObjectTagging', 'arn:aws:s3:::a/3'),
      agg('logs:PutLogEvents', 'arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s'),
      agg('logs:CreateLogStream', 'arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s'),
      agg('iam:GetPolicy', 'arn:aws:iam::111122223333:policy/p'),
      agg('iam:GetPolicyVersion', 'arn:aws:iam::111122223333:policy/p'),
    ];

    const sids = draftPolicy(usage, ROLE).documents[0]?.Statement.map((s) => s.Sid);

    expect(sids).toEqual([
      'IamReadPolicies',
      'LogsWriteLogGroups',
      'S3GetObject',
      'S3GetObjectTagging',
      'S3GetObjectVersion',
    ]);
    for (const sid of sids ?? []) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('numbers Sids that would otherwise collide', () => {
    const usage = [
      agg('s3:GetObject', 'arn:aws:s3:::a/1'),
      agg('s3:GetObjectVersion', 'arn:aws:s3:::a/1'),
      agg('s3:GetObjectAcl', 'arn:aws:s3:::a/2'),
      agg('s3:GetObjectTagging', 'arn:aws:s3:::a/2'),
    ];
    const sids = draftPolicy(usage, ROLE).documents[0]?.Statement.map((s) => s.Sid);
    expect(sids).toEqual(['S3ReadObjects', 'S3ReadObjects2']);
  });
});
