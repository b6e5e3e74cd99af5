import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BACKFILL_INVOKE } from '../stream-settings.js';
import { IamlpFunction } from './iamlp-function.js';

/** Where CloudTrail log files to backfill land. */
export interface BackfillSource {
  /** Name of the bucket; it must send S3 events to EventBridge (`EventBridgeConfiguration`). */
  readonly bucketName: string;
  /** Only keys under this prefix (e.g. `AWSLogs/`); default: the whole bucket. */
  readonly prefix?: string;
}

/** Settings of {@link Backfill}. */
export interface BackfillProps extends BackfillSource {
  readonly codeDir: string;
  readonly stream: kinesis.Stream;
  readonly logRetention: logs.RetentionDays;
}

/**
 * Optional backfill: every CloudTrail log file created in a bucket (S3 `Object Created` via EventBridge) is read by
 * a Lambda and replayed into the stream exactly as EventBridge delivers live events. Failed invocations go to a
 * queue; retries stay inside the consumer's redelivery window.
 */
export class Backfill extends Construct {
  readonly handler: IamlpFunction;
  readonly failures: sqs.Queue;
  readonly bucketName: string;
  /** Key prefix watched ('' for the whole bucket). */
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: BackfillProps) {
    super(scope, id);
    this.bucketName = props.bucketName;
    this.prefix = props.prefix ?? '';
    this.failures = new sqs.Queue(this, 'Failures', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.handler = new IamlpFunction(this, 'Handler', {
      codeDir: props.codeDir,
      description: 'iamlp backfill: CloudTrail log files from S3 replayed into the stream',
      memorySize: 1024,
      timeout: BACKFILL_INVOKE.timeout,
      logRetention: props.logRetention,
      environment: { IAMLP_URL_SUFFIX: Stack.of(this).urlSuffix },
    }).usePutRecords('IAMLP_STREAM_NAME', props.stream);
    this.handler.function.configureAsyncInvoke({
      retryAttempts: BACKFILL_INVOKE.retryAttempts,
      maxEventAge: BACKFILL_INVOKE.maxEventAge,
      onFailure: new SqsDestination(this.failures),
    });
    const { prefix } = this;
    this.handler.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadLogFiles',
        actions: ['s3:GetObject'],
        resources: [`arn:${Stack.of(this).partition}:s3:::${props.bucketName}/${prefix}*`],
      }),
    );
    new events.Rule(this, 'ObjectCreated', {
      description: 'CloudTrail log files created in the backfill bucket',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.bucketName] },
          ...(prefix === '' ? {} : { object: { key: [{ prefix }] } }),
        },
      },
      targets: [
        new targets.LambdaFunction(this.handler.function, {
          deadLetterQueue: this.failures,
          maxEventAge: BACKFILL_INVOKE.maxEventAge,
          retryAttempts: 2,
        }),
      ],
    });
  }
}
