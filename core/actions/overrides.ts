// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` are ARN-template placeholders, filled in by core/resources.
import type { Rule } from './action-map-data.js';

/**
 * Where CloudTrail and map.json disagree. Keys are `prefix:EventName` (after version suffixes are stripped).
 * `EVENT_OVERRIDES` replaces the table's rules for that event; `EXTRA_RULES` adds to whatever the table or the
 * `prefix:eventName` fallback found. Every action here is checked against the IAM reference data in tests.
 *
 * S3 is special: CloudTrail logs URI/header parameters under their REST names (`bucketName`, `key`, `versionId`,
 * `x-amz-copy-source`) and XML bodies with their element names (`ReplicationConfiguration.Role`), not SDK names.
 */

const BUCKET = { BucketName: '${bucketName}' } as const;
const OBJECT = { BucketName: '${bucketName}', ObjectName: '${key}' } as const;
/** `x-amz-copy-source` is `bucket/key`, optionally `/`-prefixed and followed by `?versionId=…`: keep `bucket/key`. */
const COPY_SOURCE_ARN = 'arn:${Partition}:s3:::%%regex%${x-amz-copy-source}%/^\\/?([^?]+)/%%';
const COPIES_A_VERSION = ['x-amz-copy-source', 'IContains', '?versionId='] as const;

const onBucket = (action: string): Rule[] => [{ action, vars: BUCKET }];
const onObject = (action: string): Rule[] => [{ action, vars: OBJECT }];

/**
 * A request that names a `versionId` needs the `…Version…` action (IAM spells the version part inside the name:
 * GetObjectVersionAcl), otherwise the plain one. map.json only knows this for HeadObject.
 */
const versioned = (action: string, versionAction: string): Rule[] => [
  { action, vars: OBJECT, when: [['versionId', 'NotExists']] },
  { action: versionAction, vars: OBJECT, when: [['versionId', 'Exists']] },
];
const VERSIONED_OBJECT_CALLS = [
  ['GetObject', 's3:GetObject', 's3:GetObjectVersion'],
  ['HeadObject', 's3:GetObject', 's3:GetObjectVersion'],
  ['DeleteObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
  ['GetObjectAcl', 's3:GetObjectAcl', 's3:GetObjectVersionAcl'],
  ['PutObjectAcl', 's3:PutObjectAcl', 's3:PutObjectVersionAcl'],
  ['GetObjectTagging', 's3:GetObjectTagging', 's3:GetObjectVersionTagging'],
  ['PutObjectTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'],
  ['DeleteObjectTagging', 's3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging'],
  ['GetObjectAttributes', 's3:GetObjectAttributes', 's3:GetObjectVersionAttributes'],
] as const;

/** A copy reads the source object (or version) and writes the destination; tags and ACLs need more only when set. */
const copy = (): Rule[] => [
  {
    action: 's3:GetObject',
    arn: COPY_SOURCE_ARN,
    when: [[COPIES_A_VERSION[0], 'INotContains', COPIES_A_VERSION[2]]],
  },
  { action: 's3:GetObjectVersion', arn: COPY_SOURCE_ARN, when: [COPIES_A_VERSION] },
  { action: 's3:PutObject', vars: OBJECT },
  { action: 's3:PutObjectTagging', vars: OBJECT, when: [['x-amz-tagging', 'Exists']] },
  { action: 's3:PutObjectAcl', vars: OBJECT, when: [['x-amz-acl', 'Exists']] },
];

/**
 * DynamoDB data events list transaction items as `requestItems[]` with an `operation` field
 * (`{ operation: 'Put', tableName, key }`), not the SDK's `TransactItems[].Put`.
 */
const transactWrite = (): Rule[] =>
  (
    [
      ['Put', 'dynamodb:PutItem'],
      ['Update', 'dynamodb:UpdateItem'],
      ['Delete', 'dynamodb:DeleteItem'],
      ['ConditionCheck', 'dynamodb:ConditionCheckItem'],
    ] as const
  ).map(([operation, action]) => ({
    action,
    vars: { TableName: '${requestItems[].tableName}' },
    when: [['requestItems[].operation', 'Equals', operation]],
  }));

/** PartiQL statements authorize by verb; CloudTrail keeps statements (with values redacted) under `path`. */
const partiql = (...paths: string[]): Rule[] =>
  paths.flatMap((path) =>
    (['Select', 'Insert', 'Update', 'Delete'] as const).map((verb) => ({
      action: `dynamodb:PartiQL${verb}`,
      when: [[path, 'IContains', `${verb.toUpperCase()} `]] as const,
    })),
  );

/**
 * Rules that replace the derived table's entry for an event. Only what the table gets wrong or lacks is here; the
 * S3 legacy names map.json already handles (HeadBucket, ListObjects[V2], ListObjectVersions, *BucketLifecycle,
 * *BucketCors, *BucketEncryption, DeleteBucketTagging, *MultipartUpload, ListParts, DeleteBucketReplication) and
 * CloudTrail names that are IAM action names (ListBucket, GetBucketObjectLockConfiguration, GetAccelerateConfiguration,
 * GetBucketPublicAccessBlock) are covered by tests instead.
 */
export const EVENT_OVERRIDES: Readonly<Record<string, readonly Rule[]>> = {
  ...Object.fromEntries(
    VERSIONED_OBJECT_CALLS.map(([name, plain, version]) => [`s3:${name}`, versioned(plain, version)]),
  ),
  's3:PutBucketReplication': [
    { action: 's3:PutReplicationConfiguration', vars: BUCKET },
    // The replication role travels in the XML body (map.json says `Role`); S3 assumes it to replicate.
    { action: 'iam:PassRole', arn: '${ReplicationConfiguration.Role}' },
  ],
  // IAM has no Delete… action for these bucket settings: deleting one is a Put.
  's3:DeleteBucketOwnershipControls': onBucket('s3:PutBucketOwnershipControls'),
  's3:DeleteBucketPublicAccessBlock': onBucket('s3:PutBucketPublicAccessBlock'),
  's3:DeleteBucketIntelligentTieringConfiguration': onBucket('s3:PutIntelligentTieringConfiguration'),
  // map.json takes UploadPart's bucket from `Body`.
  's3:UploadPart': onObject('s3:PutObject'),
  // CloudTrail does not list which keys (or versions) a multi-object delete named.
  's3:DeleteObjects': onObject('s3:DeleteObject'),
  // map.json reads the copy source from the destination parameters and always adds tagging and ACL writes.
  's3:CopyObject': copy(),
  's3:UploadPartCopy': copy(),
  // map.json adds s3:PutObject on the log bucket: CloudTrail writes there as itself, the caller needs no such grant.
  'cloudtrail:CreateTrail': [
    { action: 'cloudtrail:CreateTrail', vars: { TrailName: '${name}' } },
    { action: 'iam:PassRole', arn: '${cloudWatchLogsRoleArn}' },
  ],
  // The S3 console's Storage Lens dashboard view; IAM authorizes it as s3:GetStorageLensDashboard.
  's3:GetStorageLensDashboardDataInternal': [
    { action: 's3:GetStorageLensDashboard', arn: '${configurationARN}' },
  ],
  // DynamoDB data events.
  'dynamodb:TransactWriteItems': transactWrite(),
  // Assumed to follow TransactWriteItems' `requestItems[]` shape; the record's resources[] names the tables anyway.
  'dynamodb:TransactGetItems': [
    { action: 'dynamodb:GetItem', vars: { TableName: '${requestItems[].tableName}' } },
  ],
  'dynamodb:BatchExecuteStatement': partiql('requestItems[].statement'),
  'dynamodb:ExecuteTransaction': partiql('requestItems[].statement', 'transactStatements[].statement'),
};

/** Rules added to an event's mapping: permissions CloudTrail implies but map.json (January 2023) lacks. */
export const EXTRA_RULES: Readonly<Record<string, readonly Rule[]>> = {
  // EventBridge passes each target's role to events.amazonaws.com.
  'events:PutTargets': [{ action: 'iam:PassRole', arn: '${targets[].roleArn}' }],
  // EventBridge Scheduler (newer than the map.json snapshot) passes the target role.
  'scheduler:CreateSchedule': [{ action: 'iam:PassRole', arn: '${target.roleArn}' }],
  'scheduler:UpdateSchedule': [{ action: 'iam:PassRole', arn: '${target.roleArn}' }],
};
