// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected values are ARN-template placeholders.
import { describe, expect, it } from 'vitest';
import { actionsOf, mapCall } from './test-support.js';

/** Maps an S3 call, on object `k` of bucket `b` unless other parameters are given. */
function s3(
  eventName: string,
  requestParameters: Record<string, unknown> | null = { bucketName: 'b', key: 'k' },
) {
  return mapCall('s3.amazonaws.com', eventName, requestParameters);
}

describe('S3 CloudTrail names that are not IAM action names', () => {
  it.each([
    ['HeadObject', ['s3:GetObject']],
    ['HeadBucket', ['s3:ListBucket']],
    ['ListObjects', ['s3:ListBucket']],
    ['ListObjectsV2', ['s3:ListBucket']],
    ['ListBucket', ['s3:ListBucket']],
    ['ListObjectVersions', ['s3:ListBucketVersions']],
    ['ListBuckets', ['s3:ListAllMyBuckets']],
    ['GetBucketLifecycle', ['s3:GetLifecycleConfiguration']],
    ['PutBucketLifecycle', ['s3:PutLifecycleConfiguration']],
    ['DeleteBucketLifecycle', ['s3:PutLifecycleConfiguration']],
    ['GetBucketReplication', ['s3:GetReplicationConfiguration']],
    ['DeleteBucketReplication', ['s3:PutReplicationConfiguration']],
    ['GetBucketOwnershipControls', ['s3:GetBucketOwnershipControls']],
    ['PutBucketOwnershipControls', ['s3:PutBucketOwnershipControls']],
    ['DeleteBucketOwnershipControls', ['s3:PutBucketOwnershipControls']],
    ['GetBucketCors', ['s3:GetBucketCORS']],
    ['PutBucketCors', ['s3:PutBucketCORS']],
    ['DeleteBucketCors', ['s3:PutBucketCORS']],
    ['DeleteBucketWebsite', ['s3:DeleteBucketWebsite']],
    ['DeleteBucketPolicy', ['s3:DeleteBucketPolicy']],
    ['GetBucketEncryption', ['s3:GetEncryptionConfiguration']],
    ['PutBucketEncryption', ['s3:PutEncryptionConfiguration']],
    ['DeleteBucketEncryption', ['s3:PutEncryptionConfiguration']],
    ['DeleteBucketTagging', ['s3:PutBucketTagging']],
    ['DeleteBucketPublicAccessBlock', ['s3:PutBucketPublicAccessBlock']],
    ['CreateMultipartUpload', ['s3:PutObject']],
    ['UploadPart', ['s3:PutObject']],
    ['CompleteMultipartUpload', ['s3:PutObject']],
    ['ListParts', ['s3:ListMultipartUploadParts']],
    ['DeleteObjects', ['s3:DeleteObject']],
    ['GetBucketObjectLockConfiguration', ['s3:GetBucketObjectLockConfiguration']],
    ['GetAccelerateConfiguration', ['s3:GetAccelerateConfiguration']],
    ['GetBucketPublicAccessBlock', ['s3:GetBucketPublicAccessBlock']],
    ['GetAccountPublicAccessBlock', ['s3:GetAccountPublicAccessBlock']],
    ['ListAccessPoints', ['s3:ListAccessPoints']],
    ['GetStorageLensDashboardDataInternal', ['s3:GetStorageLensDashboard']],
  ])('%s → %j', (eventName, expected) => {
    expect(actionsOf(s3(eventName))).toEqual(expected);
  });

  it('carries CloudTrail parameter names (bucketName, key) in the resource hints', () => {
    const mapped = s3('UploadPart');

    expect(mapped.kind === 'mapped' && mapped.targets[0]?.resourceVars).toEqual({
      BucketName: '${bucketName}',
      ObjectName: '${key}',
    });
  });

  it.each([
    ['GetObject', 's3:GetObject', 's3:GetObjectVersion'],
    ['HeadObject', 's3:GetObject', 's3:GetObjectVersion'],
    ['DeleteObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
    ['GetObjectAcl', 's3:GetObjectAcl', 's3:GetObjectVersionAcl'],
    ['PutObjectTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'],
  ])('%s needs %s, or %s when a versionId is named', (eventName, plain, versioned) => {
    expect(actionsOf(s3(eventName, { bucketName: 'b', key: 'k' }))).toEqual([plain]);
    expect(actionsOf(s3(eventName, { bucketName: 'b', key: 'k', versionId: 'v1' }))).toEqual([versioned]);
  });

  it('reads a call without request parameters as a call without versionId', () => {
    expect(actionsOf(s3('GetObject', null))).toEqual(['s3:GetObject']);
  });
});
