// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected values are ARN-template placeholders.
import { describe, expect, it } from 'vitest';
import type { ActionTarget } from '../call-context.js';
import { targetsOf } from './test-support.js';

const names = (targets: readonly ActionTarget[]) => targets.map((t) => t.info.action);

describe('one call, several actions', () => {
  it('CopyObject reads the source object and writes the destination', () => {
    const targets = targetsOf('s3.amazonaws.com', 'CopyObject', {
      bucketName: 'dst',
      key: 'copy.csv',
      'x-amz-copy-source': 'src/data.csv',
    });

    expect(names(targets)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(targets[0]?.arnTemplate).toContain('${x-amz-copy-source}');
    expect(targets[1]?.resourceVars).toEqual({ BucketName: '${bucketName}', ObjectName: '${key}' });
  });

  it('CopyObject of a source version needs s3:GetObjectVersion', () => {
    const targets = targetsOf('s3.amazonaws.com', 'CopyObject', {
      bucketName: 'dst',
      key: 'k',
      'x-amz-copy-source': 'src/k?versionId=3HL4kqtJlcpXroDTDmJ',
    });

    expect(names(targets)).toEqual(['s3:GetObjectVersion', 's3:PutObject']);
  });

  it('CopyObject that sets tags and an ACL also needs the tagging and ACL writes', () => {
    const targets = targetsOf('s3.amazonaws.com', 'CopyObject', {
      bucketName: 'dst',
      key: 'k',
      'x-amz-copy-source': 'src/k',
      'x-amz-tagging': 'a=b',
      'x-amz-acl': 'private',
    });

    expect(names(targets)).toEqual([
      's3:GetObject',
      's3:PutObject',
      's3:PutObjectTagging',
      's3:PutObjectAcl',
    ]);
  });

  it('kms ReEncrypt needs ReEncryptFrom on the source key and ReEncryptTo on the destination key', () => {
    const targets = targetsOf('kms.amazonaws.com', 'ReEncrypt', { destinationKeyId: 'k2' });

    expect(names(targets)).toEqual(['kms:ReEncryptFrom', 'kms:ReEncryptTo']);
    expect(targets.map((t) => t.resourceVars?.KeyId)).toEqual(['${sourceKeyId}', '${destinationKeyId}']);
  });

  it('TransactWriteItems needs the item action of each operation CloudTrail lists', () => {
    const targets = targetsOf('dynamodb.amazonaws.com', 'TransactWriteItems', {
      requestItems: [
        { operation: 'Put', tableName: 'Music', key: { Artist: 'a' } },
        { operation: 'ConditionCheck', tableName: 'Stock', key: { Id: '1' } },
      ],
    });

    expect(names(targets)).toEqual(['dynamodb:PutItem', 'dynamodb:ConditionCheckItem']);
    expect(targets[0]?.resourceVars).toEqual({ TableName: '${requestItems[].tableName}' });
  });

  it('TransactWriteItems without parameters keeps every candidate rather than dropping the call', () => {
    expect(names(targetsOf('dynamodb.amazonaws.com', 'TransactWriteItems', null))).toEqual([
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
    ]);
  });

  it('TransactGetItems and BatchWriteItem map to their item actions', () => {
    expect(names(targetsOf('dynamodb.amazonaws.com', 'TransactGetItems', { requestItems: [] }))).toEqual([
      'dynamodb:GetItem',
    ]);
    expect(names(targetsOf('dynamodb.amazonaws.com', 'BatchWriteItem', {}))).toEqual([
      'dynamodb:BatchWriteItem',
    ]);
  });

  it('PartiQL statements authorize by verb', () => {
    const single = targetsOf('dynamodb.amazonaws.com', 'ExecuteStatement', {
      statement: "SELECT * FROM Music WHERE Artist = 'a'",
    });
    const batch = targetsOf('dynamodb.amazonaws.com', 'BatchExecuteStatement', {
      requestItems: [
        { statement: 'UPDATE Music SET Album = ***(Redacted) WHERE Artist = 1' },
        { statement: 'INSERT INTO Music VALUE {}' },
      ],
    });

    expect(names(single)).toEqual(['dynamodb:PartiQLSelect']);
    expect(names(batch)).toEqual(['dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate']);
  });

  it('S3 DeleteObjects needs s3:DeleteObject only', () => {
    expect(names(targetsOf('s3.amazonaws.com', 'DeleteObjects', { bucketName: 'b', delete: '' }))).toEqual([
      's3:DeleteObject',
    ]);
  });
});
