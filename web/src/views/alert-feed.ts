/** The high-risk alert feed (GET /alerts): newest first, alerts that arrived since the page loaded marked new. */
import type { AlertItem, AlertsResponse } from '../../../api/contract.js';
import type { ApiResult } from '../api.js';
import { h, principalHref, replaceChildren } from '../dom.js';
import { formatCount, shortName } from '../format.js';
import { agoElement } from './context.js';
import { emptyState, errorState, loadingState } from './states.js';

/** Alert ids seen in this tab; kept across page changes so coming back to the dashboard does not re-mark them new. */
const memory = { baseline: false, seen: new Set<string>(), fresh: new Set<string>() };

/** Maps a severity to one of a fixed set of CSS classes; the data itself never becomes a class name. */
function severityClass(severity: string): string {
  const known: Record<string, string> = {
    critical: 'sev-critical',
    high: 'sev-high',
    medium: 'sev-medium',
    low: 'sev-low',
  };
  return known[severity.toLowerCase()] ?? 'sev-other';
}

function newestFirst(a: AlertItem, b: AlertItem): number {
  return b.detectedAt.localeCompare(a.detectedAt) || b.eventTime.localeCompare(a.eventTime);
}

function alertItem(alert: AlertItem): HTMLLIElement {
  const isNew = memory.fresh.has(alert.id);
  return h(
    'li',
    { class: isNew ? 'alert alert-new' : 'alert', 'data-alert-id': alert.id, 'data-new': isNew },
    h(
      'div',
      { class: 'alert-head' },
      h('span', { class: `badge ${severityClass(alert.severity)}` }, alert.severity),
      h('span', { class: 'badge badge-quiet' }, alert.kind === 'denied' ? 'Denied' : 'First use'),
      isNew && h('span', { class: 'badge badge-new' }, 'New'),
      h('code', { class: 'alert-action' }, alert.action),
    ),
    h('p', { class: 'alert-reason' }, alert.reason),
    h(
      'p',
      { class: 'alert-meta' },
      h('a', { href: principalHref(alert.principal), title: alert.principal }, shortName(alert.principal)),
      h('span', { class: 'muted' }, agoElement(alert.eventTime)),
      alert.resource !== '' && h('span', { class: 'arn' }, alert.resource),
      h('span', { class: 'muted' }, `${alert.category} · ${alert.region}`),
      alert.errorCode !== undefined && h('span', { class: 'badge badge-warn' }, alert.errorCode),
    ),
  );
}

/** The feed panel: shows up to `limit` alerts, or every alert plus older pages on demand when `loadOlder` is given. */
export class AlertFeed {
  readonly element: HTMLElement;
  readonly #list = h('div', { class: 'alert-list' }, loadingState('Loading alerts…'));
  readonly #newCount = h('span', { class: 'pill pill-accent', hidden: true, 'data-new-count': true });
  readonly #markSeen = h(
    'button',
    { type: 'button', class: 'button button-small', hidden: true },
    'Mark all seen',
  );
  readonly #older: AlertItem[] = [];
  #latest: AlertsResponse | null = null;
  #olderCursor: string | null = null;

  constructor(
    readonly limit: number,
    private readonly loadOlder: ((cursor: string) => Promise<ApiResult<AlertsResponse>>) | null,
    title: string,
  ) {
    this.#markSeen.addEventListener('click', () => {
      memory.fresh.clear();
      this.#render();
    });
    this.element = h(
      'section',
      { class: 'panel', 'aria-labelledby': 'alerts-title', 'data-panel': 'alerts' },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: 'alerts-title' }, title, ' ', this.#newCount),
        this.#markSeen,
      ),
      this.#list,
    );
  }

  /** Takes one poll's result; ids not seen before (after the first load) are marked new. */
  update(result: ApiResult<AlertsResponse>): void {
    if (result.kind !== 'ok') {
      if (this.#latest === null) replaceChildren(this.#list, errorState(result));
      return;
    }
    if (!result.fresh && this.#latest === result.data) return;
    this.#latest = result.data;
    if (this.#olderCursor === null && this.#older.length === 0) this.#olderCursor = result.data.nextCursor;
    for (const alert of result.data.items) {
      if (memory.seen.has(alert.id)) continue;
      memory.seen.add(alert.id);
      if (memory.baseline) memory.fresh.add(alert.id);
    }
    memory.baseline = true;
    this.#render();
  }

  #render(): void {
    const byId = new Map<string, AlertItem>();
    for (const alert of [...this.#older, ...(this.#latest?.items ?? [])]) byId.set(alert.id, alert);
    const alerts = [...byId.values()].sort(newestFirst);
    const freshCount = alerts.filter((alert) => memory.fresh.has(alert.id)).length;
    this.#newCount.hidden = freshCount === 0;
    this.#markSeen.hidden = freshCount === 0;
    this.#newCount.textContent = `${formatCount(freshCount)} new`;
    if (alerts.length === 0) {
      replaceChildren(
        this.#list,
        emptyState(
          'No high-risk alerts',
          h('p', {}, 'Alerts appear here when a principal first uses a high-risk action or is denied one.'),
        ),
      );
      return;
    }
    const shown = this.loadOlder === null ? alerts.slice(0, this.limit) : alerts;
    const more = this.#moreButton();
    replaceChildren(this.#list, h('ol', { class: 'alerts' }, ...shown.map(alertItem)), more);
  }

  #moreButton(): HTMLElement | null {
    const cursor = this.#olderCursor;
    if (this.loadOlder === null || cursor === null) return null;
    const button = h('button', { type: 'button', class: 'button button-small' }, 'Load older alerts');
    const load = this.loadOlder;
    button.addEventListener('click', async () => {
      button.disabled = true;
      const result = await load(cursor);
      if (result.kind !== 'ok') {
        button.replaceWith(errorState(result));
        return;
      }
      this.#older.push(...result.data.items);
      for (const alert of result.data.items) memory.seen.add(alert.id);
      this.#olderCursor = result.data.nextCursor;
      this.#render();
    });
    return h('div', { class: 'more' }, button);
  }
}
