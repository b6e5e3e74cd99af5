import { describe, expect, it } from 'vitest';
import { normaliseEventName } from './index.js';
import { actionsOf, mapCall } from './test-support.js';

describe('API-version suffixes in CloudTrail event names', () => {
  it.each([
    ['GetFunction20150331v2', 'GetFunction'],
    ['UpdateFunctionCode20150331v2', 'UpdateFunctionCode'],
    ['CreateFunction20150331', 'CreateFunction'],
    ['ListFunctions20150331', 'ListFunctions'],
    ['ListLayers20181031', 'ListLayers'],
    ['UpdateDistribution2016_11_25', 'UpdateDistribution'],
    ['CreateInvalidation2019_03_26', 'CreateInvalidation'],
  ])('strips %s to %s', (raw, expected) => {
    expect(normaliseEventName(raw)).toBe(expected);
  });

  it.each(['GetObject', 'ListObjectsV2', 'AssignIpv6Addresses', 'Get2023Report', '20150331'])(
    'keeps %s',
    (name) => {
      expect(normaliseEventName(name)).toBe(name);
    },
  );

  it.each([
    ['lambda.amazonaws.com', 'GetFunction20150331v2', ['lambda:GetFunction']],
    ['lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', ['lambda:UpdateFunctionCode']],
    ['lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', ['lambda:UpdateFunctionConfiguration']],
    ['lambda.amazonaws.com', 'ListFunctions20150331', ['lambda:ListFunctions']],
    ['lambda.amazonaws.com', 'AddPermission20150331v2', ['lambda:AddPermission']],
    ['lambda.amazonaws.com', 'ListVersionsByFunction20150331', ['lambda:ListVersionsByFunction']],
    ['cloudfront.amazonaws.com', 'UpdateDistribution2016_11_25', ['cloudfront:UpdateDistribution']],
    ['cloudfront.amazonaws.com', 'GetDistributionConfig2019_03_26', ['cloudfront:GetDistributionConfig']],
  ])('%s %s → %j', (source, name, expected) => {
    expect(actionsOf(mapCall(source, name, {}))).toEqual(expected);
  });

  it('maps Lambda Invoke data events to lambda:InvokeFunction', () => {
    expect(actionsOf(mapCall('lambda.amazonaws.com', 'Invoke', {}))).toEqual(['lambda:InvokeFunction']);
  });
});
