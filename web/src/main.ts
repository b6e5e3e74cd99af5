/**
 * Entry point: reads the token and config.json, builds the frame, and mounts the page of the current hash route, or
 * the sign-in page when the deployment signs requests with AWS credentials and none are stored.
 */
import { ApiClient, bearerAuth } from './api.js';
import {
  AwsSession,
  captureTokenFromFragment,
  formatExpiry,
  readToken,
  type StoredCredentials,
  sigv4Auth,
} from './auth.js';
import { loadConfig } from './config.js';
import { h } from './dom.js';
import { shortName } from './format.js';
import { parseRoute } from './router.js';
import { createShell } from './shell.js';
import { alertsView } from './views/alerts-page.js';
import { refreshTimes, type View, type ViewContext } from './views/context.js';
import { dashboardView } from './views/dashboard.js';
import { principalView } from './views/principal.js';
import { signInState } from './views/sign-in.js';
import { configErrorState, emptyState, unauthorizedState } from './views/states.js';

const TIME_REFRESH_MS = 5000;

function notFoundView(): View {
  const element = h(
    'div',
    { class: 'page' },
    emptyState('Page not found', h('p', {}, h('a', { href: '#/' }, 'Back to the dashboard'))),
  );
  return { element, dispose: () => undefined };
}

async function boot(): Promise<void> {
  captureTokenFromFragment();
  const shell = createShell();
  const loaded = await loadConfig();
  if (loaded.kind === 'invalid') {
    shell.main.replaceChildren(configErrorState(loaded.message));
    return;
  }
  const { config } = loaded;
  const session = config.auth === 'sigv4' ? new AwsSession() : null;
  const api = new ApiClient(
    config.apiBaseUrl,
    session === null ? bearerAuth(readToken) : sigv4Auth(session, config.region),
  );
  let current: View | null = null;
  let firstMount = true;

  const showAccount = (credentials: StoredCredentials | null): void => {
    if (session === null || credentials === null) {
      shell.setAccount(null);
      return;
    }
    const id = credentials.accessKeyId;
    const until =
      credentials.expiration === undefined
        ? ''
        : ` · until ${formatExpiry(Date.parse(credentials.expiration))}`;
    shell.setAccount({
      label: `${id.slice(0, 4)}…${id.slice(-4)}${until}`,
      title: `Signed in with access key ${id}`,
      signOut: () => {
        session.signOut();
        showUnauthorized();
      },
    });
  };

  const showUnauthorized = (): void => {
    current?.dispose();
    current = null;
    shell.setConnection({ kind: 'unauthorized' });
    showAccount(null);
    if (session === null) shell.main.replaceChildren(unauthorizedState(readToken() !== null));
    else {
      const page = signInState({
        apiBaseUrl: config.apiBaseUrl,
        region: config.region,
        notice: session.notice,
        onSignIn: (credentials) => {
          session.signIn(credentials);
          mount();
        },
      });
      shell.main.replaceChildren(page);
      page.querySelector('textarea')?.focus();
    }
    document.title = 'Sign in · iamlp';
  };
  const context: ViewContext = { api, config, shell, unauthorized: showUnauthorized };

  const mount = (): void => {
    const credentials = session?.credentials ?? null;
    if (session !== null && credentials === null) {
      showUnauthorized();
      return;
    }
    showAccount(credentials);
    current?.dispose();
    shell.onRetry(null);
    shell.setConnection({ kind: 'connecting' });
    const route = parseRoute(window.location.hash);
    shell.setActiveNav(route.page === 'dashboard' || route.page === 'alerts' ? route.page : 'none');
    if (route.page === 'dashboard') current = dashboardView(context);
    else if (route.page === 'alerts') current = alertsView(context);
    else if (route.page === 'principal') current = principalView(context, route.arn);
    else current = notFoundView();
    const title =
      route.page === 'principal' ? shortName(route.arn) : route.page === 'alerts' ? 'Alerts' : 'Dashboard';
    document.title = `${title} · iamlp`;
    shell.main.replaceChildren(current.element);
    if (!firstMount) {
      window.scrollTo(0, 0);
      shell.main.focus({ preventScroll: true });
    }
    firstMount = false;
  };

  window.addEventListener('hashchange', () => {
    captureTokenFromFragment();
    mount();
  });
  setInterval(() => refreshTimes(document), TIME_REFRESH_MS);
  mount();
}

void boot();
