import type { ServiceRules } from '../extraction.js';
import { DYNAMODB_RULES } from './dynamodb.js';
import { IAM_RULES, STS_RULES } from './iam.js';
import { KMS_RULES } from './kms.js';
import { LAMBDA_RULES } from './lambda.js';
import { LOGS_RULES } from './logs.js';
import { S3_RULES } from './s3.js';
import { SECRETSMANAGER_RULES } from './secretsmanager.js';
import { SNS_RULES } from './sns.js';
import { SQS_RULES } from './sqs.js';
import { SSM_RULES } from './ssm.js';

/** Curated extractor tables by IAM service prefix; other services rely on core/actions' template hints. */
export const SERVICE_RULES: Readonly<Record<string, ServiceRules>> = {
  dynamodb: DYNAMODB_RULES,
  iam: IAM_RULES,
  kms: KMS_RULES,
  lambda: LAMBDA_RULES,
  logs: LOGS_RULES,
  s3: S3_RULES,
  secretsmanager: SECRETSMANAGER_RULES,
  sns: SNS_RULES,
  sqs: SQS_RULES,
  ssm: SSM_RULES,
  sts: STS_RULES,
};
