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

describe('KMS re-encryption as CloudTrail logs it (no sourceKeyId: the record names the source)', () => {
  const eu = (id: string) => key(id, '111122223333', 'eu-west-1');
  const SOURCE = eu('0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a');
  const DESTINATION = eu('7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d');
  const inEu = { region: 'eu-west-1' };
  const resources = [
    { accountId: '111122223333', type: 'AWS::KMS::Key', arn: SOURCE },
    { accountId: '111122223333', type: 'AWS::KMS::Key', arn: DESTINATION },
  ];
  const params = {
    destinationKeyId: DESTINATION,
    sourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    destinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };

  it('takes the recorded key that is not the destination as the source', () => {
    expect(resolve('kms:ReEncryptFrom', params, { ...inEu, resources })).toEqual(fromRecord(SOURCE));
    expect(resolve('kms:ReEncryptTo', params, { ...inEu, resources })).toEqual(fromRequest(DESTINATION));
  });

  it('matches a destination given as a key id, in any record order', () => {
    const byId = { destinationKeyId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' };
    const reversed = [...resources].reverse();
    expect(resolve('kms:ReEncryptFrom', byId, { ...inEu, resources: reversed })).toEqual(fromRecord(SOURCE));
  });

  it('takes the source from the record when sourceKeyId is an alias', () => {
    const aliased = { ...params, sourceKeyId: 'alias/legacy' };
    expect(resolve('kms:ReEncryptFrom', aliased, { ...inEu, resources })).toEqual(fromRecord(SOURCE));
    expect(resolve('kms:ReEncryptFrom', aliased, inEu)).toEqual(UNRESOLVED);
  });

  it('takes the destination from the record when destinationKeyId is an alias', () => {
    const aliased = { sourceKeyId: SOURCE, destinationKeyId: 'alias/current' };
    expect(resolve('kms:ReEncryptTo', aliased, { ...inEu, resources })).toEqual(fromRecord(DESTINATION));
    expect(resolve('kms:ReEncryptFrom', aliased, { ...inEu, resources })).toEqual(fromRequest(SOURCE));
  });

  it('uses a single recorded key for both sides', () => {
    const same = { destinationKeyId: 'alias/current' };
    const one = { ...inEu, resources: resources.slice(1) };
    expect(resolve('kms:ReEncryptFrom', same, one)).toEqual(fromRecord(DESTINATION));
    expect(resolve('kms:ReEncryptTo', same, one)).toEqual(fromRecord(DESTINATION));
  });

  it('stays unresolved when the record cannot tell the sides apart', () => {
    // Destination named by alias: either recorded key could be the source.
    expect(resolve('kms:ReEncryptFrom', { destinationKeyId: 'alias/x' }, { ...inEu, resources })).toEqual(
      UNRESOLVED,
    );
    // The destination is not among the recorded keys: the record does not describe this request.
    const elsewhere = { destinationKeyId: eu('11111111-2222-3333-4444-555555555555') };
    expect(resolve('kms:ReEncryptFrom', elsewhere, { ...inEu, resources })).toEqual(UNRESOLVED);
    // No record at all.
    expect(resolve('kms:ReEncryptFrom', params, inEu)).toEqual(UNRESOLVED);
  });
});
