import { describe, expect, it } from 'vitest';
import { EVENT_SOURCE_ALIASES, isKnownService, resolveServicePrefix } from './index.js';
import { actionsOf, mapCall } from './test-support.js';

describe('eventSource hosts whose name is not the IAM prefix', () => {
  it.each([
    ['monitoring.amazonaws.com', 'cloudwatch'],
    ['email.amazonaws.com', 'ses'],
    ['tagging.amazonaws.com', 'tag'],
    ['cloudcontrolapi.amazonaws.com', 'cloudformation'],
    ['servicecatalog-appregistry.amazonaws.com', 'servicecatalog'],
    ['runtime.sagemaker.amazonaws.com', 'sagemaker'],
    ['streams.dynamodb.amazonaws.com', 'dynamodb'],
  ])('%s → %s', (source, prefix) => {
    expect(resolveServicePrefix(source)).toBe(prefix);
  });

  it.each([
    ['ssmmessages.amazonaws.com', 'ssmmessages'],
    ['ec2messages.amazonaws.com', 'ec2messages'],
    ['execute-api.amazonaws.com', 'execute-api'],
    ['elasticmapreduce.amazonaws.com', 'elasticmapreduce'],
    ['ec2-instance-connect.amazonaws.com', 'ec2-instance-connect'],
    ['s3.amazonaws.com', 's3'],
  ])('%s is its own prefix', (source, prefix) => {
    expect(resolveServicePrefix(source)).toBe(prefix);
  });

  it('points every alias at a prefix the IAM reference data knows', () => {
    const unknown = Object.values(EVENT_SOURCE_ALIASES).filter((p) => !isKnownService(p));

    expect(unknown).toEqual([]);
  });

  it.each([
    ['monitoring.amazonaws.com', 'PutMetricAlarm', ['cloudwatch:PutMetricAlarm']],
    ['monitoring.amazonaws.com', 'DescribeAlarms', ['cloudwatch:DescribeAlarms']],
    ['email.amazonaws.com', 'SendEmail', ['ses:SendEmail']],
    ['tagging.amazonaws.com', 'TagResources', ['tag:TagResources']],
    ['cloudcontrolapi.amazonaws.com', 'GetResource', ['cloudformation:GetResource']],
    ['servicecatalog-appregistry.amazonaws.com', 'ListApplications', ['servicecatalog:ListApplications']],
    ['ssmmessages.amazonaws.com', 'CreateControlChannel', ['ssmmessages:CreateControlChannel']],
    ['dynamodb.amazonaws.com', 'GetRecords', ['dynamodb:GetRecords']],
    ['logs.amazonaws.com', 'CreateLogGroup', ['logs:CreateLogGroup']],
    [
      'elasticloadbalancing.amazonaws.com',
      'DescribeTargetGroups',
      ['elasticloadbalancing:DescribeTargetGroups'],
    ],
  ])('%s %s → %j', (source, name, expected) => {
    expect(actionsOf(mapCall(source, name))).toEqual(expected);
  });

  it.each([
    'billingconsole.amazonaws.com',
    'example.com',
    'notaservice.amazonaws.com',
    's3.amazonaws.com.evil.example',
    `${'a'.repeat(200)}.amazonaws.com`,
  ])('does not resolve %s', (source) => {
    expect(resolveServicePrefix(source)).toBeUndefined();
  });
});
