import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../analysis/analyzer.js';
import type { ApiCall, Outcome } from '../types.js';
import { mergeAggregates, type UsageAggregate } from './aggregate.js';
import { mergeUsage } from './merge-usage.js';

const principals = ['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:user/b'];
const outcomes: Outcome[] = [
  { kind: 'success' },
  { kind: 'denied', code: 'AccessDenied' },
  { kind: 'error', code: 'NoSuchKey' },
];

/** Synthetic calls drawn from small domains so that keys collide often. */
const callArb = fc
  .record({
    id: fc.uuid(),
    time: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_000 + 5 * 86_400_000 }),
    principal: fc.constantFrom(...principals),
    action: fc.constantFrom('s3:GetObject', 's3:PutObject', 'kms:Decrypt'),
    resource: fc.constantFrom('arn:aws:s3:::b/k1', 'arn:aws:s3:::b/k2', '*'),
    outcome: fc.constantFrom(...outcomes),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
    session: fc.option(fc.constantFrom(...'abcdefghijklmnop'.split('')), { nil: undefined }),
    invokedBy: fc.option(fc.constant('secretsmanager.amazonaws.com'), { nil: undefined }),
  })
  .map(
    (c): ApiCall => ({
      eventId: c.id,
      time: c.time,
      eventSource: 's3.amazonaws.com',
      eventName: 'X',
      region: c.region,
      principal: {
        arn: c.principal,
        kind: 'role',
        accountId: '111122223333',
        partition: 'aws',
        flags: [],
        draftable: true,
      },
      sourceAccount: '111122223333',
      recipientAccount: '111122223333',
      crossAccount: false,
      outcome: c.outcome,
      mapping: {
        kind: 'mapped',
        actions: [
          {
            action: c.action,
            resources: [{ arn: c.resource, origin: c.resource === '*' ? 'unresolved' : 'record' }],
          },
        ],
      },
      ...(c.session ? { sessionName: c.session } : {}),
      ...(c.invokedBy ? { invokedBy: c.invokedBy } : {}),
    }),
  );

function fold(calls: readonly ApiCall[]): UsageAggregate[] {
  const analyzer = new Analyzer();
  for (const call of calls) analyzer.addCall(call);
  return analyzer.usage();
}

describe('usage aggregates', () => {
  it('give the same result whatever the order of the calls', () => {
    const permuted = fc
      .array(callArb, { maxLength: 60 })
      .chain((calls) =>
        fc.tuple(
          fc.constant(calls),
          fc.shuffledSubarray(calls, { minLength: calls.length, maxLength: calls.length }),
        ),
      );
    fc.assert(
      fc.property(permuted, ([calls, shuffled]) => {
        expect(fold(shuffled)).toEqual(fold(calls));
      }),
    );
  });

  it('merge partial folds into the fold of everything (any split)', () => {
    fc.assert(
      fc.property(
        fc.array(callArb, { maxLength: 60 }),
        fc.array(fc.nat(3), { maxLength: 60 }),
        (calls, parts) => {
          const chunks: ApiCall[][] = [[], [], [], []];
          calls.forEach((call, i) => {
            chunks[(parts[i] ?? 0) % 4]?.push(call);
          });
          expect(mergeUsage(...chunks.map(fold))).toEqual(fold(calls));
        },
      ),
    );
  });

  it('never count a duplicate eventID twice', () => {
    fc.assert(
      fc.property(
        fc.array(callArb, { maxLength: 40 }),
        fc.array(fc.nat(39), { maxLength: 20 }),
        (calls, picks) => {
          const redelivered = picks.flatMap((i) => (calls[i] ? [calls[i]] : []));
          expect(fold([...calls, ...redelivered])).toEqual(fold(calls));
        },
      ),
    );
  });

  it('merge associatively and commutatively', () => {
    fc.assert(
      fc.property(fc.array(callArb, { minLength: 3, maxLength: 3 }), (calls) => {
        const first = calls[0] as ApiCall;
        // Same principal, action, resource and time: one key; outcomes, regions and sessions still differ.
        const [a, b, c] = calls.map(
          (call) =>
            fold([
              { ...call, principal: first.principal, mapping: first.mapping, time: first.time },
            ])[0] as UsageAggregate,
        ) as [UsageAggregate, UsageAggregate, UsageAggregate];
        expect(mergeAggregates(a, mergeAggregates(b, c))).toEqual(mergeAggregates(mergeAggregates(a, b), c));
        expect(mergeAggregates(a, b)).toEqual(mergeAggregates(b, a));
        expect(mergeAggregates(a, b).calls).toBe(a.calls + b.calls);
      }),
    );
  });
});
