import { describe, expect, it } from 'vitest';
import { allActionNames, expandActionPattern } from './expand-actions.js';
import { grantedActions } from './granted-actions.js';
import { ADMINISTRATOR_ACCESS, grantedOf, inlinePolicy } from './test-support.js';

const BOUNDARY = 'arn:aws:iam::111122223333:policy/Boundary';

describe('grantedActions', () => {
  it('unions the Allow statements of every policy', () => {
    const perms = grantedOf([
      inlinePolicy('a', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }),
      inlinePolicy('b', { Effect: 'Allow', Action: ['sqs:SendMessage', 'S3:GETOBJECT'], Resource: '*' }),
    ]);
    const { actions, caveats } = grantedActions(perms);
    expect([...actions].sort()).toEqual(['s3:GetObject', 'sqs:SendMessage']);
    expect(caveats).toEqual([]);
  });

  it('grants every known action for AdministratorAccess', () => {
    expect(grantedActions(grantedOf([ADMINISTRATOR_ACCESS])).actions.size).toBe(allActionNames().length);
  });

  it('subtracts unconditional Deny statements on every resource, including NotAction ones', () => {
    const perms = grantedOf([
      ADMINISTRATOR_ACCESS,
      inlinePolicy(
        'guard',
        { Effect: 'Deny', Action: 'iam:*', Resource: ['arn:aws:iam::111122223333:role/x', '*'] },
        { Effect: 'Deny', NotAction: ['s3:*', 'iam:*', 'ec2:*'], Resource: '*', Condition: {} },
      ),
    ]);
    const { actions, caveats } = grantedActions(perms);
    expect(actions.size).toBe(expandActionPattern('s3:*').length + expandActionPattern('ec2:*').length);
    expect(actions.has('iam:PassRole')).toBe(false);
    expect(caveats).toEqual([]);
  });

  it('does not subtract a conditional or resource-scoped Deny, and says so', () => {
    const perms = grantedOf([
      inlinePolicy(
        'p',
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        {
          Sid: 'OnlyTls',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::prod' },
        { Effect: 'Deny', Action: 's3:PutObject', NotResource: 'arn:aws:s3:::scratch/*' },
      ),
    ]);
    const { actions, caveats } = grantedActions(perms);
    expect(actions.size).toBe(expandActionPattern('s3:*').length);
    expect(caveats).toEqual([
      `Policy "p" (inline) statement 2 (Sid "OnlyTls") denies ${actions.size} action(s) only under a Condition; they are not subtracted from the granted actions.`,
      'Policy "p" (inline) statement 3 denies 1 action(s) only on specific resources; they are not subtracted from the granted actions.',
      'Policy "p" (inline) statement 4 denies 1 action(s) on every resource except its NotResource list; they are not subtracted from the granted actions.',
    ]);
  });

  it('counts conditional and NotResource Allow statements as granted, with a caveat', () => {
    const perms = grantedOf([
      inlinePolicy(
        'p',
        {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'aws:x': 'y' } },
        },
        { Effect: 'Allow', Action: 'sns:Publish', NotResource: 'arn:aws:sns:*:*:secret' },
      ),
    ]);
    const { actions, caveats } = grantedActions(perms);
    expect([...actions].sort()).toEqual(['kms:Decrypt', 'sns:Publish']);
    expect(caveats).toEqual([
      'Policy "p" (inline) statement 1 allows 1 action(s) only under a Condition; they are counted as granted although the condition may not hold.',
      'Policy "p" (inline) statement 2 allows 1 action(s) on every resource except its NotResource list; they are counted as granted.',
    ]);
  });

  it('expands an Allow NotAction over every service', () => {
    const perms = grantedOf([inlinePolicy('p', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })]);
    const { actions } = grantedActions(perms);
    expect(actions.size).toBe(allActionNames().length - expandActionPattern('iam:*').length);
    expect(actions.has('s3:GetObject')).toBe(true);
  });

  it('notes patterns that match no known action, once per statement even when a policy is listed twice', () => {
    const statement = { Effect: 'Allow' as const, Action: ['s3:GetObjekt', 's3:GetObject'], Resource: '*' };
    const policy = inlinePolicy('p', statement);
    const { actions, caveats } = grantedActions(grantedOf([policy, policy]));
    expect([...actions]).toEqual(['s3:GetObject']);
    expect(caveats).toEqual([
      'Policy "p" (inline) statement 1 names "s3:GetObjekt", which matches no action iamlp knows; it is ignored.',
    ]);
  });

  it('intersects with a known permissions boundary and says how many actions it removed', () => {
    const boundary = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow' as const, Action: ['s3:*', 'ec2:*'], Resource: '*' }],
    };
    const perms = grantedOf(
      [
        inlinePolicy('p', {
          Effect: 'Allow',
          Action: ['s3:GetObject', 'iam:PassRole', 'ec2:RunInstances'],
          Resource: '*',
        }),
      ],
      { permissionsBoundary: { arn: BOUNDARY, document: boundary } },
    );
    const { actions, caveats } = grantedActions(perms);
    expect([...actions].sort()).toEqual(['ec2:RunInstances', 's3:GetObject']);
    expect(caveats).toEqual([
      `Permissions boundary ${BOUNDARY} is applied: only actions that both it and the identity policies allow are counted (1 removed).`,
    ]);
  });

  it('notes a boundary whose document is unknown and does not limit by it', () => {
    const perms = grantedOf([ADMINISTRATOR_ACCESS], { permissionsBoundary: { arn: BOUNDARY } });
    const { actions, caveats } = grantedActions(perms);
    expect(actions.size).toBe(allActionNames().length);
    expect(caveats).toEqual([
      `Permissions boundary ${BOUNDARY} is attached but its document is unknown, so the granted actions are not limited by it.`,
    ]);
  });

  it('caches the result per permissions object', () => {
    const perms = grantedOf([ADMINISTRATOR_ACCESS]);
    expect(grantedActions(perms)).toBe(grantedActions(perms));
  });
});
