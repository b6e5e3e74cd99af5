// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM ARN and map.json templates use ${…} syntax.
import { describe, expect, it } from 'vitest';
import { fromRecord, fromRequest, resolve, UNRESOLVED } from './test-support.js';

// Request shapes as CloudTrail records S3 data events (OTRF exfiltration capture, panther fixtures).
describe('S3 buckets and objects', () => {
  it('builds the bucket ARN without region or account', () => {
    const params = { bucketName: 'mordors3stack-s3bucket-llp2yingx64a', 'list-type': '2', prefix: '' };
    expect(resolve('s3:ListBucket', params)).toEqual(
      fromRequest('arn:aws:s3:::mordors3stack-s3bucket-llp2yingx64a'),
    );
  });

  it('builds the object ARN from bucketName and key', () => {
    const params = {
      bucketName: 'sensitive-data-bucket',
      key: 'confidential/file.pdf',
      Host: 'x.s3.amazonaws.com',
    };
    expect(resolve('s3:GetObject', params)).toEqual(
      fromRequest('arn:aws:s3:::sensitive-data-bucket/confidential/file.pdf'),
    );
  });

  it('keeps spaces and colons of object keys', () => {
    const params = { bucketName: 'b', key: 'reports/Q1 summary: final.pdf' };
    expect(resolve('s3:PutObject', params)).toEqual(
      fromRequest('arn:aws:s3:::b/reports/Q1 summary: final.pdf'),
    );
  });

  it('follows the partition', () => {
    const params = { bucketName: 'gov-bucket', key: 'a.txt' };
    expect(resolve('s3:GetObject', params, { partition: 'aws-us-gov', region: 'us-gov-west-1' })).toEqual(
      fromRequest('arn:aws-us-gov:s3:::gov-bucket/a.txt'),
    );
    expect(resolve('s3:ListBucket', params, { partition: 'aws-cn', region: 'cn-north-1' })).toEqual(
      fromRequest('arn:aws-cn:s3:::gov-bucket'),
    );
  });

  it('prefers the record and picks only the object out of a bucket+object list', () => {
    const resources = [
      { type: 'AWS::S3::Bucket', arn: 'arn:aws:s3:::sample-bucket-hungry-buck', accountId: '111111111111' },
      {
        type: 'AWS::S3::Object',
        arn: 'arn:aws:s3:::sample-bucket-hungry-buck/documents/HOW_TO_DECRYPT_FILES.txt',
      },
    ];
    const params = { bucketName: 'production-data', key: 'documents/HOW_TO_DECRYPT_FILES.txt' };
    expect(resolve('s3:PutObject', params, { resources })).toEqual(
      fromRecord('arn:aws:s3:::sample-bucket-hungry-buck/documents/HOW_TO_DECRYPT_FILES.txt'),
    );
    expect(resolve('s3:ListBucket', params, { resources })).toEqual(
      fromRecord('arn:aws:s3:::sample-bucket-hungry-buck'),
    );
  });

  it('needs the key for object actions', () => {
    expect(resolve('s3:GetObject', { bucketName: 'b' })).toEqual(UNRESOLVED);
  });

  it('falls back when the key is hostile', () => {
    expect(resolve('s3:GetObject', { bucketName: 'b', key: 'secret/*' })).toEqual(UNRESOLVED);
    expect(resolve('s3:GetObject', { bucketName: 'b', key: 'a?b' })).toEqual(UNRESOLVED);
    expect(resolve('s3:GetObject', { bucketName: 'b', key: 'x\u0000y' })).toEqual(UNRESOLVED);
    expect(resolve('s3:GetObject', { bucketName: 'b', key: '${aws:username}' })).toEqual(UNRESOLVED);
    expect(resolve('s3:GetObject', { bucketName: 'b', key: 'k'.repeat(3000) })).toEqual(UNRESOLVED);
    expect(resolve('s3:ListBucket', { bucketName: 'b/../other' })).toEqual(UNRESOLVED);
    expect(resolve('s3:ListBucket', { bucketName: 'b c' })).toEqual(UNRESOLVED);
  });
});

describe('S3 CopyObject', () => {
  // Shape of a real CopyObject event; the record lists only the destination object and a KMS key.
  const params = {
    bucketName: 'dest-bucket',
    key: 'copies/report 2024.pdf',
    'x-amz-copy-source':
      'victim-data-bucket/important%20files/report%202024.pdf?versionId=3HL4kqtJlcpXroDTDmJ',
    'x-amz-server-side-encryption': 'aws:kms',
  };
  const resources = [
    { type: 'AWS::S3::Object', arn: 'arn:aws:s3:::dest-bucket/copies/report 2024.pdf' },
    {
      type: 'AWS::KMS::Key',
      arn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    },
  ];

  it('reads the URL-decoded source for GetObject', () => {
    expect(resolve('s3:GetObject', params, { resources })).toEqual(
      fromRequest('arn:aws:s3:::victim-data-bucket/important files/report 2024.pdf'),
    );
  });

  it('lists the source bucket for ListBucket', () => {
    expect(resolve('s3:ListBucket', params, { resources })).toEqual(
      fromRequest('arn:aws:s3:::victim-data-bucket'),
    );
  });

  it('writes the destination for PutObject and PutObjectTagging', () => {
    expect(resolve('s3:PutObject', params, { resources })).toEqual(
      fromRequest('arn:aws:s3:::dest-bucket/copies/report 2024.pdf'),
    );
    expect(resolve('s3:PutObjectTagging', params)).toEqual(
      fromRequest('arn:aws:s3:::dest-bucket/copies/report 2024.pdf'),
    );
  });

  it('accepts a leading slash in the copy source', () => {
    const copy = { ...params, 'x-amz-copy-source': '/src/a.txt' };
    expect(resolve('s3:GetObject', copy)).toEqual(fromRequest('arn:aws:s3:::src/a.txt'));
  });

  it('does not decode a hostile copy source into a wildcard', () => {
    expect(resolve('s3:GetObject', { ...params, 'x-amz-copy-source': 'src/%2A' })).toEqual(UNRESOLVED);
    expect(resolve('s3:GetObject', { ...params, 'x-amz-copy-source': 'src/%E0%A4%A' })).toEqual(UNRESOLVED);
    expect(resolve('s3:GetObject', { ...params, 'x-amz-copy-source': 'bucket-only' })).toEqual(UNRESOLVED);
  });

  it('reads an access point copy source', () => {
    const copy = {
      ...params,
      'x-amz-copy-source': 'arn:aws:s3:us-west-2:222233334444:accesspoint/my-ap/object/reports/january.pdf',
    };
    expect(resolve('s3:GetObject', copy)).toEqual(
      fromRequest('arn:aws:s3:us-west-2:222233334444:accesspoint/my-ap/object/reports/january.pdf'),
    );
  });
});

describe('S3 access points', () => {
  const ap = 'arn:aws:s3:eu-west-1:111122223333:accesspoint/analytics';

  it('uses an access point ARN passed as the bucket', () => {
    expect(resolve('s3:GetObject', { bucketName: ap, key: 'data/x.csv' })).toEqual(
      fromRequest(`${ap}/object/data/x.csv`),
    );
    expect(resolve('s3:ListBucket', { bucketName: ap })).toEqual(fromRequest(ap));
  });
});
