import { Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { IamlpFunction } from './iamlp-function.js';

/** Settings of {@link Api}. */
export interface ApiProps {
  readonly codeDir: string;
  readonly usageTable: dynamodb.Table;
  readonly stateTable: dynamodb.Table;
  /** Origin the API answers CORS requests from (the UI's). */
  readonly corsOrigin: string;
  readonly logRetention: logs.RetentionDays;
}

/** IAM read actions the API needs to compare granted with used permissions, and no more. */
export const GRANTED_READ_ACTIONS = [
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:GetUser',
  'iam:GetUserPolicy',
  'iam:ListUserPolicies',
  'iam:ListAttachedUserPolicies',
  'iam:ListGroupsForUser',
  'iam:GetGroupPolicy',
  'iam:ListGroupPolicies',
  'iam:ListAttachedGroupPolicies',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
] as const;

/**
 * The read API: the Hono app on Lambda behind an HTTP API whose every route requires IAM (SigV4) authorization,
 * with access logs, read-only table access and IAM read access to this account's roles, users, groups and policies.
 */
export class Api extends Construct {
  readonly handler: IamlpFunction;
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.handler = new IamlpFunction(this, 'Handler', {
      codeDir: props.codeDir,
      description: 'iamlp API: usage, drafted policies, drift and alerts',
      memorySize: 1024,
      timeout: Duration.seconds(29),
      logRetention: props.logRetention,
      environment: { IAMLP_AUTH: 'iam', IAMLP_GRANTED_SOURCE: 'iam', IAMLP_CORS_ORIGIN: props.corsOrigin },
    })
      .useTable('IAMLP_USAGE_TABLE', props.usageTable, 'read', ['byPrincipal'])
      .useTable('IAMLP_STATE_TABLE', props.stateTable, 'read');
    const { partition, account } = Stack.of(this);
    this.handler.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadGrantedPermissions',
        actions: [...GRANTED_READ_ACTIONS],
        resources: ['role', 'user', 'group', 'policy'].map((t) => `arn:${partition}:iam::${account}:${t}/*`),
      }),
    );
    // AWS managed policies attached to principals live in the `aws` namespace, not in this account.
    this.handler.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAwsManagedPolicies',
        actions: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
        resources: [`arn:${partition}:iam::aws:policy/*`],
      }),
    );
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'iamlp read API (IAM authorization)',
      createDefaultStage: false,
      defaultAuthorizer: new HttpIamAuthorizer(),
      defaultIntegration: new HttpLambdaIntegration('Lambda', this.handler.function),
      corsPreflight: {
        allowOrigins: [props.corsOrigin],
        allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST],
        allowHeaders: [
          'authorization',
          'content-type',
          'x-amz-date',
          'x-amz-security-token',
          'x-amz-content-sha256',
          'if-none-match',
        ],
        // The UI revalidates with If-None-Match, so it must be able to read the ETag.
        exposeHeaders: ['etag'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) },
    });
  }

  /** The API's base URL (ends with `/`). */
  get url(): string {
    return this.stage.url;
  }
}
