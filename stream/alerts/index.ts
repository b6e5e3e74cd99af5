// High-risk action alerts: detection over stored calls, the exactly-once DynamoDB gate, and the sinks.
export {
  ALERT_DETAIL_TYPES,
  ALERT_KINDS,
  ALERT_SOURCE,
  type Alert,
  type AlertDraft,
  type AlertKind,
  alertDetail,
  alertIdOf,
} from './alert.js';
export { type AlertCandidate, detectAlerts } from './detect.js';
export {
  type AlertStepResult,
  DynamoAlertGate,
  type DynamoAlertGateOptions,
} from './dynamo-alert-gate.js';
export {
  alertSortKey,
  DynamoAlertSink,
  type DynamoAlertSinkOptions,
  type ListAlertsOptions,
  listAlerts,
} from './dynamo-alert-sink.js';
export { ALERT_ERROR_CODES, AlertError, type AlertErrorCode } from './errors.js';
export {
  EventBridgeAlertSink,
  type EventBridgeAlertSinkOptions,
  entryOf,
  type PutEventsClient,
} from './eventbridge-alert-sink.js';
export { gateKeyOf } from './gate-io.js';
export type { AlertSink } from './ports.js';
export { postWebhook, type WebhookTarget } from './webhook.js';
