import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyAllows } from '../../test/helpers/policy-allows.js';
import type { UsageAggregate } from '../usage/aggregate.js';
import { usageAggregate } from '../usage/test-support.js';
import { type DraftOptions, draftPolicy, policySize } from './index.js';

const ROLES = ['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:role/b'];
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
  'arn:aws:s3:::b/k/3',
  'arn:aws:s3:::c/x',
  'arn:aws:kms:us-east-1:111122223333:key/k',
  'arn:aws:iam::111122223333:role/fn',
];
const DAY = Date.UTC(2024, 4, 1);

/** Aggregates from small domains, so that actions share resources and keys collide often. */
const aggArb = fc
  .record({
    principal: fc.constantFrom(...ROLES),
    action: fc.constantFrom(...ACTIONS),
    resource: fc.constantFrom(...RESOURCES),
    day: fc.integer({ min: 0, max: 4 }),
    calls: fc.nat({ max: 3 }),
    denied: fc.nat({ max: 2 }),
    unresolved: fc.boolean(),
    via: fc.subarray(['s3.us-east-1.amazonaws.com', 'secretsmanager.us-east-1.amazonaws.com']),
    passedTo: fc.subarray(['lambda.amazonaws.com', 'ec2.amazonaws.com']),
  })
  .map(
    (g): UsageAggregate =>
      usageAggregate(g.principal, g.action, g.resource, {
        window: new Date(DAY + g.day * 86_400_000).toISOString().slice(0, 10),
        origin: g.resource !== '*' ? 'record' : g.unresolved ? 'unresolved' : 'wildcard-only',
        calls: g.calls,
        denied: g.denied,
        firstSeen: DAY + g.day * 86_400_000,
        lastSeen: DAY + g.day * 86_400_000 + 1000,
        viaServices: g.calls > 0 ? g.via : [],
        direct: g.calls > 0 && g.via.length === 0,
        passedTo: g.calls > 0 ? g.passedTo : [],
      }),
  );

/** Unique keys, as the aggregator guarantees. */
const usageArb = fc.uniqueArray(aggArb, {
  maxLength: 40,
  selector: (a) => `${a.principal} ${a.action} ${a.resource} ${a.window}`,
});

const optionsArb: fc.Arbitrary<DraftOptions> = fc.record({
  mode: fc.constantFrom('resources' as const, 'actions' as const),
  collapseObjectsAbove: fc.constantFrom(0, 1, 2, 25),
  conditions: fc.boolean(),
  maxPolicySize: fc.constantFrom(400, 800, 6144),
});

describe('draftPolicy properties', () => {
  it('gives the same draft for any order of the input', () => {
    const arb = usageArb.chain((usage) =>
      fc.tuple(fc.constant(usage), fc.shuffledSubarray(usage, { minLength: usage.length }), optionsArb),
    );
    fc.assert(
      fc.property(arb, ([usage, shuffled, options]) => {
        expect(draftPolicy(shuffled, ROLES[0] ?? '', options)).toEqual(
          draftPolicy(usage, ROLES[0] ?? '', options),
        );
      }),
    );
  });

  it('allows every successful call and nothing that was only ever denied', () => {
    fc.assert(
      fc.property(usageArb, optionsArb, (usage, options) => {
        const draft = draftPolicy(usage, ROLES[0] ?? '', options);
        const mine = usage.filter((a) => a.principal === ROLES[0]);
        for (const a of mine.filter((x) => x.calls > 0)) {
          expect(
            policyAllows(draft.documents, a.action, a.resource === '*' ? 'arn:aws:any' : a.resource),
          ).toBe(true);
        }
        const granted = new Set(mine.filter((a) => a.calls > 0).map((a) => a.action));
        const statements = draft.documents.flatMap((d) => d.Statement);
        for (const action of statements.flatMap((s) => [s.Action].flat()))
          expect(granted.has(action)).toBe(true);
      }),
    );
  });

  it('keeps every document within the limit and grants the same pairs as the unsplit draft', () => {
    fc.assert(
      fc.property(usageArb, optionsArb, (usage, options) => {
        const split = draftPolicy(usage, ROLES[0] ?? '', options);
        const whole = draftPolicy(usage, ROLES[0] ?? '', { ...options, maxPolicySize: 1_000_000 });
        for (const doc of split.documents)
          expect(policySize(doc)).toBeLessThanOrEqual(options.maxPolicySize ?? 6144);
        expect(pairsOf(split.documents)).toEqual(pairsOf(whole.documents));
      }),
    );
  });
});

function pairsOf(documents: ReturnType<typeof draftPolicy>['documents']): string[] {
  const out = new Set<string>();
  for (const st of documents.flatMap((d) => d.Statement)) {
    const condition = JSON.stringify(st.Condition ?? null);
    for (const a of [st.Action].flat())
      for (const r of [st.Resource].flat()) out.add(`${a} ${r} ${condition}`);
  }
  return [...out].sort();
}
