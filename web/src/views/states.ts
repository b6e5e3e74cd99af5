/** Designed loading, empty, error and sign-in states shared by the pages. */
import type { ApiResult } from '../api.js';
import { type Child, h } from '../dom.js';

/** A placeholder shown until a panel's first response arrives. */
export function loadingState(label: string): HTMLElement {
  return h(
    'div',
    { class: 'state state-loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('span', {}, label),
  );
}

/** An explanatory empty state with a title and body lines. */
export function emptyState(title: string, ...body: Child[]): HTMLElement {
  return h('div', { class: 'state state-empty' }, h('p', { class: 'state-title' }, title), ...body);
}

/** Describes a failed API result in one sentence (server messages are rendered as text). */
export function describeFailure(result: Exclude<ApiResult<unknown>, { kind: 'ok' }>): string {
  switch (result.kind) {
    case 'unauthorized':
      return 'The API rejected the token or credentials.';
    case 'not-found':
      return `Not found: ${result.message}`;
    case 'unreachable':
      return `The API is unreachable (${result.message}).`;
    case 'failed':
      return `The API answered ${result.status} ${result.code}: ${result.message}`;
  }
}

/** An inline error for one panel. */
export function errorState(result: Exclude<ApiResult<unknown>, { kind: 'ok' }>): HTMLElement {
  return h(
    'div',
    { class: 'state state-error', role: 'alert' },
    h('p', { class: 'state-title' }, 'Could not load this panel'),
    h('p', {}, describeFailure(result)),
  );
}

/** The page shown when the token is missing, expired or wrong. */
export function unauthorizedState(hasToken: boolean): HTMLElement {
  return h(
    'section',
    { class: 'state state-auth', 'data-state': 'unauthorized', 'aria-labelledby': 'auth-title' },
    h('h1', { id: 'auth-title' }, hasToken ? 'Your token has expired' : 'Token missing'),
    h(
      'p',
      {},
      'The API needs the bearer token that ',
      h('code', {}, 'npm start'),
      ' prints when it starts. Open the dashboard URL it printed, the one ending in ',
      h('code', {}, '#token=…'),
      '. Each start creates a new token, so URLs from earlier runs stop working.',
    ),
    h('pre', { class: 'hint' }, 'Dashboard: http://127.0.0.1:<port>/#token=<token>'),
    h(
      'p',
      { class: 'muted' },
      'The token is kept only in this tab (sessionStorage) and removed from the address bar.',
    ),
  );
}

/** The page shown when config.json is invalid. */
export function configErrorState(message: string): HTMLElement {
  return h(
    'section',
    { class: 'state state-error', role: 'alert' },
    h('h1', {}, 'The UI configuration is invalid'),
    h('p', {}, message),
    h(
      'p',
      {},
      'Fix ',
      h('code', {}, 'config.json'),
      ' next to index.html, e.g. ',
      h('code', {}, '{ "apiBaseUrl": "" }'),
      ' locally, or ',
      h('code', {}, '{ "apiBaseUrl": "https://…", "auth": "sigv4", "region": "eu-west-1" }'),
      ' for an API with IAM authorization.',
    ),
  );
}
