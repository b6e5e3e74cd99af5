/**
 * The page frame: header with navigation, a live connection indicator and (signed in with AWS credentials) the
 * account with a sign-out button, the retry banner, and the main area.
 */
import { h, replaceChildren } from './dom.js';
import { formatClock } from './format.js';
import type { ConnectionState } from './poller.js';

/** The frame the router renders pages into. */
export interface Shell {
  main: HTMLElement;
  /** Shows the connection state in the header and, while retrying, in a banner with a countdown. */
  setConnection(state: ConnectionState): void;
  /** Registers what "Retry now" does for the current page. */
  onRetry(handler: (() => void) | null): void;
  /** Highlights the navigation link of the current page. */
  setActiveNav(name: 'dashboard' | 'alerts' | 'none'): void;
  /** Shows who is signed in with a "Sign out" button (null hides both). */
  setAccount(account: { label: string; title: string; signOut(): void } | null): void;
}

function indicatorText(state: ConnectionState, now: number): string {
  switch (state.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'live':
      return `Live · updated ${formatClock(state.lastSuccess)}`;
    case 'retrying':
      return `Reconnecting in ${Math.max(0, Math.ceil((state.retryAt - now) / 1000))} s`;
    case 'unauthorized':
      return 'Not signed in';
  }
}

/** Builds the frame into document.body and returns its handles. */
export function createShell(): Shell {
  const indicator = h('span', { class: 'indicator', 'data-connection': 'connecting' }, 'Connecting…');
  const dashboardLink = h('a', { href: '#/', class: 'nav-link' }, 'Dashboard');
  const alertsLink = h('a', { href: '#/alerts', class: 'nav-link' }, 'Alerts');
  const accountLabel = h('span', { class: 'account-label' });
  const signOutButton = h('button', { type: 'button', class: 'button button-small' }, 'Sign out');
  const accountBox = h(
    'div',
    { class: 'account', hidden: true, 'data-account': true },
    accountLabel,
    signOutButton,
  );
  let signOut: (() => void) | null = null;
  signOutButton.addEventListener('click', () => signOut?.());
  const header = h(
    'header',
    { class: 'app-header' },
    h(
      'a',
      { href: '#/', class: 'brand', 'aria-label': 'iamlp dashboard' },
      h('span', { class: 'brand-mark' }),
      'iamlp',
    ),
    h('nav', { 'aria-label': 'Main' }, dashboardLink, alertsLink),
    h('div', { role: 'status', 'aria-live': 'polite', class: 'indicator-wrap' }, indicator),
    accountBox,
  );
  const bannerText = h('span', {});
  const retryButton = h('button', { type: 'button', class: 'button button-small' }, 'Retry now');
  const banner = h(
    'div',
    { class: 'banner', role: 'alert', hidden: true, 'data-banner': 'unreachable' },
    bannerText,
    retryButton,
  );
  const main = h('main', { id: 'main', tabindex: -1 });
  const skip = h('a', { href: '#main', class: 'skip-link' }, 'Skip to content');
  skip.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  document.body.replaceChildren(skip, header, banner, main);

  let state: ConnectionState = { kind: 'connecting' };
  let retry: (() => void) | null = null;
  retryButton.addEventListener('click', () => retry?.());

  const render = (): void => {
    const now = Date.now();
    indicator.dataset.connection = state.kind;
    indicator.textContent = indicatorText(state, now);
    banner.hidden = state.kind !== 'retrying';
    if (state.kind === 'retrying') {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      const last =
        state.lastSuccess === null
          ? 'no successful update yet'
          : `last successful update ${formatClock(state.lastSuccess)}`;
      replaceChildren(
        bannerText,
        h('strong', {}, 'API unavailable.'),
        ` Retrying in ${seconds} s (attempt ${state.attempt}, backing off) · ${last}. Data shown may be stale.`,
      );
    }
  };
  setInterval(render, 1000);

  return {
    main,
    setConnection(next) {
      state = next;
      document.body.dataset.connection = next.kind;
      render();
    },
    onRetry(handler) {
      retry = handler;
    },
    setActiveNav(name) {
      dashboardLink.toggleAttribute('aria-current', name === 'dashboard');
      alertsLink.toggleAttribute('aria-current', name === 'alerts');
      if (name === 'dashboard') dashboardLink.setAttribute('aria-current', 'page');
      if (name === 'alerts') alertsLink.setAttribute('aria-current', 'page');
    },
    setAccount(account) {
      accountBox.hidden = account === null;
      accountLabel.textContent = account?.label ?? '';
      accountLabel.title = account?.title ?? '';
      signOut = account?.signOut ?? null;
    },
  };
}
