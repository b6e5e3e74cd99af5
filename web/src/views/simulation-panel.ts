/**
 * The principal page's simulation panel (POST /simulate): the drafted policy replayed against the recorded calls
 * and compared with what the principal is granted — the four metrics of `iamlp simulate`'s diff.md.
 */
import type { SimulateResponse } from '../../../api/contract.js';
import { h } from '../dom.js';
import { formatCount, plural } from '../format.js';

const REGRESSIONS_SHOWN = 10;

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

function metric(
  name: string,
  label: string,
  before: string | null,
  after: string,
  detail: string,
): HTMLElement {
  return h(
    'div',
    { class: 'metric', 'data-metric': name },
    h('dt', {}, label),
    h(
      'dd',
      {},
      before === null ? '' : h('span', { class: 'metric-before' }, before),
      before === null ? '' : h('span', { class: 'metric-arrow', 'aria-label': 'becomes' }, ' → '),
      h('span', { class: 'metric-after' }, after),
    ),
    h('p', { class: 'muted metric-detail' }, detail),
  );
}

function regressionsBlock(data: SimulateResponse): HTMLElement {
  if (data.regressionCount === 0)
    return h(
      'p',
      { class: 'note note-ok', 'data-regressions': '0' },
      'No regression: every recorded successful call stays allowed.',
    );
  return h(
    'div',
    { class: 'note note-danger', 'data-regressions': String(data.regressionCount) },
    h(
      'h4',
      {},
      `${plural(data.regressionCount, 'regression')}: recorded successful calls the proposal would deny`,
    ),
    h(
      'ul',
      {},
      ...data.regressions
        .slice(0, REGRESSIONS_SHOWN)
        .map((r) =>
          h(
            'li',
            {},
            h('code', {}, r.action),
            ' on ',
            h('code', { class: 'arn' }, r.resource),
            ` (${plural(r.calls, 'call')}): ${r.reason}`,
          ),
        ),
    ),
    data.regressionCount > REGRESSIONS_SHOWN &&
      h('p', { class: 'muted' }, `… and ${data.regressionCount - REGRESSIONS_SHOWN} more`),
  );
}

function highRiskTable(data: SimulateResponse): HTMLElement {
  const rows = data.metrics.highRiskReductions.filter((r) => (r.before ?? 0) > 0 || r.after > 0);
  if (rows.length === 0) return h('p', { class: 'muted' }, 'No high-risk action allowed before or after.');
  return h(
    'table',
    { class: 'table table-compact', 'data-table': 'high-risk' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'High-risk category'),
        h('th', { class: 'num' }, 'Before'),
        h('th', { class: 'num' }, 'After'),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, r.category),
          h('td', { class: 'num' }, r.before === null ? '—' : formatCount(r.before)),
          h('td', { class: 'num' }, formatCount(r.after)),
        ),
      ),
    ),
  );
}

/** Renders a simulation: allowed actions, resource concreteness, AccessDenied change with regressions, high risk. */
export function renderSimulation(data: SimulateResponse): HTMLElement {
  const {
    allowedActionDelta: delta,
    resourceConcretenessRatio: ratio,
    accessDeniedChange: denied,
  } = data.metrics;
  const highRiskBefore = data.metrics.highRiskReductions.reduce((n, r) => n + (r.before ?? 0), 0);
  const highRiskAfter = data.metrics.highRiskReductions.reduce((n, r) => n + r.after, 0);
  return h(
    'div',
    { class: 'simulation' },
    h(
      'p',
      { class: 'muted' },
      `${data.proposed} against ${data.baseline ?? 'the recorded outcomes'}, over ${plural(data.recorded.rows, 'recorded action × resource')}.`,
    ),
    h(
      'dl',
      { class: 'metrics' },
      metric(
        'allowed-actions',
        'Allowed actions',
        delta.before === null ? null : formatCount(delta.before),
        formatCount(delta.after),
        `${formatCount(delta.removed)} removed, ${formatCount(delta.added)} added, ${formatCount(delta.kept)} kept`,
      ),
      metric(
        'concreteness',
        'Resource concreteness',
        ratio.before === null ? null : percent(ratio.before.ratio),
        percent(ratio.after.ratio),
        `${formatCount(ratio.after.concrete)} of ${formatCount(ratio.after.total)} allowed action × resource pairs not on "*"`,
      ),
      metric(
        'access-denied',
        'Recorded calls the policies deny',
        formatCount(denied.before),
        formatCount(denied.after),
        `${formatCount(denied.newlyDenied)} newly denied, ${formatCount(denied.newlyAllowed)} newly allowed (before: ${denied.beforeSource})`,
      ),
      metric(
        'high-risk',
        'High-risk actions allowed',
        delta.before === null ? null : formatCount(highRiskBefore),
        formatCount(highRiskAfter),
        'catalogued high-risk actions the policies allow, over all categories',
      ),
    ),
    regressionsBlock(data),
    highRiskTable(data),
    data.notes.length > 0 &&
      h(
        'details',
        {},
        h('summary', {}, plural(data.notes.length, 'note')),
        h('ul', {}, ...data.notes.map((n) => h('li', {}, n))),
      ),
  );
}
