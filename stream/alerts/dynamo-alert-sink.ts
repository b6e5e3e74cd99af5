import {
  type AttributeValue,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { Alert } from './alert.js';
import { decodeAlert, encodeAlert } from './alert-codec.js';
import { AlertError, toAlertError } from './errors.js';
import type { AlertSink } from './ports.js';
import { postWebhook } from './webhook.js';

/** Settings of {@link DynamoAlertSink}. */
export interface DynamoAlertSinkOptions {
  readonly client: DynamoDBClient;
  /** The shared state table (pk + sk strings). */
  readonly tableName: string;
  /** Also POST each alert here (best effort, see postWebhook). */
  readonly webhookUrl?: string;
  readonly webhookTimeoutMs?: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

/** Partition of stored alerts: one, because alerts are rare (at most one per principal × high-risk action). */
const ALERT_PK = 'ALERT';

/**
 * The local alert sink: stores each alert in the state table under `pk = ALERT`, `sk = <eventTime ISO>#<id>`, so
 * the API can page alerts by time. The key depends on the alert's content only, and a re-publication carries the
 * identical alert, so storing it again overwrites it with itself: exactly one stored alert per id.
 */
export class DynamoAlertSink implements AlertSink {
  constructor(private readonly options: DynamoAlertSinkOptions) {}

  async publish(alert: Alert): Promise<void> {
    try {
      await this.options.client.send(
        new PutItemCommand({
          TableName: this.options.tableName,
          Item: { pk: { S: ALERT_PK }, sk: { S: alertSortKey(alert) }, ...encodeAlert(alert) },
        }),
      );
    } catch (error) {
      throw toAlertError(error, 'PutItem alert');
    }
    const { webhookUrl, webhookTimeoutMs, log } = this.options;
    if (webhookUrl === undefined) return;
    await postWebhook(alert, {
      url: webhookUrl,
      ...(webhookTimeoutMs === undefined ? {} : { timeoutMs: webhookTimeoutMs }),
      ...(log === undefined ? {} : { log }),
    });
  }
}

/** Sort key of a stored alert: ISO event time first, so a Query by `sk >=` pages alerts since a time. */
export function alertSortKey(alert: Pick<Alert, 'eventTime' | 'id'>): string {
  return `${new Date(alert.eventTime).toISOString()}#${alert.id}`;
}

/** Which stored alerts to read. */
export interface ListAlertsOptions {
  /** Only alerts whose event time is at or after this (epoch ms). */
  readonly since?: number;
  /** At most this many (default 1,000). */
  readonly limit?: number;
  /** Newest first (default: oldest first). */
  readonly newestFirst?: boolean;
}

/** Reads alerts stored by {@link DynamoAlertSink}, ordered by event time then id (or the reverse). */
export async function listAlerts(
  client: DynamoDBClient,
  tableName: string,
  options: ListAlertsOptions = {},
): Promise<Alert[]> {
  const limit = options.limit ?? 1000;
  const alerts: Alert[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client
      .send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk >= :since',
          ExpressionAttributeValues: {
            ':pk': { S: ALERT_PK },
            ':since': { S: new Date(options.since ?? 0).toISOString() },
          },
          Limit: limit - alerts.length,
          ScanIndexForward: options.newestFirst !== true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      )
      .catch((error: unknown) => Promise.reject(toAlertError(error, 'Query alerts')));
    for (const item of page.Items ?? []) {
      const alert = decodeAlert(item);
      if (alert === undefined) throw new AlertError('CORRUPT_ITEM', 'a stored alert does not decode');
      alerts.push(alert);
    }
    start = page.LastEvaluatedKey;
  } while (start && alerts.length < limit);
  return alerts;
}
