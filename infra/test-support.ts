import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { IamlpStack, type IamlpStackProps } from './iamlp-stack.js';

/** Every optional feature on, so the tests see every resource. */
export const FULL_FEATURES = {
  organizationId: 'o-abcdef1234',
  dataEvents: {
    bucketArns: ['arn:aws:s3:::example-data-bucket'],
    functionArns: ['arn:aws:lambda:eu-west-1:111122223333:function:example'],
    tableArns: ['arn:aws:dynamodb:eu-west-1:111122223333:table/example'],
  },
  backfill: { bucketName: 'example-trail-logs', prefix: 'AWSLogs/' },
  alarmTopicArn: 'arn:aws:sns:eu-west-1:111122223333:alarms',
} as const satisfies Partial<IamlpStackProps>;

/** Which parts of the stack a test builds. */
export interface TestStackOptions {
  /** Organization bus, data-event trail, backfill and alarm topic (default true). */
  readonly features?: boolean;
  /** Whether the API bundle exists (default true). */
  readonly api?: boolean;
}

/**
 * A stack built from tiny throwaway Lambda assets (tests never run the bundler), in a fixed account and region;
 * synthesize it once per test file.
 */
export function testStack(options: TestStackOptions = {}): { app: App; stack: IamlpStack } {
  const assets = mkdtempSync(join(tmpdir(), 'iamlp-infra-'));
  const code = (name: string) => {
    const dir = join(assets, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.mjs'), 'export const handler = async () => ({});\n');
    return dir;
  };
  // Assets are referenced where they are instead of copied into every synthesis: the CLI layer alone is megabytes.
  const app = new App({ context: { 'aws:cdk:disable-asset-staging': true } });
  const stack = new IamlpStack(app, 'IamlpTest', {
    env: { account: '111122223333', region: 'eu-west-1' },
    lambdaCode: {
      consumer: code('consumer'),
      backfill: code('backfill'),
      ...(options.api === false ? {} : { api: code('api') }),
    },
    ...(options.features === false ? {} : FULL_FEATURES),
  });
  return { app, stack };
}

/** The `Resources` section of a synthesized template. */
export type TemplateResources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** The properties of every resource of one type. */
export function propertiesOfType(resources: TemplateResources, type: string): Record<string, unknown>[] {
  return Object.values(resources)
    .filter((r) => r.Type === type)
    .map((r) => r.Properties);
}

/** An IAM policy statement as synthesized. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Action: unknown;
  readonly Resource: unknown;
}

/** Every statement of every identity policy in the template (inline role policies included). */
export function identityStatements(resources: TemplateResources): PolicyStatement[] {
  const docs = [
    ...propertiesOfType(resources, 'AWS::IAM::Policy').map((p) => p.PolicyDocument),
    ...propertiesOfType(resources, 'AWS::IAM::Role').flatMap((r) =>
      ((r.Policies as { PolicyDocument: unknown }[] | undefined) ?? []).map((p) => p.PolicyDocument),
    ),
  ] as { Statement: PolicyStatement[] }[];
  return docs.flatMap((d) => d.Statement);
}
