import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeployContext } from './context.js';
import { lambdaCodeIn, MissingBundleError } from './lambda-code.js';
import { testStack } from './test-support.js';

let template: Template;

beforeAll(() => {
  template = Template.fromStack(testStack({ features: false, api: false }).stack);
}, 60_000);

describe('minimal stack (no optional features, API not bundled yet)', () => {
  it('has one ingestion rule, no organization bus, no trail, no backfill and no API', () => {
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.resourceCountIs('AWS::Events::EventBus', 1); // the alert bus
    template.resourceCountIs('AWS::CloudTrail::Trail', 0);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
  });

  it('still alarms on the consumer and both give-up queues, without actions', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));

    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toBeUndefined();
  });
});

describe('tables', () => {
  it('creates the usage table as the store does: pk, GSI byPrincipal keys only', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byPrincipal',
          KeySchema: [
            { AttributeName: 'pid', KeyType: 'HASH' },
            { AttributeName: 'dayBucket', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });

  it('creates the state table with pk + sk and TTL on expiresAt', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('makes both tables on-demand, point-in-time recoverable, deletion protected and retained', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));

    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(table).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        },
      });
    }
  });
});

describe('lambda bundles', () => {
  function bundles(names: readonly string[]): string {
    const root = mkdtempSync(join(tmpdir(), 'iamlp-bundles-'));
    for (const name of names) {
      mkdirSync(join(root, 'dist', 'lambda', name), { recursive: true });
      writeFileSync(join(root, 'dist', 'lambda', name, 'index.mjs'), '');
    }
    return root;
  }

  it('fails naming the missing bundle and how to build it', () => {
    const root = bundles(['consumer']);

    expect(() => lambdaCodeIn(root)).toThrow(MissingBundleError);
    expect(() => lambdaCodeIn(root)).toThrow(/dist\/lambda\/backfill\/index\.mjs is missing.*bundle-lambdas/);
  });

  it('leaves the API out until its bundle exists', () => {
    expect(lambdaCodeIn(bundles(['consumer', 'backfill'])).api).toBeUndefined();
    expect(lambdaCodeIn(bundles(['consumer', 'backfill', 'api'])).api).toMatch(/dist\/lambda\/api$/);
  });
});

describe('deployment context', () => {
  it('takes -c strings and cdk.json values alike', () => {
    const context: Record<string, unknown> = {
      'iamlp:shards': '4',
      'iamlp:organizationId': 'o-abcdef1234',
      'iamlp:dataEventBucketArns': 'arn:aws:s3:::a, arn:aws:s3:::b',
      'iamlp:dataEventTableArns': ['arn:aws:dynamodb:eu-west-1:111122223333:table/t'],
      'iamlp:backfillBucket': 'trail-logs',
      'iamlp:deletionProtection': 'false',
      'iamlp:organizationBusArn': 'arn:aws:events:us-east-1:111122223333:event-bus/iamlp-org',
    };

    const parameters = parseDeployContext((key) => context[key]);

    expect(parameters).toMatchObject({
      stackName: 'Iamlp',
      shards: 4,
      organizationId: 'o-abcdef1234',
      deletionProtection: false,
      dataEvents: {
        bucketArns: ['arn:aws:s3:::a', 'arn:aws:s3:::b'],
        functionArns: [],
        tableArns: ['arn:aws:dynamodb:eu-west-1:111122223333:table/t'],
      },
      backfill: { bucketName: 'trail-logs' },
      organizationBusArn: 'arn:aws:events:us-east-1:111122223333:event-bus/iamlp-org',
    });
  });

  it('names each invalid key', () => {
    const context: Record<string, unknown> = { 'iamlp:shards': '0', 'iamlp:organizationId': 'org' };

    expect(() => parseDeployContext((key) => context[key])).toThrow(/iamlp:shards.*iamlp:organizationId/);
  });
});
