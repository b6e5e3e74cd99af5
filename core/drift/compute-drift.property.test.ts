import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantedOf, inlinePolicy } from '../granted/test-support.js';
import { usageAggregate } from '../usage/test-support.js';
import { computeDrift } from './compute-drift.js';

const ROLE = 'arn:aws:iam::111122223333:role/r';
const ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  'iam:PassRole',
  'kms:Decrypt',
  'sqs:SendMessage',
  'ec2:RunInstances',
];
const PATTERNS = [...ACTIONS, 's3:*', 'kms:De*', 'iam:Pass?ole'];

const grantedArb = fc
  .record({
    allow: fc.subarray(PATTERNS),
    deny: fc.subarray(PATTERNS, { maxLength: 2 }),
  })
  .map(({ allow, deny }) =>
    grantedOf([
      inlinePolicy(
        'p',
        { Effect: 'Allow', Action: allow, Resource: '*' },
        ...(deny.length > 0 ? [{ Effect: 'Deny' as const, Action: deny, Resource: '*' }] : []),
      ),
    ]),
  );

const usageArb = fc.array(
  fc
    .record({
      action: fc.constantFrom(...ACTIONS),
      resource: fc.constantFrom('*', 'arn:aws:s3:::b/k'),
      calls: fc.nat({ max: 3 }),
      denied: fc.nat({ max: 2 }),
      lastSeen: fc.integer({ min: 1_700_000_000_000, max: 1_700_100_000_000 }),
    })
    .map(({ action, resource, ...over }) => usageAggregate(ROLE, action, resource, over)),
  { maxLength: 20 },
);

const usageAndShuffledArb = usageArb.chain((usage) =>
  fc.tuple(fc.constant(usage), fc.shuffledSubarray(usage, { minLength: usage.length })),
);

describe('computeDrift (property)', () => {
  it('adds up: granted = unused + used-and-granted, and used = used-and-granted + used-not-granted', () => {
    fc.assert(
      fc.property(grantedArb, usageArb, (granted, usage) => {
        const { counts, lastUse, grantedUnused, usedNotGranted } = computeDrift(granted, usage);
        const grantedAndUsed = lastUse.filter((u) => u.lastSeen !== null).length;
        expect(counts.granted).toBe(counts.grantedUnused + grantedAndUsed);
        expect(counts.used).toBe(grantedAndUsed + counts.usedNotGranted);
        expect(counts.grantedUnused).toBe(grantedUnused.length);
        expect(counts.usedNotGranted).toBe(usedNotGranted.length);
        expect(lastUse).toHaveLength(counts.granted);
      }),
    );
  });

  it('does not depend on the order of the usage rows, and keeps the score within 0..100', () => {
    fc.assert(
      fc.property(grantedArb, usageAndShuffledArb, (granted, [usage, shuffled]) => {
        const report = computeDrift(granted, usage);
        expect(computeDrift(granted, shuffled)).toEqual(report);
        expect(report.score).toBeGreaterThanOrEqual(0);
        expect(report.score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('agrees with a direct reading of the usage: used means at least one successful call', () => {
    fc.assert(
      fc.property(grantedArb, usageArb, (granted, usage) => {
        const report = computeDrift(granted, usage);
        const used = new Set(usage.filter((u) => u.calls > 0).map((u) => u.action));
        const grantedSet = new Set(report.lastUse.map((u) => u.action));
        expect(report.counts.used).toBe(used.size);
        for (const { action, lastSeen } of report.lastUse) expect(lastSeen !== null).toBe(used.has(action));
        expect(report.usedNotGranted.map((u) => u.action)).toEqual(
          [...used].filter((a) => !grantedSet.has(a)).sort(),
        );
      }),
    );
  });

  it('counts every denied call once', () => {
    fc.assert(
      fc.property(usageArb, (usage) => {
        const report = computeDrift(undefined, usage);
        const total = report.denied.reduce((sum, d) => sum + d.denied, 0);
        expect(total).toBe(usage.reduce((sum, u) => sum + u.denied, 0));
      }),
    );
  });
});
