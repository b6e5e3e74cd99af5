/** The dashboard's headline numbers from GET /stats. */
import type { StatsResponse } from '../../../api/contract.js';
import { sparkline } from '../charts.js';
import { type Child, h } from '../dom.js';
import { formatCompact, formatCount, formatDuration } from '../format.js';
import { agoElement } from './context.js';
import { emptyState } from './states.js';

function tile(label: string, value: Child, detail: Child, name: string, tone = ''): HTMLElement {
  return h(
    'div',
    { class: `tile ${tone}`.trim(), 'data-stat': name },
    h('dt', { class: 'tile-label' }, label),
    h('dd', { class: 'tile-value' }, value),
    h('dd', { class: 'tile-detail' }, detail),
  );
}

function percent(part: number, whole: number): string {
  if (whole === 0) return 'none yet';
  const value = (part / whole) * 100;
  return `${value < 0.1 && part > 0 ? '<0.1' : value.toFixed(1)}% of events`;
}

function rateTile(stats: StatsResponse): HTMLElement {
  const values = stats.eventsPerMinute.map((minute) => minute.events);
  const latest = values[values.length - 1] ?? 0;
  const peak = Math.max(0, ...values);
  const label = `Events per minute over the last hour, peak ${formatCount(peak)}`;
  return h(
    'div',
    { class: 'tile tile-wide', 'data-stat': 'rate' },
    h('dt', { class: 'tile-label' }, 'Events / minute'),
    h('dd', { class: 'tile-value' }, formatCount(latest)),
    h('dd', { class: 'tile-chart' }, sparkline(values, label)),
    h('dd', { class: 'tile-detail' }, `last hour · peak ${formatCount(peak)}`),
  );
}

/** Renders the stats tiles, or the "no events yet" explanation when the store is empty. */
export function renderStats(stats: StatsResponse): HTMLElement {
  const { totals } = stats;
  const lag = stats.pipelineLagMs;
  const tiles = h(
    'dl',
    { class: 'tiles' },
    tile('Events', formatCompact(totals.events), `${formatCount(totals.success)} successful`, 'events'),
    tile(
      'Principals',
      formatCount(totals.principals),
      `${formatCount(totals.crossAccount)} cross-account events`,
      'principals',
    ),
    tile(
      'Denied',
      formatCompact(totals.denied),
      percent(totals.denied, totals.events),
      'denied',
      totals.denied > 0 ? 'tone-danger' : '',
    ),
    tile(
      'Quarantined',
      formatCount(stats.quarantined.total),
      stats.quarantined.total === 0 ? 'all records parsed' : 'records that could not be parsed',
      'quarantined',
      stats.quarantined.total > 0 ? 'tone-warn' : '',
    ),
    tile(
      'Pipeline lag',
      lag === null ? '—' : formatDuration(lag),
      lag === null ? 'no batch stored yet' : 'Kinesis → store, last batch',
      'lag',
    ),
    tile(
      'Last event',
      stats.lastEventTime === null ? '—' : agoElement(stats.lastEventTime),
      stats.lastEventTime === null
        ? 'no events yet'
        : h('span', {}, 'figures read ', agoElement(stats.generatedAt)),
      'last-event',
    ),
    rateTile(stats),
  );
  if (totals.events > 0) return tiles;
  const empty = emptyState(
    'No events yet',
    h(
      'p',
      {},
      h('code', {}, 'npm start'),
      ' replays the bundled CloudTrail fixtures into the local stream; events, principals and alerts appear here within a few seconds. ',
      'Against a deployed stack, events arrive as CloudTrail delivers them (usually within 5 minutes).',
    ),
  );
  empty.dataset.state = 'empty';
  return h('div', {}, empty, tiles);
}
