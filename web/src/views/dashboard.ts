/** The dashboard (`#/`): headline stats, principals table and alert feed, polled together every interval. */
import type { ApiResult } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { Poller, type PollOutcome } from '../poller.js';
import { AlertFeed } from './alert-feed.js';
import type { View, ViewContext } from './context.js';
import { PrincipalsPanel } from './principals-table.js';
import { errorState, loadingState } from './states.js';
import { renderStats } from './stats.js';

/** Folds the results of one tick into a poll outcome: any 401 wins, then a network failure or a 5xx. */
export function pollOutcome(results: ApiResult<unknown>[]): PollOutcome {
  if (results.some((result) => result.kind === 'unauthorized')) return 'unauthorized';
  const down = results.some(
    (result) => result.kind === 'unreachable' || (result.kind === 'failed' && result.status >= 500),
  );
  return down ? 'unavailable' : 'ok';
}

/** Mounts the dashboard and starts polling. */
export function dashboardView(context: ViewContext): View {
  const { api, shell } = context;
  const statsSlot = h(
    'section',
    { class: 'stats live-data', 'aria-label': 'Headline numbers', 'data-panel': 'stats' },
    loadingState('Loading headline numbers…'),
  );
  let statsShown: unknown = null;
  const principals = new PrincipalsPanel(() => poller.pollNow());
  const feed = new AlertFeed(8, null, 'High-risk alerts');
  const allAlerts = h('p', { class: 'panel-foot' }, h('a', { href: '#/alerts' }, 'All alerts →'));
  feed.element.append(allAlerts);
  principals.element.classList.add('live-data');
  feed.element.classList.add('live-data');

  const tick = async (): Promise<PollOutcome> => {
    const [stats, list, alerts] = await Promise.all([
      api.stats(),
      api.principals(principals.query()),
      api.alerts({ limit: 50 }),
    ]);
    if (stats.kind === 'ok' && stats.data !== statsShown) {
      statsShown = stats.data;
      replaceChildren(statsSlot, renderStats(stats.data));
    } else if (stats.kind !== 'ok' && stats.kind !== 'unauthorized' && statsShown === null) {
      replaceChildren(statsSlot, errorState(stats));
    }
    principals.update(list);
    feed.update(alerts);
    const outcome = pollOutcome([stats, list, alerts]);
    if (outcome === 'unauthorized' && poller.active) context.unauthorized();
    return outcome;
  };
  const poller = new Poller(tick, context.config.pollIntervalMs, (state) => shell.setConnection(state));
  shell.onRetry(() => poller.pollNow());
  poller.start();

  const element = h(
    'div',
    { class: 'page page-dashboard', 'data-page': 'dashboard' },
    h('h1', { class: 'visually-hidden' }, 'Dashboard'),
    statsSlot,
    h('div', { class: 'columns' }, principals.element, feed.element),
  );
  return { element, dispose: () => poller.stop() };
}
