import { DefaultStackSynthesizer, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ALL_MANAGEMENT_EVENTS, CLOUDTRAIL_PATTERN } from './constructs/ingestion.js';
import { synthesizerRef } from './exact-optional.js';
import { acknowledgeForwarderFindings } from './nag-suppressions.js';
import { ORGANIZATION_HOP_RETRY } from './stream-settings.js';

/** Parameters of {@link IamlpForwarderStack}. */
export interface IamlpForwarderStackProps extends StackProps {
  /** ARN of the organization bus of the iamlp stack (its `OrganizationBusArn` output). */
  readonly organizationBusArn: string;
}

/**
 * What each member account deploys (e.g. with a service-managed StackSet) for organization-wide ingestion: a rule
 * on its default bus receiving every CloudTrail management event, read-only ones included, forwarded to the
 * organization bus with a bounded retry policy and a dead-letter queue.
 */
export class IamlpForwarderStack extends Stack {
  readonly rule: events.Rule;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: IamlpForwarderStackProps) {
    // No bootstrap-version check: member accounts deploy the template through StackSets, without a CDK bootstrap.
    super(scope, id, {
      synthesizer: synthesizerRef(new DefaultStackSynthesizer({ generateBootstrapVersionRule: false })),
      ...props,
    });
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const bus = events.EventBus.fromEventBusArn(this, 'OrganizationBus', props.organizationBusArn);
    this.rule = new events.Rule(this, 'ForwardCloudTrail', {
      description:
        'CloudTrail API calls (read-only management events included) to the iamlp organization bus',
      eventPattern: CLOUDTRAIL_PATTERN,
      targets: [new targets.EventBus(bus, { deadLetterQueue: this.deadLetterQueue })],
    });
    const cfn = this.rule.node.defaultChild as events.CfnRule;
    cfn.state = ALL_MANAGEMENT_EVENTS;
    // The EventBus target has no retry props; the rule's target takes a policy all the same.
    cfn.addPropertyOverride('Targets.0.RetryPolicy', {
      MaximumEventAgeInSeconds: ORGANIZATION_HOP_RETRY.maxEventAge.toSeconds(),
      MaximumRetryAttempts: ORGANIZATION_HOP_RETRY.retryAttempts,
    });
    acknowledgeForwarderFindings(this);
  }
}
