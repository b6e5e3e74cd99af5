import { describe, expect, it } from 'vitest';
import { fromRecord, fromRequest, resolve, UNRESOLVED } from './test-support.js';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const key = (id = KEY_ID, account = '111122223333', region = 'us-east-1', partition = 'aws') =>
  `arn:${partition}:kms:${region}:${account}:key/${id}`;

describe('KMS keys', () => {
  it('builds the key ARN from a key id', () => {
    expect(resolve('kms:DescribeKey', { keyId: KEY_ID })).toEqual(fromRequest(key()));
    expect(resolve('kms:Encrypt', { keyId: 'mrk-1234abcd12ab34cd56ef1234567890ab' })).toEqual(
      fromRequest(key('mrk-1234abcd12ab34cd56ef1234567890ab')),
    );
  });

  it('uses a key ARN as given, including another account', () => {
    const arn = key(KEY_ID, '999988887777', 'eu-central-1');
    expect(resolve('kms:Decrypt', { keyId: arn, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' })).toEqual(
      fromRequest(arn),
    );
  });

  it('follows the partition', () => {
    expect(
      resolve('kms:GenerateDataKey', { keyId: KEY_ID }, { partition: 'aws-cn', region: 'cn-north-1' }),
    ).toEqual(fromRequest(key(KEY_ID, '111122223333', 'cn-north-1', 'aws-cn')));
  });

  it('prefers the key ARN in the record when the request names an alias (Encrypt via SSM)', () => {
    const params = {
      encryptionContext: { PARAMETER_ARN: 'arn:aws:ssm:us-east-1:123837392027:parameter/credentials/x' },
      keyId: 'alias/aws/ssm',
      encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    };
    const resources = [
      {
        accountId: '123837392027',
        type: 'AWS::KMS::Key',
        arn: key('0e5d0ab6-097e-49d8-99ef-747ce3e5f8f4', '123837392027'),
      },
    ];
    expect(resolve('kms:Encrypt', params, { resources })).toEqual(
      fromRecord(key('0e5d0ab6-097e-49d8-99ef-747ce3e5f8f4', '123837392027')),
    );
  });

  it('uses the record for Decrypt called by Secrets Manager (no keyId in the request)', () => {
    const params = { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { SecretARN: 'arn:…' } };
    const resources = [{ type: 'AWS::KMS::Key', arn: key('dad21b23-9915-42bd-981b-2a9f3c8f20c8') }];
    expect(resolve('kms:Decrypt', params, { resources })).toEqual(
      fromRecord(key('dad21b23-9915-42bd-981b-2a9f3c8f20c8')),
    );
  });

  it('leaves an alias-named key unresolved without a record', () => {
    expect(resolve('kms:Encrypt', { keyId: 'alias/app' })).toEqual(UNRESOLVED);
    expect(resolve('kms:Encrypt', { keyId: 'arn:aws:kms:us-east-1:111122223333:alias/app' })).toEqual(
      UNRESOLVED,
    );
  });

  it('falls back on hostile key ids', () => {
    expect(resolve('kms:Decrypt', { keyId: '*' })).toEqual(UNRESOLVED);
    expect(resolve('kms:Decrypt', { keyId: 'abc/def' })).toEqual(UNRESOLVED);
    expect(resolve('kms:Decrypt', { keyId: 'arn:aws:kms:us-east-1:111122223333:key/*' })).toEqual(UNRESOLVED);
  });
});

describe('KMS aliases', () => {
  it('resolves CreateAlias to the alias and the target key', () => {
    const params = { aliasName: 'alias/app/prod', targetKeyId: KEY_ID };
    expect(resolve('kms:CreateAlias', params)).toEqual(
      fromRequest('arn:aws:kms:us-east-1:111122223333:alias/app/prod', key()),
    );
  });

  it('needs the record for the key behind a deleted alias', () => {
    expect(resolve('kms:DeleteAlias', { aliasName: 'alias/app' })).toEqual(UNRESOLVED);
    const resources = [{ type: 'AWS::KMS::Key', arn: key() }];
    expect(resolve('kms:DeleteAlias', { aliasName: 'alias/app' }, { resources })).toEqual([
      { arn: 'arn:aws:kms:us-east-1:111122223333:alias/app', origin: 'request' },
      { arn: key(), origin: 'record' },
    ]);
  });

  it('rejects alias names without the alias/ prefix', () => {
    expect(resolve('kms:CreateAlias', { aliasName: 'app', targetKeyId: KEY_ID })).toEqual(UNRESOLVED);
  });
});

describe('KMS re-encryption', () => {
  const params = { sourceKeyId: key('source-key'), destinationKeyId: 'dest-key' };
  const resources = [
    { type: 'AWS::KMS::Key', arn: key('source-key') },
    { type: 'AWS::KMS::Key', arn: key('dest-key') },
  ];

  it('assigns each key to its side, ignoring the two-key record', () => {
    expect(resolve('kms:ReEncryptFrom', params, { resources })).toEqual(fromRequest(key('source-key')));
    expect(resolve('kms:ReEncryptTo', params, { resources })).toEqual(fromRequest(key('dest-key')));
  });
});
