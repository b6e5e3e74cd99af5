import { describe, expect, it } from 'vitest';
import { allActions } from '../actions/reference-data.js';
import {
  allActionNames,
  expandActionPattern,
  expandActionPatterns,
  expandNotActionPatterns,
} from './expand-actions.js';

describe('expandActionPattern', () => {
  it('expands a service wildcard to that service’s actions only, canonical casing, sorted', () => {
    const s3Get = expandActionPattern('s3:Get*');
    expect(s3Get).toContain('s3:GetObject');
    expect(s3Get).toContain('s3:GetBucketPolicy');
    expect(s3Get.every((a) => a.startsWith('s3:Get'))).toBe(true);
    expect([...s3Get].sort()).toEqual(s3Get);
  });

  it('is case-insensitive like IAM and returns canonical names', () => {
    expect(expandActionPattern('S3:getobject')).toEqual(['s3:GetObject']);
    expect(expandActionPattern('IAM:PASSROLE')).toEqual(['iam:PassRole']);
  });

  it('treats "?" as exactly one character', () => {
    expect(expandActionPattern('s3:GetObjec?')).toEqual(['s3:GetObject']);
    expect(expandActionPattern('s3:GetObjec??')).not.toContain('s3:GetObject');
  });

  it('expands "*" to every known action of every service', () => {
    expect(expandActionPattern('*')).toHaveLength([...allActions()].length);
    expect(expandActionPattern('*')).toBe(allActionNames());
  });

  it('handles wildcards in the service part', () => {
    const getObject = expandActionPattern('*:GetObject');
    expect(getObject).toContain('s3:GetObject');
    expect(getObject).toContain('s3-object-lambda:GetObject');
    expect(getObject.every((a) => a.endsWith(':GetObject'))).toBe(true);
    expect(expandActionPattern('s?:GetObject')).toEqual(['s3:GetObject']);
  });

  it('matches nothing for unknown services, unknown actions and text without a service', () => {
    expect(expandActionPattern('nosuchservice:*')).toEqual([]);
    expect(expandActionPattern('s3:NoSuchAction')).toEqual([]);
    expect(expandActionPattern('GetObject')).toEqual([]);
    expect(expandActionPattern('')).toEqual([]);
  });

  it('memoises per pattern, case-insensitively, and returns frozen arrays', () => {
    const first = expandActionPattern('ec2:Describe*');
    expect(expandActionPattern('EC2:describe*')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('expandActionPatterns and expandNotActionPatterns', () => {
  it('unions several patterns', () => {
    const union = expandActionPatterns(['s3:GetObject', 's3:PutObject', 's3:getobject']);
    expect([...union]).toEqual(['s3:GetObject', 's3:PutObject']);
  });

  it('takes NotAction as the complement over every known action of every service', () => {
    const notIam = expandNotActionPatterns(['iam:*', 'organizations:*']);
    expect(notIam.has('s3:GetObject')).toBe(true);
    expect(notIam.has('iam:PassRole')).toBe(false);
    expect(notIam.size).toBe(
      allActionNames().length -
        expandActionPattern('iam:*').length -
        expandActionPattern('organizations:*').length,
    );
  });

  it('gives every action for a NotAction that matches nothing, and none for NotAction "*"', () => {
    expect(expandNotActionPatterns(['nosuch:Thing']).size).toBe(allActionNames().length);
    expect(expandNotActionPatterns(['*']).size).toBe(0);
  });
});
