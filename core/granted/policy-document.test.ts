import { describe, expect, it } from 'vitest';
import { decodePolicyDocument, listOf, statementsOf } from './policy-document.js';
import { grantedErrorOf } from './test-support.js';

const document = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }],
};

describe('decodePolicyDocument', () => {
  it('accepts a document object as the AWS CLI prints it', () => {
    expect(decodePolicyDocument(document, 'p')).toEqual(document);
  });

  it('decodes the URL-encoded JSON the IAM API returns', () => {
    const encoded = encodeURIComponent(JSON.stringify(document));
    expect(encoded.startsWith('%7B')).toBe(true);
    expect(decodePolicyDocument(encoded, 'p')).toEqual(document);
  });

  it('reads form-style encoding, where a space is "+"', () => {
    const encoded = encodeURIComponent(JSON.stringify({ ...document, Id: 'a b' })).replaceAll('%20', '+');
    expect(decodePolicyDocument(encoded, 'p').Id).toBe('a b');
  });

  it('accepts plain JSON text without URL-decoding it (a "%" in it survives)', () => {
    const text = JSON.stringify({ ...document, Id: '100%' });
    expect(decodePolicyDocument(text, 'p').Id).toBe('100%');
  });

  it('keeps fields it does not know and a single Statement object', () => {
    const single = { Version: '2012-10-17', Statement: { Effect: 'Deny', NotAction: 'iam:*', Extra: 1 } };
    const decoded = decodePolicyDocument(single, 'p');
    expect(statementsOf(decoded)).toEqual([single.Statement]);
  });

  it.each([
    ['text that is not JSON', '{"Statement": [', 'the document is not valid JSON'],
    ['broken URL encoding', '%7B%E0%A4%A', 'the document is not URL-encoded JSON'],
    ['no Statement', { Version: '2012-10-17' }, 'Statement'],
    ['an unknown Effect', { Statement: [{ Effect: 'allow', Action: '*' }] }, 'Statement'],
    [
      'both Action and NotAction',
      { Statement: { Effect: 'Allow', Action: '*', NotAction: 's3:*' } },
      'exactly one',
    ],
    ['neither Action nor NotAction', { Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'exactly one'],
    ['a number as Action', { Statement: [{ Effect: 'Allow', Action: 3 }] }, 'Statement'],
  ])('rejects %s, naming the policy', (_, raw, detail) => {
    const error = grantedErrorOf(() => decodePolicyDocument(raw, 'inline policy X'));
    expect(error.code).toBe('INVALID_POLICY_DOCUMENT');
    expect(error.message).toMatch(/^inline policy X: /);
    expect(error.message).toContain(detail);
  });
});

describe('listOf', () => {
  it('turns a string-or-list field into a list', () => {
    expect(listOf(undefined)).toEqual([]);
    expect(listOf('*')).toEqual(['*']);
    expect(listOf(['a', 'b'])).toEqual(['a', 'b']);
  });
});
