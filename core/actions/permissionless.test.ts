import { describe, expect, it } from 'vitest';
import { isPermissionless } from './index.js';

describe('permissionless calls', () => {
  it.each([
    ['sts.amazonaws.com', 'GetCallerIdentity'],
    ['sts.amazonaws.com', 'GetSessionToken'],
    ['dynamodb.amazonaws.com', 'DescribeEndpoints'],
  ])('%s %s needs no permission', (source, name) => {
    expect(isPermissionless(source, name)).toBe(true);
  });

  it.each([
    ['sts.amazonaws.com', 'AssumeRole'],
    ['sts.amazonaws.com', 'GetFederationToken'],
    ['dynamodb.amazonaws.com', 'DescribeTable'],
    ['iam.amazonaws.com', 'GetCallerIdentity'],
    ['example.com', 'GetCallerIdentity'],
    ['sts.amazonaws.com', 'getcalleridentity'],
  ])('%s %s is not permissionless', (source, name) => {
    expect(isPermissionless(source, name)).toBe(false);
  });
});
