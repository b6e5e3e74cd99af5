import { describe, expect, it } from 'vitest';
import { allowedActions } from '../evaluate/index.js';
import { simulate } from './simulate.js';
import { doc, policies, row } from './test-support.js';

const ROLE = 'arn:aws:iam::111122223333:role/app';
const BUCKET = 'arn:aws:s3:::reports';
const ADMIN = policies('admin.json', doc({ Effect: 'Allow', Action: '*', Resource: '*' }));

describe('simulate', () => {
  it('lists a successful call the proposal would deny as a regression, with the reason', () => {
    const proposed = policies(
      'p.json',
      doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    );
    const usage = [
      row('s3:GetObject', `${BUCKET}/a`, { calls: 3 }),
      row('s3:PutObject', `${BUCKET}/a`, { calls: 2 }),
    ];

    const report = simulate({ principal: ROLE, usage, proposed, baseline: ADMIN });

    expect(report.regressions).toEqual([
      {
        action: 's3:PutObject',
        resource: `${BUCKET}/a`,
        calls: 2,
        decision: 'ImplicitDeny',
        reason: 'no statement allows it (implicit deny)',
      },
    ]);
    expect(report.metrics.accessDeniedChange).toMatchObject({ before: 0, after: 2, newlyDenied: 2 });
  });

  it('does not count a call the baseline already denies as a regression', () => {
    const baseline = policies('b.json', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    const proposed = policies(
      'p.json',
      doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    );

    const report = simulate({
      principal: ROLE,
      usage: [row('s3:PutObject', `${BUCKET}/a`)],
      proposed,
      baseline,
    });

    expect(report.regressions).toEqual([]);
    expect(report.metrics.accessDeniedChange).toMatchObject({ before: 1, after: 1, baselineGaps: 1 });
  });

  it('uses the recorded outcomes as "before" without a baseline, and reports denied calls the proposal allows', () => {
    const proposed = policies('p.json', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    const usage = [
      row('s3:DeleteBucket', BUCKET, { calls: 0, denied: 4 }),
      row('iam:GetRole', '*', { calls: 1 }),
    ];

    const report = simulate({ principal: ROLE, usage, proposed });

    expect(report.baseline).toBeNull();
    expect(report.metrics.accessDeniedChange).toMatchObject({
      before: 4,
      beforeSource: 'recorded',
      after: 1,
    });
    expect(report.newlyAllowed.map((r) => [r.action, r.calls])).toEqual([['s3:DeleteBucket', 4]]);
    expect(report.regressions.map((r) => r.action)).toEqual(['iam:GetRole']);
    expect(report.metrics.allowedActionDelta.before).toBeNull();
  });

  it('merges the per-day rows of one request before replaying', () => {
    const proposed = policies('p.json', doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET }));
    const usage = [
      row('s3:GetObject', `${BUCKET}/a`, { calls: 2 }),
      row('s3:GetObject', `${BUCKET}/a`, { calls: 5 }),
    ];

    const report = simulate({ principal: ROLE, usage, proposed });

    expect(report.recorded.rows).toBe(1);
    expect(report.regressions).toMatchObject([{ action: 's3:GetObject', calls: 7 }]);
  });

  it('evaluates a row with an unknown resource on any resource', () => {
    const proposed = policies(
      'p.json',
      doc({ Effect: 'Allow', Action: ['s3:GetObject', 'kms:Decrypt'], Resource: `${BUCKET}/*` }),
      doc({ Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' }),
    );

    const report = simulate({
      principal: ROLE,
      usage: [row('s3:GetObject', '*'), row('kms:Decrypt', '*')],
      proposed,
    });

    expect(report.regressions.map((r) => r.action)).toEqual(['kms:Decrypt']);
    expect(report.metrics.accessDeniedChange.unknownResourceRows).toBe(2);
  });

  it('keeps a denied call with an unknown resource denied unless the proposal allows it on every resource', () => {
    const role = 'arn:aws:iam::111122223333:role/deploy';
    const specific = policies('p.json', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role }));
    const everywhere = policies('q.json', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }));
    const usage = [row('sts:AssumeRole', '*', { calls: 2, denied: 13 })];

    const narrow = simulate({ principal: ROLE, usage, proposed: specific });
    const broad = simulate({ principal: ROLE, usage, proposed: everywhere });

    expect(narrow.regressions).toEqual([]);
    expect(narrow.newlyAllowed).toEqual([]);
    expect(narrow.metrics.accessDeniedChange).toMatchObject({ before: 13, after: 13, newlyAllowed: 0 });
    expect(broad.newlyAllowed).toMatchObject([{ action: 'sts:AssumeRole', resource: '*', calls: 13 }]);
    expect(broad.metrics.accessDeniedChange).toMatchObject({ before: 13, after: 0, newlyAllowed: 13 });
  });

  it('replays kms:ViaService and iam:PassedToService from the recorded calls', () => {
    const proposed = policies(
      'p.json',
      doc(
        {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
        },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: '*',
          Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        },
      ),
    );
    const viaOnly = row('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/k', {
      viaServices: ['s3.us-east-1.amazonaws.com'],
      direct: false,
    });
    const alsoDirect = row('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/j', {
      viaServices: ['s3.us-east-1.amazonaws.com'],
      direct: true,
    });
    const passed = row('iam:PassRole', 'arn:aws:iam::111122223333:role/fn', {
      passedTo: ['lambda.amazonaws.com', 'ec2.amazonaws.com'],
    });

    const report = simulate({ principal: ROLE, usage: [viaOnly, alsoDirect, passed], proposed });

    expect(report.regressions.map((r) => r.resource)).toEqual([
      'arn:aws:iam::111122223333:role/fn',
      'arn:aws:kms:us-east-1:111122223333:key/j',
    ]);
  });

  it('replays each request at the time of its last call', () => {
    const proposed = policies(
      'p.json',
      doc({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } },
      }),
    );
    const usage = [
      row('s3:GetObject', `${BUCKET}/old`, { lastSeen: '2024-05-01T10:00:00.000Z' }),
      row('s3:GetObject', `${BUCKET}/new`, { lastSeen: '2024-05-01T10:00:00.000Z' }),
      row('s3:GetObject', `${BUCKET}/new`, { lastSeen: '2024-07-01T10:00:00.000Z' }),
    ];

    const report = simulate({ principal: ROLE, usage, proposed });

    expect(report.regressions.map((r) => r.resource)).toEqual([`${BUCKET}/new`]);
  });

  it('applies SCPs and the baseline boundary to both sides, and the guardrail context to every request', () => {
    const baseline = {
      ...ADMIN,
      permissionsBoundary: policies('pb', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })).policies,
    };
    const scp = policies(
      'scp',
      doc(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
      ),
    );
    const usage = [
      row('s3:GetObject', `${BUCKET}/a`),
      row('s3:GetObject', `${BUCKET}/b`, { regions: ['eu-west-1'] }),
      row('ec2:DescribeVpcs', '*', { regions: ['eu-west-1'] }),
    ];

    const report = simulate({
      principal: ROLE,
      usage,
      proposed: ADMIN,
      baseline,
      guardrails: { scpLevels: [scp.policies] },
    });

    expect(report.metrics.accessDeniedChange).toMatchObject({ before: 2, after: 2, baselineGaps: 2 });
    expect(report.regressions).toEqual([]);
    expect(report.metrics.allowedActionDelta.after).toBe(
      allowedActions({ identity: ADMIN.policies, permissionsBoundary: baseline.permissionsBoundary }).length,
    );
  });

  it('evaluates cases and flags an unexpected outcome', () => {
    const proposed = policies(
      'p.json',
      doc({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      }),
    );
    const cases = [
      {
        name: 'office',
        action: 's3:GetObject',
        resource: `${BUCKET}/a`,
        context: { 'aws:SourceIp': '10.1.2.3' },
        expect: 'allow' as const,
      },
      {
        name: 'home',
        action: 's3:GetObject',
        resource: `${BUCKET}/a`,
        context: { 'aws:SourceIp': '192.0.2.1' },
        expect: 'allow' as const,
      },
    ];

    const report = simulate({ principal: ROLE, usage: [], proposed, baseline: ADMIN, cases });

    expect(report.cases.map((c) => [c.name, c.before, c.after, c.ok])).toEqual([
      ['office', 'Allow', 'Allow', true],
      ['home', 'Allow', 'ImplicitDeny', false],
    ]);
  });

  it('measures the action delta, resource concreteness and high-risk reductions', () => {
    const proposed = policies(
      'p.json',
      doc(
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [`${BUCKET}/*`, '*'] },
        { Effect: 'Allow', Action: ['iam:PassRole', 'ec2:DescribeVpcs'], Resource: '*' },
      ),
    );

    const report = simulate({ principal: ROLE, usage: [], proposed, baseline: ADMIN });

    const m = report.metrics;
    expect(m.allowedActionDelta.kept).toEqual([
      'ec2:DescribeVpcs',
      'iam:PassRole',
      's3:GetObject',
      's3:PutObject',
    ]);
    expect(m.allowedActionDelta.added).toEqual([]);
    expect(m.allowedActionDelta.removed.length).toBe((m.allowedActionDelta.before ?? 0) - 4);
    expect(m.resourceConcretenessRatio.after).toEqual({
      concrete: 2,
      total: 6,
      ratio: 2 / 6,
      wildcardOnly: 1,
    });
    expect(m.resourceConcretenessRatio.before).toMatchObject({ concrete: 0, ratio: 0 });
    const escalation = m.highRiskReductions.find((h) => h.category === 'privilege-escalation');
    expect(escalation?.allowed).toEqual(['iam:PassRole']);
    expect(escalation?.removed).toContain('iam:CreatePolicyVersion');
  });

  it('notes actions the IAM reference data does not know', () => {
    const proposed = policies(
      'p.json',
      doc({ Effect: 'Allow', Action: ['s3:GetObjects', 's3:Get*'], Resource: '*' }),
    );

    const report = simulate({ principal: ROLE, usage: [], proposed });

    expect(report.notes).toEqual([
      'p.json: 1 action(s) unknown to the IAM reference data, not counted: s3:getobjects',
    ]);
  });

  it('computes the allowed actions of AdministratorAccess quickly', () => {
    allowedActions({ identity: ADMIN.policies });
    const start = performance.now();

    const actions = allowedActions({ identity: ADMIN.policies });

    expect(actions.length).toBeGreaterThan(15_000);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
