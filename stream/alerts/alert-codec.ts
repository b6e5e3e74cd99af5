import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  RISK_CATEGORIES,
  RISK_SEVERITIES,
  type RiskCategory,
  type RiskSeverity,
} from '../../core/risk/index.js';
import { ALERT_KINDS, type Alert, type AlertKind } from './alert.js';

/** DynamoDB attributes of an item. */
export type Attributes = Record<string, AttributeValue>;

/** The alert's fields as DynamoDB attributes (no keys): the same encoding in gates and in the local sink. */
export function encodeAlert(alert: Alert): Attributes {
  return {
    id: { S: alert.id },
    kind: { S: alert.kind },
    principal: { S: alert.principal },
    action: { S: alert.action },
    category: { S: alert.category },
    severity: { S: alert.severity },
    reason: { S: alert.reason },
    resource: { S: alert.resource },
    eventId: { S: alert.eventId },
    eventTime: { N: String(alert.eventTime) },
    eventName: { S: alert.eventName },
    region: { S: alert.region },
    ...(alert.errorCode === undefined ? {} : { errorCode: { S: alert.errorCode } }),
    detectedAt: { N: String(alert.detectedAt) },
  };
}

/** Reads an alert back from an item written by {@link encodeAlert}; undefined when the item is not one. */
export function decodeAlert(item: Attributes): Alert | undefined {
  const kind = oneOf(item.kind?.S, ALERT_KINDS);
  const category = oneOf(item.category?.S, RISK_CATEGORIES);
  const severity = oneOf(item.severity?.S, RISK_SEVERITIES);
  const eventTime = Number(item.eventTime?.N);
  const detectedAt = Number(item.detectedAt?.N);
  const text = ['id', 'principal', 'action', 'reason', 'resource', 'eventId', 'eventName', 'region'] as const;
  const strings = text.map((name) => item[name]?.S);
  if (kind === undefined || category === undefined || severity === undefined) return undefined;
  if (!Number.isFinite(eventTime) || !Number.isFinite(detectedAt)) return undefined;
  if (strings.some((s) => s === undefined)) return undefined;
  const [id, principal, action, reason, resource, eventId, eventName, region] = strings as string[];
  return {
    id: id as string,
    kind: kind satisfies AlertKind,
    principal: principal as string,
    action: action as string,
    category: category satisfies RiskCategory,
    severity: severity satisfies RiskSeverity,
    reason: reason as string,
    resource: resource as string,
    eventId: eventId as string,
    eventTime,
    eventName: eventName as string,
    region: region as string,
    ...(item.errorCode?.S === undefined ? {} : { errorCode: item.errorCode.S }),
    detectedAt,
  };
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}
