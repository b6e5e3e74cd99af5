// biome-ignore-all lint/suspicious/noTemplateCurlyInString: map.json templates use ${…} syntax.
import { describe, expect, it } from 'vitest';
import type { ResourceRef } from '../types.js';
import { fromRequest, resolve, UNRESOLVED } from './test-support.js';

/** 'unscoped': the call named no resource and needed `"*"` as such; 'unresolved' stays for genuine doubt. */
const UNSCOPED: ResourceRef[] = [{ arn: '*', origin: 'unscoped' }];

const dbHint = { resourceVars: { DbInstanceName: '${dBInstanceIdentifier}' } };
const alarmHint = { resourceVars: { AlarmName: '%%many%${alarmNames[]}%${alarmNamePrefix}*%%' } };
const stacksHint = { resourceVars: { StackId: '${stackIds[]}' } };

describe('unscoped: the call named no resource', () => {
  it('an action without any resource mapping whose only resource type is optional (PutMetricData)', () => {
    const params = { namespace: 'Orders', metricData: [{ metricName: 'Placed', value: 1 }] };
    expect(resolve('cloudwatch:PutMetricData', params)).toEqual(UNSCOPED);
  });

  it('a Describe of every DB instance, with or without paging and filters', () => {
    expect(resolve('rds:DescribeDBInstances', null, {}, dbHint)).toEqual(UNSCOPED);
    expect(resolve('rds:DescribeDBInstances', { maxRecords: 100 }, {}, dbHint)).toEqual(UNSCOPED);
    const filters = { filters: [{ name: 'engine', values: ['postgres'] }] };
    expect(resolve('rds:DescribeDBInstances', filters, {}, dbHint)).toEqual(UNSCOPED);
    expect(resolve('rds:DescribeDBInstances', { dBInstanceIdentifier: '' }, {}, dbHint)).toEqual(UNSCOPED);
  });

  it('the same Describe naming an instance is scoped to it', () => {
    expect(resolve('rds:DescribeDBInstances', { dBInstanceIdentifier: 'orders' }, {}, dbHint)).toEqual(
      fromRequest('arn:aws:rds:us-east-1:111122223333:db:orders'),
    );
  });

  it('an empty list filter lists everything', () => {
    expect(resolve('opsworks:DescribeStacks', null, {}, stacksHint)).toEqual(UNSCOPED);
    expect(resolve('opsworks:DescribeStacks', { stackIds: [] }, {}, stacksHint)).toEqual(UNSCOPED);
  });

  it('cloudwatch:DescribeAlarms of every alarm, although IAM marks its alarm type required', () => {
    expect(resolve('cloudwatch:DescribeAlarms', { maxRecords: 100 }, {}, alarmHint)).toEqual(UNSCOPED);
    expect(resolve('cloudwatch:DescribeAlarms', { actionPrefix: 'arn:aws:sns' }, {}, alarmHint)).toEqual(
      UNSCOPED,
    );
  });

  it('a curated service listing everything (dynamodb:ListExports without a table)', () => {
    expect(resolve('dynamodb:ListExports', { maxResults: 25 })).toEqual(UNSCOPED);
  });
});

describe('unresolved: a resource was involved but cannot be named', () => {
  it('a parameter is present but is no valid name', () => {
    expect(resolve('rds:DescribeDBInstances', { dBInstanceIdentifier: 'db*' }, {}, dbHint)).toEqual(
      UNRESOLVED,
    );
    // A prefix filter needs alarm:prefix*, which is never emitted from request data.
    const prefix = { alarmNamePrefix: 'orders-' };
    expect(resolve('cloudwatch:DescribeAlarms', prefix, {}, alarmHint)).toEqual(UNRESOLVED);
  });

  it('the action needs a resource the record lost (failed calls are logged with requestParameters null)', () => {
    expect(
      resolve('cloudtrail:GetTrailStatus', null, {}, { resourceVars: { TrailName: '${name}' } }),
    ).toEqual(UNRESOLVED);
    expect(resolve('ssm:DeleteParameter', null)).toEqual(UNRESOLVED);
    expect(resolve('sts:AssumeRole', null, {}, { arnTemplate: '${roleArn}' })).toEqual(UNRESOLVED);
    expect(resolve('kms:Decrypt', { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' })).toEqual(UNRESOLVED);
  });

  it('the request carries an identifier that nothing read', () => {
    const layers = { resourceVars: { StackId: '${stackId}' } };
    expect(resolve('opsworks:DescribeLayers', { layerIds: ['l-1'] }, {}, layers)).toEqual(UNRESOLVED);
    expect(resolve('opsworks:DescribeVolumes', { instanceId: 'i-1' }, {}, layers)).toEqual(UNRESOLVED);
  });

  it('a write whose mapping found nothing named its resource in a shape the mapping does not know', () => {
    const params = { resourcesSet: { items: [{ resourceId: 'i-3646c0d8' }] }, tagSet: { items: [] } };
    const hints = { arnTemplate: '%%iftemplatematch%${resources[]}%%' };
    expect(resolve('ec2:CreateTags', params, {}, hints)).toEqual(UNRESOLVED);
  });

  it('a hint that stands for a resource the call creates or does not name (literal "*")', () => {
    const hints = { resourceVars: { AllocationId: '*', Ipv4PoolEc2Id: '${customerOwnedIpv4Pool}' } };
    expect(resolve('ec2:AllocateAddress', { domain: 'vpc' }, {}, hints)).toEqual(UNRESOLVED);
  });

  it('IAM user calls without a user name act on the calling user', () => {
    expect(resolve('iam:GetUser', null)).toEqual(UNRESOLVED);
    expect(resolve('iam:ListMFADevices', null)).toEqual(UNRESOLVED);
    expect(resolve('iam:ChangePassword', { oldPassword: 'HIDDEN', newPassword: 'HIDDEN' })).toEqual(
      UNRESOLVED,
    );
  });

  it('S3 calls always name their bucket, even where IAM lists only optional types', () => {
    expect(resolve('s3:ListBucket', null)).toEqual(UNRESOLVED);
    expect(resolve('s3:GetObject', { bucketName: 'b' })).toEqual(UNRESOLVED);
  });

  it('the record lists resources, none of which fit the action', () => {
    const resources = [{ type: 'AWS::S3::Bucket', arn: 'arn:aws:s3:::b' }];
    expect(resolve('rds:DescribeDBInstances', null, { resources }, dbHint)).toEqual(UNRESOLVED);
  });
});
