import { describe, expect, it } from 'vitest';
import { matchesActionPattern } from './action-pattern.js';

describe('matchesActionPattern', () => {
  it.each([
    ['s3:GetObject', 's3:*', true],
    ['s3:GetObject', 'S3:getobject', true],
    ['s3:GetObject', 'iam:*', false],
    ['iam:GetRole', 'iam:Get*', true],
    ['iam:PassRole', 'iam:Get*', false],
    ['ec2:ListTagsForResource', '*:List*', true],
    ['ec2:DescribeInstances', '*:List*', false],
    ['s3:GetObject', '*', true],
    ['s3:GetObject', 's3:GetObjec?', true],
    ['s3:GetObject', 's3:GetObj?', false],
    ['s3:GetObjectAcl', 's3:Get*Acl', true],
    ['s3:GetObjectAcl', 's3:Get*Tagging', false],
    ['kms:Decrypt', 'kms:Decrypt*', true],
    ['s3:GetObject', '', false],
  ])('%s against %s → %s', (action, pattern, expected) => {
    expect(matchesActionPattern(action, pattern)).toBe(expected);
  });

  it('stays fast on patterns that make regular expressions backtrack', () => {
    const action = `s3:${'a'.repeat(5000)}`;
    const pattern = `${'*a'.repeat(200)}*b`;
    const started = performance.now();
    expect(matchesActionPattern(action, pattern)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
