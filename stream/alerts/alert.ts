import { createHash } from 'node:crypto';
import type { RiskCategory, RiskSeverity } from '../../core/risk/index.js';

/**
 * What an alert is about: the first successful use of a high-risk action by a principal, or the first denied
 * attempt at one. Denied attempts are their own kind (own gate, own detail-type) rather than a field of the
 * first-use alert, so that an attempt that keeps failing is reported once and a later success still alerts.
 */
export const ALERT_KINDS = ['first-use', 'denied'] as const;

/** One of {@link ALERT_KINDS}. */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** EventBridge `detail-type` of each kind; rules on the alert bus match on it. */
export const ALERT_DETAIL_TYPES: Readonly<Record<AlertKind, string>> = {
  'first-use': 'iamlp.HighRiskActionFirstSeen',
  denied: 'iamlp.HighRiskActionDenied',
};

/** EventBridge `source` of every alert. */
export const ALERT_SOURCE = 'iamlp';

/**
 * One alert. Its content is fixed when its gate is created (see DynamoAlertGate): every publication of an alert,
 * including re-publications after a crash, carries exactly these fields, so sinks can store it by `id`.
 */
export interface Alert {
  /** Stable across retries and consumers: derived from kind, principal and action only. */
  readonly id: string;
  readonly kind: AlertKind;
  /** Principal ARN (sessions folded into their role). */
  readonly principal: string;
  readonly action: string;
  readonly category: RiskCategory;
  readonly severity: RiskSeverity;
  readonly reason: string;
  /** First resource the call used the action on (`*` when none or unknown). */
  readonly resource: string;
  /** CloudTrail eventID of the call that raised the alert. */
  readonly eventId: string;
  /** Event time of that call, epoch ms. */
  readonly eventTime: number;
  readonly eventName: string;
  readonly region: string;
  /** Authorization error code of a denied attempt. */
  readonly errorCode?: string;
  /** When the consumer created the alert's gate, epoch ms. */
  readonly detectedAt: number;
}

/** An alert as detected from a batch, before a gate gives it a detection time. */
export type AlertDraft = Omit<Alert, 'detectedAt'>;

/** The stable id of the alert of a (kind, principal, action): 32 hex digits of a SHA-256. */
export function alertIdOf(kind: AlertKind, principal: string, action: string): string {
  return createHash('sha256').update(`${kind}\u0000${principal}\u0000${action}`).digest('hex').slice(0, 32);
}

/** The JSON document sinks publish (EventBridge `Detail`, webhook `detail`); field names follow CloudTrail's. */
export function alertDetail(alert: Alert): Record<string, string> {
  return {
    alertId: alert.id,
    kind: alert.kind,
    principal: alert.principal,
    action: alert.action,
    category: alert.category,
    severity: alert.severity,
    reason: alert.reason,
    resource: alert.resource,
    eventID: alert.eventId,
    eventTime: new Date(alert.eventTime).toISOString(),
    eventName: alert.eventName,
    awsRegion: alert.region,
    ...(alert.errorCode === undefined ? {} : { errorCode: alert.errorCode }),
    detectedAt: new Date(alert.detectedAt).toISOString(),
  };
}
