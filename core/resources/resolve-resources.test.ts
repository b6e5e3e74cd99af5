// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM ARN and map.json templates use ${…} syntax.
import { describe, expect, it } from 'vitest';
import { call } from '../actions/test-support.js';
import { resolveResources } from './index.js';
import { fromRecord, fromRequest, resolve, target, UNRESOLVED } from './test-support.js';

describe('resolveResources: actions without resource-level permissions', () => {
  it('answers wildcard-only for an action flagged wildcard-only', () => {
    const flagged = {
      ...target('s3:ListAllMyBuckets'),
      info: { ...target('s3:ListAllMyBuckets').info, wildcardOnly: true },
    };
    expect(resolveResources(flagged, call({ requestParameters: { bucketName: 'b' } }))).toEqual([
      { arn: '*', origin: 'wildcard-only' },
    ]);
  });

  it('answers wildcard-only for an action with no resource types, whatever the record lists', () => {
    const resources = [
      { type: 'AWS::DynamoDB::Table', arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/T' },
    ];
    expect(resolve('dynamodb:ListTables', null, { resources })).toEqual([
      { arn: '*', origin: 'wildcard-only' },
    ]);
    expect(resolve('sts:GetCallerIdentity', null)).toEqual([{ arn: '*', origin: 'wildcard-only' }]);
  });
});

describe('resolveResources: record resources', () => {
  it('ignores record entries without an ARN or with hostile ARNs', () => {
    const resources = [
      { type: 'AWS::S3::Object' },
      { type: 'AWS::S3::Object', arn: 'arn:aws:s3:::b/*' },
      { type: 'AWS::S3::Object', arn: 'arn:aws:s3:::b/x\ty' },
    ];
    expect(resolve('s3:GetObject', { bucketName: 'b', key: 'k' }, { resources })).toEqual(
      fromRequest('arn:aws:s3:::b/k'),
    );
  });

  it('ignores record entries of other services', () => {
    const resources = [{ type: 'AWS::KMS::Key', arn: 'arn:aws:kms:us-east-1:111122223333:key/k' }];
    expect(resolve('s3:GetObject', { bucketName: 'b', key: 'k' }, { resources })).toEqual(
      fromRequest('arn:aws:s3:::b/k'),
    );
  });

  it('keeps several record entries of the action type, sorted and deduplicated', () => {
    const resources = [
      { type: 'AWS::DynamoDB::Table', arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/Zeta' },
      { type: 'AWS::DynamoDB::Table', arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/Alpha' },
      { type: 'AWS::DynamoDB::Table', arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/Zeta' },
    ];
    expect(resolve('dynamodb:BatchWriteItem', { requestItems: { Other: [] } }, { resources })).toEqual(
      fromRecord(
        'arn:aws:dynamodb:us-east-1:111122223333:table/Alpha',
        'arn:aws:dynamodb:us-east-1:111122223333:table/Zeta',
      ),
    );
  });
});

describe('resolveResources: core/actions hints for services without a curated table', () => {
  it('guesses the lowerCamelCase parameter of a template variable', () => {
    expect(resolve('ecr:DescribeRepositories', { repositoryName: 'web' })).toEqual(
      fromRequest('arn:aws:ecr:us-east-1:111122223333:repository/web'),
    );
  });

  it('follows resourceVars, including the map.json regex helper', () => {
    const hints = { resourceVars: { ClusterName: '%%regex%${cluster}%/^(?:.+\\/)?(.+)$/g%%' } };
    const params = { cluster: 'arn:aws:ecs:us-east-1:111122223333:cluster/prod' };
    expect(resolve('ecs:DescribeClusters', params, {}, hints)).toEqual(
      fromRequest('arn:aws:ecs:us-east-1:111122223333:cluster/prod'),
    );
    expect(resolve('ecs:DescribeClusters', { cluster: 'staging' }, {}, hints)).toEqual(
      fromRequest('arn:aws:ecs:us-east-1:111122223333:cluster/staging'),
    );
  });

  it('follows arnTemplate and checks the result is an ARN of the action', () => {
    const hints = { arnTemplate: '${stateMachineArn}' };
    const arn = 'arn:aws:states:us-east-1:111122223333:stateMachine:orders';
    expect(resolve('states:StartExecution', { stateMachineArn: arn, input: '{}' }, {}, hints)).toEqual(
      fromRequest(arn),
    );
    expect(resolve('states:StartExecution', { stateMachineArn: 'arn:aws:s3:::b' }, {}, hints)).toEqual(
      UNRESOLVED,
    );
  });

  it('uses a hint for a curated service when its table finds nothing', () => {
    const hints = { resourceVars: { TableName: '${globalTableName}' } };
    expect(resolve('dynamodb:DescribeTable', { globalTableName: 'G' }, {}, hints)).toEqual(
      fromRequest('arn:aws:dynamodb:us-east-1:111122223333:table/G'),
    );
  });

  it('does not guess parameter names across the many types of a tagging action', () => {
    const params = {
      resourceArn: 'arn:aws:ecs:us-east-1:111122223333:cluster/prod',
      cluster: 'prod',
      tags: [],
    };
    expect(resolve('ecs:TagResource', params)).toEqual(UNRESOLVED);
    expect(
      resolve('ecs:TagResource', params, {}, { arnTemplate: '%%iftemplatematch%${resourceArn}%%' }),
    ).toEqual(fromRequest('arn:aws:ecs:us-east-1:111122223333:cluster/prod'));
  });

  it('ignores hints once a curated extractor named the resource', () => {
    const hints = { resourceVars: { TableName: '${globalTableName}' } };
    expect(resolve('dynamodb:DescribeTable', { tableName: 'T', globalTableName: 'G' }, {}, hints)).toEqual(
      fromRequest('arn:aws:dynamodb:us-east-1:111122223333:table/T'),
    );
  });

  it('never turns a wildcard hint into an exact ARN', () => {
    const hints = { resourceVars: { RepositoryName: '*' } };
    expect(resolve('ecr:DescribeRepositories', { repositoryName: 'web' }, {}, hints)).toEqual(UNRESOLVED);
  });

  it('reports unresolved when no variable can be found', () => {
    expect(resolve('kinesis:PutRecord', { data: 'eA==' })).toEqual(UNRESOLVED);
    expect(resolve('cloudformation:CreateStack', { stackName: 's' })).toEqual(UNRESOLVED);
  });
});

describe('resolveResources: call scope', () => {
  it('refuses to build ARNs from a malformed call scope', () => {
    expect(resolve('dynamodb:GetItem', { tableName: 'T' }, { account: '' })).toEqual(UNRESOLVED);
    expect(resolve('dynamodb:GetItem', { tableName: 'T' }, { region: 'US East' })).toEqual(UNRESOLVED);
    expect(resolve('dynamodb:GetItem', { tableName: 'T' }, { partition: 'aws*' })).toEqual(UNRESOLVED);
  });

  it('treats null requestParameters as empty', () => {
    expect(resolve('sqs:SendMessage', null)).toEqual(UNRESOLVED);
  });

  it('is deterministic and never returns an empty array', () => {
    const params = { names: ['/c', '/a', '/b'] };
    const first = resolve('ssm:GetParameters', params);
    expect(resolve('ssm:GetParameters', { names: ['/b', '/c', '/a'] })).toEqual(first);
    expect(first.map((ref) => ref.arn)).toEqual([
      'arn:aws:ssm:us-east-1:111122223333:parameter/a',
      'arn:aws:ssm:us-east-1:111122223333:parameter/b',
      'arn:aws:ssm:us-east-1:111122223333:parameter/c',
    ]);
    expect(resolve('ssm:GetParameters', { names: [] })).toEqual(UNRESOLVED);
  });
});
