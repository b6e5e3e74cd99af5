import type { CuratedRisk } from './types.js';

/** Actions that make resources public, share them with other accounts, or let outside identities in. */
export const RESOURCE_EXPOSURE: readonly CuratedRisk[] = [
  {
    action: 's3:PutBucketPolicy',
    severity: 'high',
    reason:
      'can grant any principal, the public or another account included, access to a bucket and its objects.',
  },
  {
    action: 's3:PutBucketAcl',
    severity: 'high',
    reason: 'can grant public or cross-account access to a bucket through a legacy ACL.',
  },
  {
    action: 's3:PutBucketPublicAccessBlock',
    severity: 'high',
    reason:
      "can switch off a bucket's Block Public Access settings, the guard against public policies and ACLs.",
  },
  {
    action: 's3:PutAccountPublicAccessBlock',
    severity: 'high',
    reason: 'can switch off Block Public Access for every bucket in the account.',
  },
  {
    action: 'kms:PutKeyPolicy',
    severity: 'high',
    reason:
      'can give any principal, another account included, use of a KMS key and so of everything encrypted under it.',
  },
  {
    action: 'kms:CreateGrant',
    severity: 'high',
    reason: 'delegates use of a KMS key to another principal without touching the key policy.',
  },
  {
    action: 'lambda:AddPermission',
    severity: 'high',
    reason:
      "lets another account, a service or the public invoke a function through the function's resource policy.",
  },
  {
    action: 'ec2:ModifySnapshotAttribute',
    severity: 'high',
    reason: 'can share an EBS snapshot with another account or make it public, exposing the whole disk.',
  },
  {
    action: 'ec2:ModifyImageAttribute',
    severity: 'high',
    reason: 'can share an AMI, with whatever data is baked into it, with another account or the public.',
  },
  {
    action: 'rds:ModifyDBSnapshotAttribute',
    severity: 'high',
    reason: 'can share a database snapshot with another account or make it public.',
  },
  {
    action: 'rds:ModifyDBClusterSnapshotAttribute',
    severity: 'high',
    reason: 'can share an Aurora cluster snapshot with another account or make it public.',
  },
  {
    action: 'secretsmanager:PutResourcePolicy',
    severity: 'high',
    reason: 'can grant another account or principal read access to a secret.',
  },
  {
    action: 'iam:CreateOpenIDConnectProvider',
    severity: 'high',
    reason: 'registers an external OIDC identity provider whose users can then assume roles that trust it.',
  },
  {
    action: 'iam:CreateSAMLProvider',
    severity: 'high',
    reason: 'registers an external SAML identity provider whose users can then assume roles that trust it.',
  },
  {
    action: 'iam:UpdateSAMLProvider',
    severity: 'high',
    reason:
      'replaces the metadata of a trusted SAML provider, so a different identity provider can sign assertions.',
  },
  {
    action: 's3:PutObjectAcl',
    severity: 'medium',
    reason: 'can make a single object public or readable by another account.',
  },
  {
    action: 's3:PutAccessPointPolicy',
    severity: 'medium',
    reason: 'can grant other principals access to a bucket through one of its access points.',
  },
  {
    action: 'lambda:AddLayerVersionPermission',
    severity: 'medium',
    reason: 'can share a layer version with other accounts or the public.',
  },
  {
    action: 'sns:AddPermission',
    severity: 'medium',
    reason: 'lets other accounts publish to or subscribe to a topic.',
  },
  {
    action: 'sns:SetTopicAttributes',
    severity: 'medium',
    reason: "can replace a topic's access policy, opening it to other accounts or the public.",
  },
  {
    action: 'sqs:AddPermission',
    severity: 'medium',
    reason: 'lets other accounts send to or receive from a queue.',
  },
  {
    action: 'sqs:SetQueueAttributes',
    severity: 'medium',
    reason: "can replace a queue's access policy, opening it to other accounts or the public.",
  },
  {
    action: 'ecr:SetRepositoryPolicy',
    severity: 'medium',
    reason: 'can let other accounts or the public pull images from, or push images to, a repository.',
  },
  {
    action: 'ram:CreateResourceShare',
    severity: 'medium',
    reason: 'shares resources such as subnets, transit gateways or private CAs with other accounts.',
  },
  {
    action: 'ram:AssociateResourceShare',
    severity: 'medium',
    reason: 'adds principals or resources to an existing resource share.',
  },
  {
    action: 'backup:PutBackupVaultAccessPolicy',
    severity: 'medium',
    reason: 'can let other accounts copy recovery points out of a backup vault, or delete them.',
  },
  {
    action: 'ec2:AuthorizeSecurityGroupIngress',
    severity: 'medium',
    reason: 'opens network access to instances and databases, possibly from the whole internet.',
  },
  {
    action: 'ssm:ModifyDocumentPermission',
    severity: 'medium',
    reason: 'can share an SSM document, and anything written into it, with other accounts or the public.',
  },
  {
    action: 'es:UpdateDomainConfig',
    severity: 'medium',
    reason:
      "can replace an OpenSearch domain's access policy, opening it to other principals or the internet.",
  },
  {
    action: 'es:UpdateElasticsearchDomainConfig',
    severity: 'medium',
    reason:
      "can replace an Elasticsearch domain's access policy, opening it to other principals or the internet.",
  },
];
