import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions } from './allowed-actions.js';
import { evaluateRequest } from './evaluate.js';
import { parsePolicy } from './parse-policy.js';
import type { EvaluationRequest, Policy, PolicySet } from './types.js';

// Small domains so that generated statements and requests often meet.
const ACTIONS = ['s3:GetObject', 's3:PutObject', 'iam:CreateUser', 'ec2:RunInstances', 'kms:Decrypt'];
const ACTION_PATTERNS = ['*', 's3:*', 's3:Get*', 'iam:*', 'ec2:Run?nstances', 's3:GetObject', 'kms:*'];
const RESOURCES = ['arn:aws:s3:::a/x', 'arn:aws:s3:::b/y', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1'];
const RESOURCE_PATTERNS = ['*', 'arn:aws:s3:::a/*', 'arn:aws:s3:::b/*', 'arn:aws:ec2:*:111122223333:*'];
const CONDITIONS = [
  { StringEquals: { 'aws:PrincipalTag/team': 'ops' } },
  { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  { Bool: { 'aws:SecureTransport': 'false' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } },
  { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
];

const statementArb = (effect: fc.Arbitrary<'Allow' | 'Deny'>) =>
  fc.record(
    {
      Effect: effect,
      Action: fc.uniqueArray(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 3 }),
      Resource: fc.uniqueArray(fc.constantFrom(...RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
      Condition: fc.constantFrom(...CONDITIONS),
    },
    { requiredKeys: ['Effect', 'Action', 'Resource'] },
  );

const policyArb = (effect: fc.Arbitrary<'Allow' | 'Deny'>) =>
  fc
    .array(statementArb(effect), { minLength: 1, maxLength: 4 })
    .map((Statement) => ({ Version: '2012-10-17', Statement }));

const contextArb = fc.record(
  {
    'aws:PrincipalTag/team': fc.constantFrom('ops', 'dev'),
    'aws:RequestedRegion': fc.constantFrom('eu-west-1', 'us-east-1'),
    'aws:SecureTransport': fc.constantFrom('true', 'false'),
    'aws:TagKeys': fc.subarray(['env', 'owner']),
    'aws:SourceIp': fc.constantFrom('203.0.113.9', '198.51.100.1'),
  },
  { requiredKeys: [] },
);

const requestArb: fc.Arbitrary<EvaluationRequest> = fc.record({
  action: fc.constantFrom(...ACTIONS),
  resource: fc.option(fc.constantFrom(...RESOURCES), { nil: undefined }),
  context: contextArb,
});

function parse(doc: unknown, id: string): Policy {
  const result = parsePolicy(doc, id);
  if (!result.ok) throw new Error(result.error);
  return result.policy;
}

const setArb: fc.Arbitrary<PolicySet> = fc
  .record({
    identity: fc.array(policyArb(fc.constantFrom('Allow', 'Deny')), { maxLength: 3 }),
    scp: fc.option(policyArb(fc.constantFrom('Allow', 'Deny')), { nil: undefined }),
    boundary: fc.option(policyArb(fc.constant('Allow')), { nil: undefined }),
  })
  .map(({ identity, scp, boundary }) => ({
    identity: identity.map((d, i) => parse(d, `id${i}`)),
    ...(scp ? { scpLevels: [[parse(scp, 'scp')]] } : {}),
    ...(boundary ? { permissionsBoundary: [parse(boundary, 'pb')] } : {}),
  }));

describe('evaluateRequest properties', () => {
  it('adding a Deny never turns a denied request into an allowed one', () => {
    fc.assert(
      fc.property(setArb, policyArb(fc.constant('Deny')), requestArb, (set, deny, request) => {
        const before = evaluateRequest(set, request).decision;
        const after = evaluateRequest({ ...set, identity: [...set.identity, parse(deny, 'deny')] }, request);

        if (before !== 'Allow') expect(after.decision).not.toBe('Allow');
        if (before === 'ExplicitDeny') expect(after.decision).toBe('ExplicitDeny');
      }),
    );
  });

  it('an Allow of "*" on "*" with no Deny allows every request', () => {
    const admin = parse(
      { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
      'a',
    );
    fc.assert(
      fc.property(requestArb, (request) => {
        expect(evaluateRequest({ identity: [admin] }, request).decision).toBe('Allow');
      }),
    );
  });

  it('dropping the SCPs and the boundary never turns an allow into a deny', () => {
    fc.assert(
      fc.property(setArb, requestArb, (set, request) => {
        const full = evaluateRequest(set, request).decision;
        const identityOnly = evaluateRequest({ identity: set.identity }, request).decision;

        if (full === 'Allow') expect(identityOnly).toBe('Allow');
      }),
    );
  });

  it('every allowed request has its action among the allowed actions of the set', () => {
    fc.assert(
      fc.property(setArb, requestArb, (set, request) => {
        const decision = evaluateRequest(set, request).decision;

        if (decision === 'Allow') expect(allowedActions(set)).toContain(request.action);
      }),
      { numRuns: 60 },
    );
  });
});
