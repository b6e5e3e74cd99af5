/** The principal page's drift panel (GET /drift): used vs granted, granted-but-unused and denied attempts. */
import type { DriftResponse } from '../../../api/contract.js';
import { type Child, h } from '../dom.js';
import { formatCount, plural } from '../format.js';
import { agoElement } from './context.js';
import { emptyState } from './states.js';

const LIST_PREVIEW = 24;

function count(label: string, value: number, name: string, tone = ''): HTMLElement {
  return h(
    'div',
    { class: `count ${tone}`.trim(), 'data-count': name },
    h('dt', {}, label),
    h('dd', {}, formatCount(value)),
  );
}

/** A list that shows its first items and a button revealing the rest. */
function expandable<T>(
  items: T[],
  render: (item: T) => HTMLElement,
  tag: 'ul' | 'tbody',
): { body: HTMLElement; more: HTMLElement | null } {
  const body = h(tag, {}, ...items.slice(0, LIST_PREVIEW).map(render));
  if (items.length <= LIST_PREVIEW) return { body, more: null };
  const more = h(
    'button',
    { type: 'button', class: 'button button-small' },
    `Show all ${formatCount(items.length)}`,
  );
  more.addEventListener('click', () => {
    body.replaceChildren(...items.map(render));
    more.remove();
  });
  return { body, more };
}

function sourceLine(granted: DriftResponse['granted']): Child {
  if (granted.source === 'none') {
    return h(
      'p',
      { class: 'note note-warn' },
      'No granted permissions known: there is neither a policy snapshot nor IAM access for this principal, so only used and denied actions are shown.',
    );
  }
  const from = granted.source === 'iam' ? 'IAM' : 'a policy snapshot';
  return h(
    'p',
    { class: 'muted' },
    `Granted permissions from ${from}`,
    granted.fetchedAt !== null && h('span', {}, ', fetched ', agoElement(granted.fetchedAt)),
    '.',
  );
}

function grantedDetails(granted: DriftResponse['granted']): HTMLElement {
  const policies = h(
    'ul',
    { class: 'plain-list' },
    ...granted.policies.map((policy) =>
      h('li', {}, h('code', {}, policy.name), ' ', h('span', { class: 'badge badge-quiet' }, policy.type)),
    ),
  );
  return h(
    'div',
    { class: 'granted' },
    sourceLine(granted),
    granted.policies.length > 0 && h('div', {}, h('h4', {}, 'Policies'), policies),
    granted.permissionsBoundary !== null &&
      h('p', {}, 'Permissions boundary: ', h('code', { class: 'arn' }, granted.permissionsBoundary)),
    granted.caveats.length > 0 &&
      h(
        'div',
        { class: 'note note-warn' },
        h('h4', {}, 'Caveats'),
        h('ul', {}, ...granted.caveats.map((caveat) => h('li', {}, caveat))),
      ),
  );
}

function unusedSection(drift: DriftResponse): HTMLElement {
  const sorted = [...drift.grantedUnused].sort(
    (a, b) => Number(b.highRisk) - Number(a.highRisk) || a.action.localeCompare(b.action),
  );
  const render = (item: DriftResponse['grantedUnused'][number]): HTMLElement =>
    h(
      'li',
      { class: item.highRisk ? 'high-risk' : '' },
      h('code', {}, item.action),
      h('span', { class: 'badge badge-quiet' }, item.accessLevel),
      item.highRisk && h('span', { class: 'badge sev-high' }, 'high risk'),
    );
  const { body, more } = expandable(sorted, render, 'ul');
  body.className = 'action-list';
  return h(
    'section',
    { class: 'subpanel', 'data-section': 'granted-unused' },
    h('h3', {}, `Granted but unused (${formatCount(drift.counts.grantedUnused)})`),
    sorted.length === 0
      ? emptyState(
          drift.granted.source === 'none'
            ? 'Unknown without granted permissions'
            : 'Every granted action was used',
        )
      : body,
    more,
  );
}

function deniedSection(drift: DriftResponse): HTMLElement {
  const render = (item: DriftResponse['denied'][number]): HTMLElement =>
    h(
      'tr',
      {},
      h('td', {}, h('code', {}, item.action)),
      h('td', {}, h('span', { class: 'arn' }, item.resource)),
      h('td', { class: 'num', 'data-label': 'Denied' }, formatCount(item.denied)),
      h('td', { class: 'nowrap', 'data-label': 'Last denied' }, agoElement(item.lastSeen)),
    );
  const { body, more } = expandable(drift.denied, render, 'tbody');
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { scope: 'col' }, 'Action'),
      h('th', { scope: 'col' }, 'Resource'),
      h('th', { scope: 'col', class: 'num' }, 'Denied'),
      h('th', { scope: 'col' }, 'Last denied'),
    ),
  );
  return h(
    'section',
    { class: 'subpanel', 'data-section': 'denied' },
    h('h3', {}, `Denied attempts (${formatCount(drift.denied.length)})`),
    drift.denied.length === 0
      ? emptyState('No denied attempts recorded')
      : h('div', { class: 'table-wrap' }, h('table', { class: 'table table-cards' }, head, body)),
    more,
  );
}

function notGrantedSection(drift: DriftResponse): HTMLElement | null {
  if (drift.usedNotGranted.length === 0) return null;
  const render = (item: DriftResponse['usedNotGranted'][number]): HTMLElement =>
    h(
      'li',
      {},
      h('code', {}, item.action),
      h('span', { class: 'muted' }, `${formatCount(item.calls)} calls, last `, agoElement(item.lastSeen)),
    );
  const { body, more } = expandable(drift.usedNotGranted, render, 'ul');
  body.className = 'action-list';
  return h(
    'section',
    { class: 'subpanel', 'data-section': 'used-not-granted' },
    h('h3', {}, `Used but not granted (${formatCount(drift.usedNotGranted.length)})`),
    h(
      'p',
      { class: 'muted' },
      'Successful calls the known policies do not explain: a missing policy, a resource policy or a caveat above.',
    ),
    body,
    more,
  );
}

/** Renders the drift panel body. */
export function renderDrift(drift: DriftResponse): HTMLElement {
  const { counts } = drift;
  const usedGranted = Math.max(0, counts.granted - counts.grantedUnused);
  const meter = h(
    'div',
    {
      class: 'split-meter',
      role: 'img',
      'aria-label': `${formatCount(usedGranted)} of ${formatCount(counts.granted)} granted actions used`,
    },
    h('span', { class: 'split-used' }),
  );
  const fill = meter.firstElementChild as HTMLElement;
  fill.style.width = counts.granted === 0 ? '0%' : `${(usedGranted / counts.granted) * 100}%`;
  const score = drift.score;
  const tone = score === null ? '' : score >= 70 ? 'tone-danger' : score >= 40 ? 'tone-warn' : 'tone-ok';
  return h(
    'div',
    { class: 'drift-body' },
    h(
      'div',
      { class: 'drift-summary' },
      h(
        'div',
        { class: `score ${tone}`.trim(), 'data-score': score === null ? 'none' : String(score) },
        h('span', { class: 'score-value' }, score === null ? '—' : String(Math.round(score))),
        h('span', { class: 'score-label' }, score === null ? 'drift unknown' : 'drift / 100'),
      ),
      h(
        'dl',
        { class: 'counts' },
        count('Granted', counts.granted, 'granted'),
        count('Used', counts.used, 'used'),
        count(
          'Granted, unused',
          counts.grantedUnused,
          'granted-unused',
          counts.grantedUnused > 0 ? 'tone-warn' : '',
        ),
        count('Used, not granted', counts.usedNotGranted, 'used-not-granted'),
        count(
          'Denied actions',
          counts.deniedActions,
          'denied-actions',
          counts.deniedActions > 0 ? 'tone-danger' : '',
        ),
      ),
    ),
    counts.granted > 0 && meter,
    counts.granted > 0 &&
      h(
        'p',
        { class: 'meter-caption' },
        `${plural(usedGranted, 'granted action')} used, ${formatCount(counts.grantedUnused)} never used in the recorded calls`,
      ),
    grantedDetails(drift.granted),
    h('div', { class: 'drift-lists' }, unusedSection(drift), deniedSection(drift)),
    notGrantedSection(drift),
  );
}
