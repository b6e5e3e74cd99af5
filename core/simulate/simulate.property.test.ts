import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toUsageRow } from '../analysis/rows.js';
import { parsePolicy } from '../evaluate/index.js';
import { draftPolicy } from '../policy/index.js';
import type { UsageAggregate } from '../usage/aggregate.js';
import { usageAggregate } from '../usage/test-support.js';
import { simulate } from './simulate.js';
import { doc, policies } from './test-support.js';

const ROLE = 'arn:aws:iam::111122223333:role/app';
const ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  'kms:Decrypt',
  'iam:PassRole',
  'ec2:DescribeInstances',
];
const RESOURCES = [
  '*',
  'arn:aws:s3:::b',
  'arn:aws:s3:::b/k/1',
  'arn:aws:s3:::b/k/2',
  'arn:aws:s3:::c/x',
  'arn:aws:kms:us-east-1:111122223333:key/k',
  'arn:aws:iam::111122223333:role/fn',
];

/** Usage of one role from small domains, as the aggregator would produce it (unique keys). */
const usageArb = fc.uniqueArray(
  fc
    .record({
      action: fc.constantFrom(...ACTIONS),
      resource: fc.constantFrom(...RESOURCES),
      day: fc.integer({ min: 1, max: 3 }),
      calls: fc.nat({ max: 3 }),
      denied: fc.nat({ max: 2 }),
      via: fc.subarray(['s3.us-east-1.amazonaws.com', 'secretsmanager.us-east-1.amazonaws.com']),
      direct: fc.boolean(),
      passedTo: fc.subarray(['lambda.amazonaws.com', 'ec2.amazonaws.com']),
      regions: fc.subarray(['us-east-1', 'eu-west-1'], { minLength: 1 }),
    })
    .map(
      (g): UsageAggregate =>
        usageAggregate(ROLE, g.action, g.resource, {
          window: `2024-05-0${g.day}`,
          calls: g.calls,
          denied: g.denied,
          regions: g.regions,
          viaServices: g.calls > 0 ? g.via : [],
          direct: g.calls > 0 && (g.direct || g.via.length === 0),
          passedTo: g.calls > 0 ? g.passedTo : [],
        }),
    ),
  { maxLength: 30, selector: (a) => `${a.action} ${a.resource} ${a.window}` },
);

function proposalOf(usage: readonly UsageAggregate[]) {
  const draft = draftPolicy(usage, ROLE, { collapseObjectsAbove: 1 });
  return {
    label: 'draft',
    policies: draft.documents.map((d, i) => {
      const parsed = parsePolicy(d, `draft#${i}`);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.policy;
    }),
  };
}

describe('simulate properties', () => {
  it('a drafted policy causes no regression on the usage it was drafted from', () => {
    fc.assert(
      fc.property(usageArb, (usage) => {
        const report = simulate({
          principal: ROLE,
          usage: usage.map(toUsageRow),
          proposed: proposalOf(usage),
        });

        expect(report.regressions).toEqual([]);
      }),
    );
  });

  it('a proposal equal to the baseline changes nothing', () => {
    const baseline = policies(
      'b',
      doc({ Effect: 'Allow', Action: ['s3:*', 'kms:Decrypt'], Resource: 'arn:aws:s3:::b*' }),
    );
    fc.assert(
      fc.property(usageArb, (usage) => {
        const report = simulate({
          principal: ROLE,
          usage: usage.map(toUsageRow),
          proposed: baseline,
          baseline,
        });

        expect(report.regressions).toEqual([]);
        expect(report.metrics.accessDeniedChange.before).toBe(report.metrics.accessDeniedChange.after);
        expect(report.metrics.allowedActionDelta.removed).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});
