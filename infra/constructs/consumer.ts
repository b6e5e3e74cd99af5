import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CONSUMER_MAPPING, CONSUMER_NODE_OPTIONS } from '../stream-settings.js';
import { IamlpFunction } from './iamlp-function.js';

/** Settings of {@link Consumer}. */
export interface ConsumerProps {
  readonly codeDir: string;
  readonly stream: kinesis.Stream;
  readonly usageTable: dynamodb.Table;
  readonly stateTable: dynamodb.Table;
  readonly alertBus: events.EventBus;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The Kinesis consumer Lambda and its event source mapping (every retry setting explicit, TRIM_HORIZON), with an
 * SQS queue receiving the description of each batch given up on.
 */
export class Consumer extends Construct {
  readonly handler: IamlpFunction;
  /** Batches given up on (retries or record age exhausted): their shard and sequence-number range. */
  readonly failedBatches: sqs.Queue;

  constructor(scope: Construct, id: string, props: ConsumerProps) {
    super(scope, id);
    this.handler = new IamlpFunction(this, 'Handler', {
      codeDir: props.codeDir,
      description: 'iamlp stream consumer: CloudTrail events from Kinesis into the usage aggregates',
      memorySize: 1024,
      // A batch of 1,000 takes about a second; the alert gate treats a pending gate as orphaned after 15 minutes.
      timeout: Duration.minutes(5),
      logRetention: props.logRetention,
      environment: { NODE_OPTIONS: CONSUMER_NODE_OPTIONS },
    })
      .useTable('IAMLP_USAGE_TABLE', props.usageTable, 'write', ['byPrincipal'])
      .useTable('IAMLP_STATE_TABLE', props.stateTable, 'write')
      .usePutEvents('IAMLP_ALERT_BUS', props.alertBus);
    this.failedBatches = new sqs.Queue(this, 'FailedBatches', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.handler.function.addEventSource(
      new KinesisEventSource(props.stream, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        ...CONSUMER_MAPPING,
        onFailure: new SqsDlq(this.failedBatches),
      }),
    );
  }
}
