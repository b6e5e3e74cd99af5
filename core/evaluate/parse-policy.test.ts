import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse-policy.js';

const statement = (over: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...over }],
});

describe('parsePolicy', () => {
  it('normalises single values into arrays, lower-cases actions and condition keys', () => {
    const parsed = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: {
          Sid: 'A',
          Effect: 'Allow',
          NotAction: 'IAM:*',
          Resource: '*',
          Condition: { Bool: { 'AWS:SecureTransport': true } },
        },
      },
      'p',
    );

    expect(parsed).toEqual({
      ok: true,
      policy: {
        id: 'p',
        variables: true,
        statements: [
          {
            sid: 'A',
            index: 0,
            effect: 'Allow',
            actions: ['iam:*'],
            notAction: true,
            resources: ['*'],
            notResource: false,
            conditions: [{ operator: 'Bool', key: 'aws:securetransport', values: ['true'] }],
          },
        ],
      },
    });
  });

  it.each([
    [statement({ Principal: '*' }), 'Statement[0]: Principal is only valid in resource-based policies'],
    [statement({ NotAction: 's3:*' }), 'Statement[0]: needs exactly one of Action and NotAction'],
    [statement({ Resource: undefined }), 'Statement[0]: needs exactly one of Resource and NotResource'],
    [statement({ Action: 's3 GetObject' }), "Statement[0]: 's3 GetObject' is not an action"],
    [
      statement({ Condition: { StringEqual: { k: 'v' } } }),
      "Statement[0].Condition: unknown operator 'StringEqual'",
    ],
    [
      statement({ Condition: { NullIfExists: { k: 'true' } } }),
      "Statement[0].Condition: unknown operator 'NullIfExists'",
    ],
    [
      statement({ Condition: { 'ForAnyValue:Null': { k: 'true' } } }),
      "Statement[0].Condition: unknown operator 'ForAnyValue:Null'",
    ],
    [statement({ Effect: 'Permit' }), 'Statement[0].Effect: Invalid option: expected one of "Allow"|"Deny"'],
    [{ Version: '2012-10-17' }, 'Statement: Invalid input: expected array, received undefined'],
    [[], 'document: Invalid input: expected object, received array'],
  ])('rejects %j: %s', (document, error) => {
    expect(parsePolicy(document, 'p')).toEqual({ ok: false, error });
  });
});
