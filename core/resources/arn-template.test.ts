// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM ARN and map.json templates use ${…} syntax.
import { describe, expect, it } from 'vitest';
import { arnTemplateFor, compileArnTemplate, isValidVariableValue } from './arn-template.js';

describe('compileArnTemplate', () => {
  const object = compileArnTemplate('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
  const bucket = compileArnTemplate('arn:${Partition}:s3:::${BucketName}');

  it('lists type-specific variables in order', () => {
    expect(object.variables).toEqual(['BucketName', 'ObjectName']);
  });

  it('names the variable a whole ARN may stand for: the last one, never an S3 object key', () => {
    const service = compileArnTemplate(
      'arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}',
    );
    expect(service.ownName).toBe('ServiceName');
    expect(bucket.ownName).toBe('BucketName');
    expect(object.ownName).toBeUndefined();
  });

  it('keeps a bucket template from matching object ARNs and vice versa', () => {
    expect(bucket.matches('arn:aws:s3:::my-bucket')).toBe(true);
    expect(bucket.matches('arn:aws:s3:::my-bucket/key.txt')).toBe(false);
    expect(object.matches('arn:aws:s3:::my-bucket/dir/key: with space.txt')).toBe(true);
    expect(object.matches('arn:aws:s3:::my-bucket')).toBe(false);
  });

  it('accepts every partition shape and rejects others', () => {
    expect(bucket.matches('arn:aws-us-gov:s3:::b')).toBe(true);
    expect(bucket.matches('arn:aws-cn:s3:::b')).toBe(true);
    expect(bucket.matches('arn:azure:s3:::b')).toBe(false);
  });

  it('rejects ARNs carrying wildcards or control characters', () => {
    expect(object.matches('arn:aws:s3:::b/*')).toBe(false);
    expect(object.matches('arn:aws:s3:::b/a?c')).toBe(false);
    expect(object.matches('arn:aws:s3:::b/a\nb')).toBe(false);
  });

  it('fills variables and refuses values outside their class', () => {
    const aws = { partition: 'aws', region: 'us-east-1', account: '111122223333' };
    expect(object.fill({ BucketName: 'b', ObjectName: 'x/y z.txt' }, aws)).toBe('arn:aws:s3:::b/x/y z.txt');
    expect(object.fill({ BucketName: 'b/evil', ObjectName: 'k' }, aws)).toBeUndefined();
    expect(object.fill({ BucketName: 'b' }, aws)).toBeUndefined();
    expect(object.fill({ BucketName: 'b', ObjectName: 'k' }, { ...aws, partition: 'aws ' })).toBeUndefined();
    expect(object.fill({ BucketName: 'b', ObjectName: 'k*' }, aws)).toBeUndefined();
  });

  it('fills from values in the order of its variables as from named variables', () => {
    const aws = { partition: 'aws', region: 'us-east-1', account: '111122223333' };
    expect(object.fillValues(['b', 'x/y.txt'], aws)).toBe(
      object.fill({ BucketName: 'b', ObjectName: 'x/y.txt' }, aws),
    );
    expect(object.fillValues(['b'], aws)).toBeUndefined();
    expect(object.fillValues(['b/evil', 'k'], aws)).toBeUndefined();
  });

  it('fills region and account from the scope', () => {
    const table = compileArnTemplate('arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}');
    const gov = { partition: 'aws-us-gov', region: 'us-gov-west-1', account: '111122223333' };
    expect(table.fill({ TableName: 'T' }, gov)).toBe(
      'arn:aws-us-gov:dynamodb:us-gov-west-1:111122223333:table/T',
    );
    expect(table.fill({ TableName: 'T' }, { ...gov, account: '1111' })).toBeUndefined();
  });
});

describe('isValidVariableValue', () => {
  it('lets path variables carry slashes but not colons', () => {
    expect(isValidVariableValue('RoleNameWithPath', 'team/app-role')).toBe(true);
    expect(isValidVariableValue('RoleNameWithPath', 'a:b')).toBe(false);
    expect(isValidVariableValue('TableName', 'a/b')).toBe(false);
  });

  it('rejects policy variables, oversize values and invisible characters', () => {
    expect(isValidVariableValue('ObjectName', '${aws:username}/x')).toBe(false);
    expect(isValidVariableValue('ObjectName', 'a'.repeat(2049))).toBe(false);
    expect(isValidVariableValue('TableName', 'tab\u200ble')).toBe(false);
    expect(isValidVariableValue('TableName', '')).toBe(false);
  });
});

describe('arnTemplateFor', () => {
  it('compiles each resource type once and caches it', () => {
    const first = arnTemplateFor('dynamodb', 'table');
    expect(first?.source).toBe('arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}');
    expect(arnTemplateFor('dynamodb', 'TABLE')).toBe(first);
  });

  it('returns undefined for unknown types', () => {
    expect(arnTemplateFor('dynamodb', 'nope')).toBeUndefined();
    expect(arnTemplateFor('nope', 'table')).toBeUndefined();
  });
});
