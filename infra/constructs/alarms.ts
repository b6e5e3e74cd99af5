import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** What {@link Alarms} watches. */
export interface AlarmsProps {
  /** The Kinesis consumer: its iterator age says how far behind the stream it is. */
  readonly consumer: lambda.IFunction;
  /** Every function whose errors should page someone. */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  /** Queues that hold what was given up on: any message in them is data the aggregates miss. */
  readonly queues: Readonly<Record<string, sqs.IQueue>>;
  /** Iterator age (ms) past which the consumer is considered behind. */
  readonly maxIteratorAgeMs: number;
  /** SNS topic notified when an alarm fires; absent, alarms only show in CloudWatch. */
  readonly topicArn?: string;
}

/** CloudWatch alarms on consumer lag, dead-letter/failed-batch queue depth and Lambda errors. */
export class Alarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const topic =
      props.topicArn === undefined ? undefined : sns.Topic.fromTopicArn(this, 'Topic', props.topicArn);
    const add = (
      name: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      periods: number,
      what: string,
    ) => {
      const alarm = new cloudwatch.Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: what,
      });
      if (topic !== undefined) alarm.addAlarmAction(new actions.SnsAction(topic));
      this.alarms.push(alarm);
    };
    add(
      'ConsumerIteratorAge',
      props.consumer.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
      props.maxIteratorAgeMs,
      5,
      'The consumer is behind the stream: records wait longer than the threshold before being processed.',
    );
    for (const [name, queue] of Object.entries(props.queues)) {
      add(
        `${name}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
        1,
        1,
        `${name}: events or batches were given up on; the aggregates miss them until they are replayed.`,
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      add(
        `${name}Errors`,
        fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
        1,
        1,
        `${name}: invocations failed.`,
      );
    }
  }
}
