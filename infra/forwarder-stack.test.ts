import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { IamlpForwarderStack } from './forwarder-stack.js';
import { INGEST_TARGET_RETRY, ORGANIZATION_HOP_RETRY, REDELIVERY_WINDOW } from './stream-settings.js';

const BUS = 'arn:aws:events:eu-west-1:111122223333:event-bus/iamlp-organization';
const app = new App();
const stack = new IamlpForwarderStack(app, 'Forwarder', { organizationBusArn: BUS });
const template = Template.fromStack(stack);

describe('member-account forwarder', () => {
  it('forwards every CloudTrail API call, read-only ones included, to the organization bus', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule'));

    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties).toMatchObject({
      EventPattern: { 'detail-type': ['AWS API Call via CloudTrail'] },
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      Targets: [
        {
          Arn: BUS,
          DeadLetterConfig: { Arn: expect.anything() },
          RetryPolicy: { MaximumEventAgeInSeconds: 420, MaximumRetryAttempts: 185 },
        },
      ],
    });
  });

  it('keeps both hops of organization ingestion inside the redelivery window, and one hop below the default', () => {
    expect(2 * ORGANIZATION_HOP_RETRY.maxEventAge.toSeconds()).toBeLessThan(REDELIVERY_WINDOW.toSeconds());
    expect(ORGANIZATION_HOP_RETRY.maxEventAge.toSeconds()).toBeLessThanOrEqual(
      INGEST_TARGET_RETRY.maxEventAge.toSeconds(),
    );
  });

  it('needs no CDK bootstrap in member accounts', () => {
    expect(template.toJSON().Parameters?.BootstrapVersion).toBeUndefined();
    expect(template.toJSON().Rules).toBeUndefined();
  });

  it('passes cdk-nag AwsSolutions with only the acknowledged dead-letter finding', () => {
    expect(new AwsSolutionsChecks(app).validateScope(stack).violations).toEqual([]);
  });
});
