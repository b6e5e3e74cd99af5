import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { createAccessLogBucket } from './constructs/access-logs.js';
import { Alarms } from './constructs/alarms.js';
import { Api } from './constructs/api.js';
import { Backfill, type BackfillSource } from './constructs/backfill.js';
import { Consumer } from './constructs/consumer.js';
import { type DataEventSources, Ingestion } from './constructs/ingestion.js';
import { Tables } from './constructs/tables.js';
import { Web } from './constructs/web.js';
import { acknowledgeJustifiedFindings } from './nag-suppressions.js';

/** Directories of the bundled Lambdas (dist/lambda/<name>); without `api`, the stack has no API. */
export interface LambdaCode {
  readonly consumer: string;
  readonly backfill: string;
  readonly api?: string;
}

/** Parameters of the iamlp deployment. */
export interface IamlpStackProps extends StackProps {
  readonly lambdaCode: LambdaCode;
  /** The built UI (dist/web); absent, only `config.json` is uploaded. */
  readonly webAssetDir?: string;
  /** Kinesis shards (default 1: 1,000 events/s). */
  readonly shards?: number;
  /** AWS Organizations id: adds a bus member accounts forward their CloudTrail events to. */
  readonly organizationId?: string;
  /** Resources whose data events a trail logs into the stream. */
  readonly dataEvents?: DataEventSources;
  /** A bucket whose new CloudTrail log files are replayed into the stream. */
  readonly backfill?: BackfillSource;
  /** DynamoDB deletion protection, and RETAIN for the tables on stack deletion (default true). */
  readonly deletionProtection?: boolean;
  /** Retention of every log group (default one month). */
  readonly logRetention?: logs.RetentionDays;
  /** SNS topic the alarms notify. */
  readonly alarmTopicArn?: string;
  /** Consumer iterator age, in ms, that raises the lag alarm (default 5 minutes). */
  readonly maxIteratorAgeMs?: number;
}

/**
 * The whole iamlp deployment: CloudTrail ingestion into Kinesis, the consumer writing DynamoDB, the alert bus, the
 * IAM-authorized API, the UI on CloudFront, alarms, and optionally organization-wide ingestion, a data-event trail
 * and S3 backfill.
 */
export class IamlpStack extends Stack {
  readonly ingestion: Ingestion;
  readonly tables: Tables;
  readonly alertBus: events.EventBus;
  readonly consumer: Consumer;
  readonly api: Api | undefined;
  readonly web: Web;
  readonly backfill: Backfill | undefined;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: IamlpStackProps) {
    super(scope, id, props);
    const deletionProtection = props.deletionProtection ?? true;
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    const logBucket = createAccessLogBucket(this, 'AccessLogs');
    this.ingestion = new Ingestion(this, 'Ingestion', {
      shards: props.shards ?? 1,
      logBucket,
      ...(props.organizationId === undefined ? {} : { organizationId: props.organizationId }),
      ...(props.dataEvents === undefined ? {} : { dataEvents: props.dataEvents }),
    });
    this.tables = new Tables(this, 'Tables', { deletionProtection });
    this.alertBus = new events.EventBus(this, 'AlertBus', {
      description:
        'iamlp alerts: first use of a high-risk action (detail-type iamlp.HighRiskActionFirstSeen, …)',
    });
    this.consumer = new Consumer(this, 'Consumer', {
      codeDir: props.lambdaCode.consumer,
      stream: this.ingestion.stream,
      usageTable: this.tables.usage,
      stateTable: this.tables.state,
      alertBus: this.alertBus,
      logRetention,
    });
    this.web = new Web(this, 'Web', { logBucket });
    const apiCode = props.lambdaCode.api;
    this.api =
      apiCode === undefined
        ? undefined
        : new Api(this, 'Api', {
            codeDir: apiCode,
            usageTable: this.tables.usage,
            stateTable: this.tables.state,
            corsOrigin: this.web.origin,
            logRetention,
          });
    this.web.deploy(props.webAssetDir, this.api?.url ?? '', logRetention);
    this.backfill =
      props.backfill === undefined
        ? undefined
        : new Backfill(this, 'Backfill', {
            ...props.backfill,
            codeDir: props.lambdaCode.backfill,
            stream: this.ingestion.stream,
            logRetention,
          });
    this.alarms = new Alarms(this, 'Alarms', {
      consumer: this.consumer.handler.function,
      maxIteratorAgeMs: props.maxIteratorAgeMs ?? 5 * 60 * 1000,
      functions: {
        Consumer: this.consumer.handler.function,
        ...(this.api ? { Api: this.api.handler.function } : {}),
        ...(this.backfill ? { Backfill: this.backfill.handler.function } : {}),
      },
      queues: {
        IngestDeadLetters: this.ingestion.deadLetterQueue,
        ConsumerFailedBatches: this.consumer.failedBatches,
        ...(this.backfill ? { BackfillFailures: this.backfill.failures } : {}),
      },
      ...(props.alarmTopicArn === undefined ? {} : { topicArn: props.alarmTopicArn }),
    });
    this.outputs();
    acknowledgeJustifiedFindings(this);
  }

  private outputs(): void {
    new CfnOutput(this, 'UiUrl', { value: this.web.origin });
    if (this.api) new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'StreamName', { value: this.ingestion.stream.streamName });
    new CfnOutput(this, 'UsageTableName', { value: this.tables.usage.tableName });
    new CfnOutput(this, 'StateTableName', { value: this.tables.state.tableName });
    new CfnOutput(this, 'AlertBusName', { value: this.alertBus.eventBusName });
    if (this.ingestion.organizationBus)
      new CfnOutput(this, 'OrganizationBusArn', { value: this.ingestion.organizationBus.eventBusArn });
  }
}
