import type { CuratedRisk } from './types.js';

/** Actions that destroy data or infrastructure, or the backups needed to recover them. */
export const DESTRUCTIVE: readonly CuratedRisk[] = [
  {
    action: 'kms:ScheduleKeyDeletion',
    severity: 'critical',
    reason: 'schedules a KMS key for deletion, after which everything encrypted under it is unrecoverable.',
  },
  {
    action: 'kms:DisableKey',
    severity: 'high',
    reason: 'makes a KMS key unusable, cutting off all data encrypted under it until the key is re-enabled.',
  },
  {
    action: 's3:DeleteBucket',
    severity: 'high',
    reason: 'deletes an emptied bucket and frees its name for anyone to claim.',
  },
  {
    action: 'rds:DeleteDBInstance',
    severity: 'high',
    reason:
      'deletes a database instance, optionally without a final snapshot and with its automated backups.',
  },
  {
    action: 'rds:DeleteDBCluster',
    severity: 'high',
    reason: 'deletes an Aurora cluster, optionally without a final snapshot.',
  },
  {
    action: 'dynamodb:DeleteTable',
    severity: 'high',
    reason: 'deletes a table and all its items.',
  },
  {
    action: 'ec2:TerminateInstances',
    severity: 'high',
    reason: 'destroys instances together with their instance-store and delete-on-termination volumes.',
  },
  {
    action: 'backup:DeleteRecoveryPoint',
    severity: 'high',
    reason: 'deletes a backup, removing the way back from other destructive actions.',
  },
  {
    action: 'elasticfilesystem:DeleteFileSystem',
    severity: 'high',
    reason: 'deletes an EFS file system and its data.',
  },
  {
    action: 'cloudformation:DeleteStack',
    severity: 'high',
    reason: 'deletes every resource a stack manages, except those its deletion policy retains.',
  },
  {
    action: 'redshift:DeleteCluster',
    severity: 'high',
    reason: 'deletes a Redshift cluster, optionally without a final snapshot.',
  },
  {
    action: 'eks:DeleteCluster',
    severity: 'high',
    reason: "deletes an EKS cluster's control plane, taking its workloads down.",
  },
  {
    action: 's3:DeleteObjectVersion',
    severity: 'medium',
    reason: 'permanently deletes an object version, defeating versioning as a way to recover.',
  },
  {
    action: 's3:PutLifecycleConfiguration',
    severity: 'medium',
    reason: 'can set rules that expire every object in a bucket, a known mass-deletion technique.',
  },
  {
    action: 'rds:DeleteDBSnapshot',
    severity: 'medium',
    reason: 'deletes a manual database snapshot.',
  },
  {
    action: 'rds:DeleteDBClusterSnapshot',
    severity: 'medium',
    reason: 'deletes a manual Aurora cluster snapshot.',
  },
  {
    action: 'dynamodb:DeleteBackup',
    severity: 'medium',
    reason: 'deletes an on-demand table backup.',
  },
  {
    action: 'ec2:DeleteVolume',
    severity: 'medium',
    reason: 'deletes an EBS volume and its data.',
  },
  {
    action: 'ec2:DeleteSnapshot',
    severity: 'medium',
    reason: 'deletes an EBS snapshot, often a backup.',
  },
  {
    action: 'backup:DeleteBackupVault',
    severity: 'medium',
    reason: 'deletes an emptied backup vault and its access policy.',
  },
  {
    action: 'secretsmanager:DeleteSecret',
    severity: 'medium',
    reason:
      'schedules a secret for deletion, or deletes it at once when forced, breaking everything that reads it.',
  },
  {
    action: 'glacier:DeleteArchive',
    severity: 'medium',
    reason: 'deletes an archive from a Glacier vault.',
  },
  {
    action: 'lambda:DeleteFunction',
    severity: 'medium',
    reason: 'deletes a function and all its versions.',
  },
  {
    action: 'ecr:DeleteRepository',
    severity: 'medium',
    reason: 'deletes an image repository, with its images when forced.',
  },
  {
    action: 'route53:DeleteHostedZone',
    severity: 'medium',
    reason: 'deletes an emptied hosted zone, taking down DNS for its domain.',
  },
];
