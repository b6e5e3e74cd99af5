/** The dashboard's principals table: text, type and account filters, server-side sorting and cursor paging. */

import type { PrincipalListItem, PrincipalsQuery, PrincipalsResponse } from '../../../api/contract.js';
import { PRINCIPAL_KINDS } from '../../../core/types.js';
import type { ApiResult, Query } from '../api.js';
import { h, principalHref, replaceChildren } from '../dom.js';
import { formatCount, shortName } from '../format.js';
import { agoElement } from './context.js';
import { emptyState, errorState, loadingState } from './states.js';

type Sort = PrincipalsQuery['sort'];

/** The principal kinds the type filter offers: core's list, which the contract validates against. */
const KINDS = PRINCIPAL_KINDS;

interface Filters {
  q: string;
  type: string;
  account: string;
  sort: Sort;
}

const PAGE_SIZE = 25;
const ACCOUNT = /^\d{12}$/;

const COLUMNS: { label: string; sort?: Sort; numeric?: boolean }[] = [
  { label: 'Principal', sort: 'arn' },
  { label: 'Events', sort: 'events', numeric: true },
  { label: 'Denied', numeric: true },
  { label: 'Drift', sort: 'drift', numeric: true },
  { label: 'Alerts', numeric: true },
  { label: 'Last seen', sort: 'lastSeen' },
];

function driftCell(score: number | null): HTMLElement {
  if (score === null) {
    return h('td', { class: 'num muted', title: 'No granted permissions known', 'data-label': 'Drift' }, '—');
  }
  const meter = h('span', { class: 'meter', 'aria-hidden': 'true' }, h('span', { class: 'meter-fill' }));
  const fill = meter.firstElementChild as HTMLElement;
  fill.style.width = `${Math.max(0, Math.min(100, score))}%`;
  const tone = score >= 70 ? 'tone-danger' : score >= 40 ? 'tone-warn' : 'tone-ok';
  const value = h('span', { class: 'drift' }, meter, h('span', {}, String(Math.round(score))));
  return h('td', { class: `num ${tone}`, 'data-label': 'Drift' }, value);
}

function principalRow(item: PrincipalListItem): HTMLTableRowElement {
  const identity = h(
    'div',
    { class: 'principal-cell' },
    h('a', { href: principalHref(item.arn), class: 'principal-link' }, shortName(item.arn)),
    h('span', { class: 'arn' }, item.arn),
    h(
      'span',
      { class: 'badges' },
      h('span', { class: 'badge' }, item.kind),
      item.accountId !== '' && h('span', { class: 'badge badge-quiet' }, item.accountId),
      ...item.flags.map((flag) => h('span', { class: 'badge badge-warn' }, flag)),
    ),
  );
  return h(
    'tr',
    { 'data-principal': item.arn },
    h('td', {}, identity),
    h('td', { class: 'num', 'data-label': 'Events' }, formatCount(item.events)),
    h(
      'td',
      { class: item.denied > 0 ? 'num tone-danger' : 'num', 'data-label': 'Denied' },
      formatCount(item.denied),
    ),
    driftCell(item.driftScore),
    h(
      'td',
      { class: 'num', 'data-label': 'Alerts' },
      item.alerts > 0 ? h('span', { class: 'pill pill-danger' }, formatCount(item.alerts)) : '0',
    ),
    h('td', { class: 'nowrap', 'data-label': 'Last seen' }, agoElement(item.lastSeen)),
  );
}

/** Principals table state and rendering: the dashboard polls with {@link PrincipalsPanel.query} and renders with `update`. */
export class PrincipalsPanel {
  readonly element: HTMLElement;
  readonly #body = h('div', { class: 'table-wrap' }, loadingState('Loading principals…'));
  readonly #pager = h('div', { class: 'pager' });
  #query: Filters = { q: '', type: '', account: '', sort: 'lastSeen' };
  #cursors: (string | undefined)[] = [undefined];
  #page = 0;
  #last: PrincipalsResponse | null = null;

  constructor(private readonly onChange: () => void) {
    this.element = h(
      'section',
      { class: 'panel', 'aria-labelledby': 'principals-title', 'data-panel': 'principals' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'principals-title' }, 'Principals'), this.#filters()),
      this.#body,
      this.#pager,
    );
  }

  /** The query of the current page and filters. */
  query(): Query {
    const { q, type, account, sort } = this.#query;
    return {
      q,
      type,
      account: ACCOUNT.test(account) ? account : undefined,
      sort,
      limit: PAGE_SIZE,
      cursor: this.#cursors[this.#page],
    };
  }

  #filters(): HTMLElement {
    const search = h('input', {
      type: 'search',
      id: 'filter-q',
      placeholder: 'Filter by ARN text',
      maxlength: 200,
      autocomplete: 'off',
      spellcheck: false,
    });
    const type = h(
      'select',
      { id: 'filter-type' },
      h('option', { value: '' }, 'All types'),
      ...KINDS.map((kind) => h('option', { value: kind }, kind)),
    );
    const account = h('input', {
      type: 'text',
      id: 'filter-account',
      placeholder: 'Account id',
      inputmode: 'numeric',
      maxlength: 12,
      pattern: '\\d{12}',
      autocomplete: 'off',
    });
    let debounce: ReturnType<typeof setTimeout> | undefined;
    const update = (): void => {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        const next: Filters = {
          ...this.#query,
          q: search.value.trim(),
          type: type.value,
          account: account.value.trim(),
        };
        account.setAttribute('aria-invalid', String(next.account !== '' && !ACCOUNT.test(next.account)));
        this.#reset(next);
      }, 250);
    };
    search.addEventListener('input', update);
    account.addEventListener('input', update);
    type.addEventListener('change', update);
    return h(
      'div',
      { class: 'filters', role: 'search' },
      h('label', { for: 'filter-q', class: 'visually-hidden' }, 'Filter principals by ARN text'),
      search,
      h('label', { for: 'filter-type', class: 'visually-hidden' }, 'Principal type'),
      type,
      h('label', { for: 'filter-account', class: 'visually-hidden' }, 'AWS account id (12 digits)'),
      account,
    );
  }

  #reset(query: Filters): void {
    this.#query = query;
    this.#cursors = [undefined];
    this.#page = 0;
    this.onChange();
  }

  #header(): HTMLTableSectionElement {
    const cells = COLUMNS.map((column) => {
      if (column.sort === undefined)
        return h('th', { scope: 'col', class: column.numeric ? 'num' : '' }, column.label);
      const active = this.#query.sort === column.sort;
      const direction = column.sort === 'arn' ? 'ascending' : 'descending';
      const button = h(
        'button',
        { type: 'button', class: 'sort', 'data-sort': column.sort },
        column.label,
        active && h('span', { 'aria-hidden': 'true' }, direction === 'ascending' ? ' ▲' : ' ▼'),
      );
      const sort = column.sort;
      button.addEventListener('click', () => this.#reset({ ...this.#query, sort }));
      return h(
        'th',
        { scope: 'col', class: column.numeric ? 'num' : '', 'aria-sort': active ? direction : 'none' },
        button,
      );
    });
    return h('thead', {}, h('tr', {}, ...cells));
  }

  #renderPager(data: PrincipalsResponse): void {
    const start = this.#page * PAGE_SIZE;
    const prev = h(
      'button',
      { type: 'button', class: 'button button-small', disabled: this.#page === 0 },
      '← Previous',
    );
    const next = h(
      'button',
      { type: 'button', class: 'button button-small', disabled: data.nextCursor === null },
      'Next →',
    );
    prev.addEventListener('click', () => {
      this.#page -= 1;
      this.onChange();
    });
    next.addEventListener('click', () => {
      this.#cursors[this.#page + 1] = data.nextCursor ?? undefined;
      this.#page += 1;
      this.onChange();
    });
    const range =
      data.items.length === 0
        ? `0 of ${formatCount(data.total)}`
        : `${formatCount(start + 1)}–${formatCount(start + data.items.length)} of ${formatCount(data.total)}`;
    replaceChildren(
      this.#pager,
      h('span', { class: 'muted' }, range),
      h('span', { class: 'pager-buttons' }, prev, next),
    );
  }

  /** Renders one response; a 304 (not fresh) keeps the table as it is. */
  update(result: ApiResult<PrincipalsResponse>): void {
    if (result.kind !== 'ok') {
      if (this.#last === null) replaceChildren(this.#body, errorState(result));
      return;
    }
    if (!result.fresh && this.#last === result.data) return;
    this.#last = result.data;
    const { items } = result.data;
    const filtered = this.#query.q !== '' || this.#query.type !== '' || this.#query.account !== '';
    if (items.length === 0) {
      replaceChildren(
        this.#body,
        filtered
          ? emptyState('No principal matches these filters')
          : emptyState(
              'No principals yet',
              h('p', {}, 'Principals appear as soon as their first event is stored.'),
            ),
      );
    } else {
      const table = h(
        'table',
        { class: 'table table-cards' },
        h('caption', { class: 'visually-hidden' }, 'Principals, with activity and drift'),
        this.#header(),
        h('tbody', {}, ...items.map(principalRow)),
      );
      replaceChildren(this.#body, table);
    }
    this.#renderPager(result.data);
  }
}
