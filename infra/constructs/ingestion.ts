import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { bucketRef, eventBusRef } from '../exact-optional.js';
import { INGEST_TARGET_RETRY, ORGANIZATION_HOP_RETRY } from '../stream-settings.js';

/** Resources whose data events an optional trail logs (they then reach EventBridge like management events). */
export interface DataEventSources {
  /** S3 bucket ARNs: object-level calls in them. */
  readonly bucketArns?: readonly string[];
  /** Lambda function ARNs: Invoke. */
  readonly functionArns?: readonly string[];
  /** DynamoDB table ARNs: item-level calls. */
  readonly tableArns?: readonly string[];
}

/** Settings of {@link Ingestion}. */
export interface IngestionProps {
  /** Provisioned shards of the stream (each takes 1 MB/s or 1,000 records/s in). */
  readonly shards: number;
  /** AWS Organizations id (`o-…`): adds a bus every member account may forward its CloudTrail events to. */
  readonly organizationId?: string;
  readonly dataEvents?: DataEventSources;
  /** Receives the trail bucket's server access logs. */
  readonly logBucket: s3.Bucket;
}

/** The rule state under which read-only management events (Get/List/Describe) reach a rule at all. */
export const ALL_MANAGEMENT_EVENTS = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** The event pattern of CloudTrail API calls. */
export const CLOUDTRAIL_PATTERN: events.EventPattern = { detailType: ['AWS API Call via CloudTrail'] };

/**
 * CloudTrail → EventBridge → Kinesis: a rule on the default bus (and, with an organization id, on an org-wide bus)
 * receiving every CloudTrail management event, read-only ones included, put on an encrypted stream keyed by
 * `detail.eventID` with a retry policy inside the consumer's redelivery window and a dead-letter queue.
 */
export class Ingestion extends Construct {
  readonly stream: kinesis.Stream;
  /** Events EventBridge could not put on the stream after its retries. */
  readonly deadLetterQueue: sqs.Queue;
  readonly rules: events.Rule[] = [];
  readonly organizationBus: events.EventBus | undefined;
  readonly trail: cloudtrail.Trail | undefined;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    this.stream = new kinesis.Stream(this, 'Stream', {
      shardCount: props.shards,
      streamMode: kinesis.StreamMode.PROVISIONED,
      encryption: kinesis.StreamEncryption.MANAGED,
      retentionPeriod: Duration.hours(24),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.addRule('Default', undefined, INGEST_TARGET_RETRY);
    if (props.organizationId !== undefined) {
      this.organizationBus = this.organizationBusFor(props.organizationId);
      this.addRule('Organization', eventBusRef(this.organizationBus), ORGANIZATION_HOP_RETRY);
    }
    if (props.dataEvents !== undefined && hasSources(props.dataEvents))
      this.trail = this.dataEventTrail(props.dataEvents, props.logBucket);
  }

  private addRule(
    id: string,
    eventBus: events.IEventBus | undefined,
    retry: { readonly maxEventAge: Duration; readonly retryAttempts: number },
  ): void {
    const rule = new events.Rule(this, `${id}Rule`, {
      description: 'CloudTrail API calls (read-only management events included) to the iamlp stream',
      eventPattern: CLOUDTRAIL_PATTERN,
      ...(eventBus === undefined ? {} : { eventBus }),
      targets: [
        new targets.KinesisStream(this.stream, {
          partitionKeyPath: '$.detail.eventID',
          deadLetterQueue: this.deadLetterQueue,
          ...retry,
        }),
      ],
    });
    // The L2 Rule only knows ENABLED/DISABLED; CloudFormation takes this state directly.
    (rule.node.defaultChild as events.CfnRule).state = ALL_MANAGEMENT_EVENTS;
    this.rules.push(rule);
  }

  /** A bus member accounts forward their CloudTrail events to; only principals of the organization may put. */
  private organizationBusFor(organizationId: string): events.EventBus {
    const bus = new events.EventBus(this, 'OrganizationBus', {
      description: 'CloudTrail events forwarded by the accounts of the organization',
    });
    bus.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationMembersPutEvents',
        principals: [new iam.AnyPrincipal()],
        actions: ['events:PutEvents'],
        resources: [bus.eventBusArn],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
      }),
    );
    return bus;
  }

  /** A trail logging only the chosen data events (management events already reach EventBridge without one). */
  private dataEventTrail(sources: DataEventSources, logBucket: s3.Bucket): cloudtrail.Trail {
    const bucket = new s3.Bucket(this, 'TrailBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: bucketRef(logBucket),
      serverAccessLogsPrefix: 'trail/',
      // Audit evidence: kept when the stack is deleted.
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(7) }],
    });
    const trail = new cloudtrail.Trail(this, 'DataEventsTrail', {
      bucket: bucketRef(bucket),
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      enableFileValidation: true,
    });
    // Advanced selectors naming only data events: the trail records no management events (no second copy to pay).
    const cfn = trail.node.defaultChild as cloudtrail.CfnTrail;
    cfn.advancedEventSelectors = advancedSelectors(sources);
    // CloudTrail takes basic or advanced selectors, not both; the L2 always writes an (empty) basic list.
    cfn.addPropertyDeletionOverride('EventSelectors');
    return trail;
  }
}

function hasSources(sources: DataEventSources): boolean {
  return [sources.bucketArns, sources.functionArns, sources.tableArns].some(
    (arns) => (arns?.length ?? 0) > 0,
  );
}

/** Data events only, per resource type, limited to the given resources. */
function advancedSelectors(sources: DataEventSources): cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] {
  const selectors: cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] = [];
  const add = (name: string, type: string, field: 'startsWith' | 'equalTo', values: readonly string[]) => {
    if (values.length === 0) return;
    selectors.push({
      name,
      fieldSelectors: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: [type] },
        { field: 'resources.ARN', [field]: [...values] },
      ],
    });
  };
  add(
    'S3 objects',
    'AWS::S3::Object',
    'startsWith',
    (sources.bucketArns ?? []).map((arn) => `${arn}/`),
  );
  add('Lambda functions', 'AWS::Lambda::Function', 'equalTo', sources.functionArns ?? []);
  add('DynamoDB tables', 'AWS::DynamoDB::Table', 'equalTo', sources.tableArns ?? []);
  return selectors;
}
