// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates under test use ARN-template placeholders.
import { describe, expect, it } from 'vitest';
import { requestValues, templateRequestPaths } from './index.js';
import { clauseHolds } from './request-params.js';

const params = {
  bucketName: 'b',
  empty: '',
  nothing: null,
  requestItems: [
    { operation: 'Put', tableName: 'A' },
    { operation: 'Delete', tableName: 'B' },
    { operation: 'Update' },
  ],
  iamInstanceProfile: { arn: 'arn:aws:iam::1:instance-profile/p' },
};

describe('request parameter paths', () => {
  it('reads nested fields and each element of arrays', () => {
    expect(requestValues(params, 'iamInstanceProfile.arn')).toEqual(['arn:aws:iam::1:instance-profile/p']);
    expect(requestValues(params, 'requestItems[].tableName')).toEqual(['A', 'B']);
  });

  it('treats missing, null and empty values as absent', () => {
    expect(requestValues(params, 'empty')).toEqual([]);
    expect(requestValues(params, 'nothing')).toEqual([]);
    expect(requestValues(params, 'bucketName.deeper')).toEqual([]);
    expect(requestValues(null, 'bucketName')).toEqual([]);
    expect(requestValues(params, '__proto__')).toEqual([]);
  });

  it('caps how many values one path yields', () => {
    const many = { items: Array.from({ length: 1000 }, (_, i) => ({ id: String(i) })) };

    expect(requestValues(many, 'items[].id')).toHaveLength(100);
  });

  it('evaluates conditions existentially over arrays', () => {
    expect(clauseHolds(['requestItems[].operation', 'Equals', 'Delete'], params)).toBe(true);
    expect(clauseHolds(['requestItems[].operation', 'Equals', 'ConditionCheck'], params)).toBe(false);
    expect(clauseHolds(['requestItems[].operation', 'NotEquals', 'ConditionCheck'], params)).toBe(true);
    expect(clauseHolds(['bucketName', 'Exists'], params)).toBe(true);
    expect(clauseHolds(['versionId', 'NotExists'], params)).toBe(true);
    expect(clauseHolds(['requestItems[].operation', 'IContains', 'upd'], params)).toBe(true);
    expect(clauseHolds(['requestItems[].operation', 'INotContains', 'upd'], params)).toBe(false);
  });

  it('lists the request paths of a template, not its context variables', () => {
    expect(templateRequestPaths('arn:${Partition}:iam::${Account}:role/%%regex%${role}%/(.+)/g%%')).toEqual([
      'role',
    ]);
  });
});
