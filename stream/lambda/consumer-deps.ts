import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type AlertSink,
  DynamoAlertGate,
  DynamoAlertSink,
  EventBridgeAlertSink,
  type PutEventsClient,
} from '../alerts/index.js';
import { type ConsumerDeps, DynamoQuarantineSink } from '../consumer/index.js';
import { DynamoDedupeWindow } from '../dedupe/dynamo-dedupe-window.js';
import { DynamoUsageStore } from '../store/index.js';
import type { ConsumerConfig } from './consumer-config.js';
import { FanOutAlertSink } from './fan-out-alert-sink.js';

/** The clients the deployed consumer talks to. */
export interface ConsumerClients {
  readonly dynamodb: DynamoDBClient;
  /** Needed only when the configuration names an alert bus. */
  readonly eventbridge?: PutEventsClient;
}

/**
 * The consumer's ports as deployed: the usage store, the redelivery window and quarantine in the state table, and
 * alerts gated in the state table, stored there for the API and, when a bus is configured, put on it.
 */
export function buildConsumerDeps(
  config: ConsumerConfig,
  clients: ConsumerClients,
  log: (line: Record<string, unknown>) => void,
): ConsumerDeps {
  const { dynamodb } = clients;
  const sinks: AlertSink[] = [new DynamoAlertSink({ client: dynamodb, tableName: config.stateTable, log })];
  if (config.alertBus !== undefined) {
    if (clients.eventbridge === undefined)
      throw new Error('an alert bus is configured but no EventBridge client');
    sinks.push(new EventBridgeAlertSink({ client: clients.eventbridge, eventBusName: config.alertBus }));
  }
  return {
    store: new DynamoUsageStore({ client: dynamodb, tables: { usage: config.usageTable } }),
    window: new DynamoDedupeWindow({ client: dynamodb, tableName: config.stateTable }),
    quarantine: new DynamoQuarantineSink(dynamodb, config.stateTable),
    alerts: new DynamoAlertGate({
      client: dynamodb,
      tableName: config.stateTable,
      sink: sinks.length === 1 ? (sinks[0] as AlertSink) : new FanOutAlertSink(sinks),
    }),
    log,
  };
}
