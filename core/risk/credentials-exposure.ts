import type { CuratedRisk } from './types.js';

/** Actions that reveal stored secrets or mint new credentials the caller can take away. */
export const CREDENTIALS_EXPOSURE: readonly CuratedRisk[] = [
  {
    action: 'iam:CreateAccessKey',
    severity: 'critical',
    reason: 'mints long-lived access keys for an IAM user, including users other than the caller.',
  },
  {
    action: 'secretsmanager:GetSecretValue',
    severity: 'high',
    reason: 'returns the plaintext value of a secret.',
  },
  {
    action: 'secretsmanager:BatchGetSecretValue',
    severity: 'high',
    reason: 'returns the plaintext values of many secrets in one call.',
  },
  {
    action: 'ec2:GetPasswordData',
    severity: 'high',
    reason: "returns an instance's Windows administrator password, encrypted to the launch key pair.",
  },
  {
    action: 'redshift:GetClusterCredentials',
    severity: 'high',
    reason:
      'issues temporary database credentials for a Redshift cluster user, optionally creating the user.',
  },
  {
    action: 'redshift:GetClusterCredentialsWithIAM',
    severity: 'high',
    reason: "issues temporary Redshift database credentials mapped to the caller's IAM identity.",
  },
  {
    action: 'iam:CreateServiceSpecificCredential',
    severity: 'high',
    reason: 'creates a service password (CodeCommit, Amazon Keyspaces) for an IAM user and returns it.',
  },
  {
    action: 'iam:ResetServiceSpecificCredential',
    severity: 'high',
    reason: "resets a user's service-specific password and returns the new one.",
  },
  {
    action: 'ssm:GetParameter',
    severity: 'medium',
    reason: "returns a parameter's value, decrypted when it is a SecureString and decryption is requested.",
  },
  {
    action: 'ssm:GetParameters',
    severity: 'medium',
    reason: 'returns the values of several parameters, SecureStrings decrypted on request.',
  },
  {
    action: 'ssm:GetParametersByPath',
    severity: 'medium',
    reason:
      "returns every parameter under a path, decrypted on request, often a whole application's configuration.",
  },
  {
    action: 'ssm:GetParameterHistory',
    severity: 'medium',
    reason: 'returns past values of a parameter, rotated-out secrets included, decrypted on request.',
  },
  {
    action: 'ecr:GetAuthorizationToken',
    severity: 'medium',
    reason:
      'returns a registry login token valid for 12 hours, usable with any image rights the caller holds.',
  },
  {
    action: 'rds-db:connect',
    severity: 'medium',
    reason: 'lets the caller use IAM authentication tokens to log in to an RDS database as a database user.',
  },
  {
    action: 'sts:GetFederationToken',
    severity: 'medium',
    reason:
      "mints credentials valid for up to 36 hours that deleting the caller's access key does not revoke.",
  },
  {
    action: 'lambda:GetFunction',
    severity: 'medium',
    reason:
      "returns a function's environment variables and a download link for its code, where secrets are often kept.",
  },
  {
    action: 'lambda:GetFunctionConfiguration',
    severity: 'medium',
    reason: "returns a function's environment variables, where secrets are often kept in plaintext.",
  },
  {
    action: 'glue:GetConnection',
    severity: 'medium',
    reason:
      "returns a Glue connection's properties, its database password included unless the caller asks to hide it.",
  },
  {
    action: 'kms:Decrypt',
    severity: 'medium',
    reason:
      'decrypts anything encrypted under a KMS key, secrets and encrypted environment variables included.',
  },
];
