import type { CuratedRisk } from './types.js';

/** Actions that read data in bulk or copy it somewhere the caller can take it from. */
export const DATA_EXFILTRATION: readonly CuratedRisk[] = [
  {
    action: 'dynamodb:ExportTableToPointInTime',
    severity: 'high',
    reason: 'exports a whole table to an S3 bucket, which can belong to another account.',
  },
  {
    action: 'rds:StartExportTask',
    severity: 'high',
    reason: 'exports the data of a database snapshot to an S3 bucket.',
  },
  {
    action: 's3:PutReplicationConfiguration',
    severity: 'high',
    reason: 'can replicate every new object in a bucket to a bucket in another account.',
  },
  {
    action: 'ec2:CreateTrafficMirrorSession',
    severity: 'high',
    reason: "copies an instance's network traffic to a target the caller chooses.",
  },
  {
    action: 's3:GetObject',
    severity: 'medium',
    reason: 'reads object contents, and in bulk is the most common way data leaves S3.',
  },
  {
    action: 'dynamodb:Scan',
    severity: 'medium',
    reason: 'reads every item of a table or index in bulk.',
  },
  {
    action: 'ec2:CreateSnapshot',
    severity: 'medium',
    reason: "copies a volume's data into a snapshot that can then be shared or copied out of the account.",
  },
  {
    action: 'rds:CreateDBSnapshot',
    severity: 'medium',
    reason: 'copies a database into a snapshot that can then be shared or restored elsewhere.',
  },
  {
    action: 'rds:CreateDBClusterSnapshot',
    severity: 'medium',
    reason: 'copies an Aurora cluster into a snapshot that can then be shared or restored elsewhere.',
  },
  {
    action: 'logs:CreateExportTask',
    severity: 'medium',
    reason: "exports a log group's events to an S3 bucket.",
  },
  {
    action: 'ebs:GetSnapshotBlock',
    severity: 'medium',
    reason: 'reads the raw blocks of an EBS snapshot directly, without attaching it to an instance.',
  },
];
