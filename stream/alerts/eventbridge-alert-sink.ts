import {
  PutEventsCommand,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { ALERT_DETAIL_TYPES, ALERT_SOURCE, type Alert, alertDetail } from './alert.js';
import { AlertError, toAlertError } from './errors.js';
import type { AlertSink } from './ports.js';

/** The one request the sink makes; an `EventBridgeClient` is one, and tests pass a double. */
export interface PutEventsClient {
  send(command: PutEventsCommand): Promise<PutEventsCommandOutput>;
}

/** Settings of {@link EventBridgeAlertSink}. */
export interface EventBridgeAlertSinkOptions {
  readonly client: PutEventsClient;
  /** Name or ARN of the alert bus. */
  readonly eventBusName: string;
}

/**
 * Entry error codes that a retry does not fix; any other failed entry (InternalFailure, ThrottlingException, …)
 * is retried with the batch.
 */
const PERMANENT_ENTRY_ERRORS = new Set([
  'MalformedDetail',
  'InvalidArgument',
  'AccessDeniedException',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);

/**
 * Publishes alerts to an EventBridge bus (`source = iamlp`, detail-type per kind). EventBridge has no
 * idempotency key, so after a crash an alert may be published twice, with the same `detail.alertId`: rules and
 * targets dedupe on it. PutEvents reports rejected entries in its response, not as an error; they throw here.
 */
export class EventBridgeAlertSink implements AlertSink {
  constructor(private readonly options: EventBridgeAlertSinkOptions) {}

  async publish(alert: Alert): Promise<void> {
    const command = new PutEventsCommand({ Entries: [entryOf(alert, this.options.eventBusName)] });
    let result: PutEventsCommandOutput;
    try {
      result = await this.options.client.send(command);
    } catch (error) {
      throw toAlertError(error, 'PutEvents alert');
    }
    const entry = result.Entries?.[0];
    if ((result.FailedEntryCount ?? 0) === 0 && entry?.EventId !== undefined) return;
    const code = entry?.ErrorCode ?? 'NoEventId';
    throw new AlertError(
      PERMANENT_ENTRY_ERRORS.has(code) ? 'REJECTED' : 'PUBLISH_FAILED',
      `PutEvents did not accept alert ${alert.id}: ${code}`,
    );
  }
}

/** The PutEvents entry of an alert; its content depends on the alert only, so re-publications are identical. */
export function entryOf(alert: Alert, eventBusName: string): PutEventsRequestEntry {
  // Only ARNs may go in Resources; `*` and unresolved names stay in the detail.
  const resources = [alert.principal, alert.resource].filter((r) => r.startsWith('arn:'));
  return {
    EventBusName: eventBusName,
    Source: ALERT_SOURCE,
    DetailType: ALERT_DETAIL_TYPES[alert.kind],
    Detail: JSON.stringify(alertDetail(alert)),
    Time: new Date(alert.eventTime),
    ...(resources.length > 0 ? { Resources: [...new Set(resources)] } : {}),
  };
}
