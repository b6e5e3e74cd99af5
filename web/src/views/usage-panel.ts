/** The principal page's usage table (GET /principals/{arn}/usage) with cursor paging. */
import type { UsageItem, UsageResponse } from '../../../api/contract.js';
import type { ApiResult, Query } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatCount } from '../format.js';
import { agoElement } from './context.js';
import { emptyState, errorState, loadingState } from './states.js';

const PAGE_SIZE = 50;

function usageRow(item: UsageItem): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('td', {}, h('code', {}, item.action)),
    h('td', {}, h('span', { class: 'arn' }, item.resource)),
    h('td', { class: 'num', 'data-label': 'Calls' }, formatCount(item.calls)),
    h(
      'td',
      { class: item.denied > 0 ? 'num tone-danger' : 'num', 'data-label': 'Denied' },
      formatCount(item.denied),
    ),
    h(
      'td',
      { class: item.errors > 0 ? 'num tone-warn' : 'num', 'data-label': 'Errors' },
      formatCount(item.errors),
    ),
    h('td', { class: 'nowrap', 'data-label': 'First seen' }, agoElement(item.firstSeen)),
    h('td', { class: 'nowrap', 'data-label': 'Last seen' }, agoElement(item.lastSeen)),
  );
}

/** Usage panel state: the current page's cursor and the last rendered response. */
export class UsagePanel {
  readonly element: HTMLElement;
  readonly #body = h('div', { class: 'table-wrap' }, loadingState('Loading usage…'));
  readonly #pager = h('div', { class: 'pager' });
  #cursors: (string | undefined)[] = [undefined];
  #page = 0;
  #last: UsageResponse | null = null;

  constructor(private readonly onChange: () => void) {
    this.element = h(
      'section',
      { class: 'panel', 'aria-labelledby': 'usage-title', 'data-panel': 'usage' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'usage-title' }, 'Usage')),
      h('p', { class: 'muted' }, 'Every action and resource this principal called, with outcomes.'),
      this.#body,
      this.#pager,
    );
  }

  /** The query of the current page. */
  query(): Query {
    return { limit: PAGE_SIZE, cursor: this.#cursors[this.#page] };
  }

  /** Renders one response; a 304 keeps the table. */
  update(result: ApiResult<UsageResponse>): void {
    if (result.kind !== 'ok') {
      if (this.#last === null) replaceChildren(this.#body, errorState(result));
      return;
    }
    if (this.#last === result.data) return;
    this.#last = result.data;
    const { items, total, nextCursor } = result.data;
    if (items.length === 0) {
      replaceChildren(this.#body, emptyState('No calls recorded for this principal'));
    } else {
      const head = h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Action', 'Resource', 'Calls', 'Denied', 'Errors', 'First seen', 'Last seen'].map(
            (label, index) => h('th', { scope: 'col', class: index >= 2 && index <= 4 ? 'num' : '' }, label),
          ),
        ),
      );
      replaceChildren(
        this.#body,
        h('table', { class: 'table table-cards' }, head, h('tbody', {}, ...items.map(usageRow))),
      );
    }
    const prev = h(
      'button',
      { type: 'button', class: 'button button-small', disabled: this.#page === 0 },
      '← Previous',
    );
    const next = h(
      'button',
      { type: 'button', class: 'button button-small', disabled: nextCursor === null },
      'Next →',
    );
    prev.addEventListener('click', () => {
      this.#page -= 1;
      this.onChange();
    });
    next.addEventListener('click', () => {
      this.#cursors[this.#page + 1] = nextCursor ?? undefined;
      this.#page += 1;
      this.onChange();
    });
    const start = this.#page * PAGE_SIZE;
    const range =
      items.length === 0
        ? `0 of ${formatCount(total)}`
        : `${formatCount(start + 1)}–${formatCount(start + items.length)} of ${formatCount(total)}`;
    replaceChildren(
      this.#pager,
      h('span', { class: 'muted' }, range),
      h('span', { class: 'pager-buttons' }, prev, next),
    );
  }
}
