/** The alerts page (`#/alerts`): the full feed, polled for new alerts, with older pages on demand. */
import { h } from '../dom.js';
import { Poller, type PollOutcome } from '../poller.js';
import { AlertFeed } from './alert-feed.js';
import type { View, ViewContext } from './context.js';
import { pollOutcome } from './dashboard.js';

const PAGE = 100;

/** Mounts the alerts page and starts polling its first page. */
export function alertsView(context: ViewContext): View {
  const { api, shell } = context;
  const feed = new AlertFeed(PAGE, (cursor) => api.alerts({ limit: PAGE, cursor }), 'All high-risk alerts');
  feed.element.classList.add('live-data');
  const tick = async (): Promise<PollOutcome> => {
    const result = await api.alerts({ limit: PAGE });
    feed.update(result);
    if (result.kind === 'unauthorized') {
      if (poller.active) context.unauthorized();
      return 'unauthorized';
    }
    return pollOutcome([result]);
  };
  const poller = new Poller(tick, context.config.pollIntervalMs, (state) => shell.setConnection(state));
  shell.onRetry(() => poller.pollNow());
  poller.start();
  const element = h(
    'div',
    { class: 'page page-alerts', 'data-page': 'alerts' },
    h('h1', { class: 'page-title' }, 'Alerts'),
    h(
      'p',
      { class: 'lede' },
      'First uses of high-risk actions and denied high-risk calls, newest first. New ones are marked until you mark them seen.',
    ),
    feed.element,
  );
  return { element, dispose: () => poller.stop() };
}
