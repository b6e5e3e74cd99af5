import { ALERT_DETAIL_TYPES, ALERT_SOURCE, type Alert, alertDetail } from './alert.js';

/** Where and how to POST alerts. */
export interface WebhookTarget {
  readonly url: string;
  /** Default 3 s: a slow receiver must not hold up the stream. */
  readonly timeoutMs?: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

const DEFAULT_TIMEOUT_MS = 3_000;

/**
 * POSTs an alert as an EventBridge-shaped JSON event (`source`, `detail-type`, `detail`), so one parser serves
 * the bus and the webhook. Best effort by design: a failure is logged and swallowed, never retried, because the
 * alert is already stored; the receiver may see an alert twice after a crash and can dedupe on `detail.alertId`.
 */
export async function postWebhook(alert: Alert, target: WebhookTarget): Promise<boolean> {
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: alert.id,
        source: ALERT_SOURCE,
        'detail-type': ALERT_DETAIL_TYPES[alert.kind],
        detail: alertDetail(alert),
      }),
      signal: AbortSignal.timeout(target.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      redirect: 'error',
    });
    // Drain the body so the connection can be reused or closed.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return true;
    target.log?.({ msg: 'alert webhook refused', alertId: alert.id, status: response.status });
  } catch (error) {
    // Only the error's name: its message may contain the URL, which can hold a secret token.
    target.log?.({ msg: 'alert webhook failed', alertId: alert.id, error: (error as Error).name });
  }
  return false;
}
