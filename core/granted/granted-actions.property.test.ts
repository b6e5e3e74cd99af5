import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandActionPatterns } from './expand-actions.js';
import { grantedActions } from './granted-actions.js';
import { grantedOf, inlinePolicy } from './test-support.js';

const PATTERNS = [
  's3:*',
  's3:Get*',
  's3:GetObject',
  'iam:Pass?ole',
  'iam:*',
  'kms:De*',
  'ec2:Describe*',
  '*:List*',
];
const patternsArb = fc.subarray(PATTERNS, { minLength: 1 });

describe('grantedActions (property)', () => {
  it('is the Allow expansion minus the unconditional Deny expansion, intersected with the boundary', () => {
    fc.assert(
      fc.property(
        patternsArb,
        fc.option(patternsArb, { nil: undefined }),
        fc.option(patternsArb, { nil: undefined }),
        (allow, deny, boundary) => {
          const statements = [
            { Effect: 'Allow' as const, Action: allow, Resource: '*' },
            ...(deny ? [{ Effect: 'Deny' as const, Action: deny, Resource: '*' }] : []),
          ];
          const perms = grantedOf([inlinePolicy('p', ...statements)], {
            permissionsBoundary: boundary
              ? {
                  arn: 'arn:aws:iam::111122223333:policy/b',
                  document: { Statement: { Effect: 'Allow', Action: boundary, Resource: '*' } },
                }
              : null,
          });
          const denied = expandActionPatterns(deny ?? []);
          const ceiling = boundary ? expandActionPatterns(boundary) : undefined;
          const expected = [...expandActionPatterns(allow)].filter(
            (a) => !denied.has(a) && (ceiling?.has(a) ?? true),
          );
          expect([...grantedActions(perms).actions].sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never loses actions when a conditional Deny is added, and notes it', () => {
    fc.assert(
      fc.property(patternsArb, patternsArb, (allow, deny) => {
        const base = grantedOf([inlinePolicy('p', { Effect: 'Allow', Action: allow, Resource: '*' })]);
        const conditional = grantedOf([
          inlinePolicy(
            'p',
            { Effect: 'Allow', Action: allow, Resource: '*' },
            {
              Effect: 'Deny',
              Action: deny,
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
            },
          ),
        ]);
        expect(grantedActions(conditional).actions).toEqual(grantedActions(base).actions);
        expect(grantedActions(conditional).caveats).toHaveLength(1);
      }),
      { numRuns: 40 },
    );
  });
});
