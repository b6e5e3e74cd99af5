import type { Alert } from '../../stream/alerts/index.js';
import { alertSortKey } from '../../stream/alerts/index.js';
import type { AlertItem, AlertsQuery, AlertsResponse } from '../contract.js';
import { pageByKey } from './paging.js';
import { iso, parseTime } from './time.js';

/** The /alerts body: alerts newest first, optionally since a time and of one principal. */
export function alertsView(alerts: readonly Alert[], query: AlertsQuery): AlertsResponse {
  const since = query.since === undefined ? undefined : parseTime(query.since, 'start');
  const selected = alerts.filter(
    (a) =>
      (since === undefined || a.eventTime >= since) &&
      (query.principal === undefined || a.principal === query.principal),
  );
  const page = pageByKey(selected, alertSortKey, query.limit, query.cursor);
  return { items: page.items.map(alertItem), nextCursor: page.nextCursor };
}

function alertItem(alert: Alert): AlertItem {
  return {
    id: alert.id,
    kind: alert.kind,
    principal: alert.principal,
    action: alert.action,
    category: alert.category,
    severity: alert.severity,
    reason: alert.reason,
    resource: alert.resource,
    eventId: alert.eventId,
    eventTime: iso(alert.eventTime),
    eventName: alert.eventName,
    region: alert.region,
    ...(alert.errorCode === undefined ? {} : { errorCode: alert.errorCode }),
    detectedAt: iso(alert.detectedAt),
  };
}
