/**
 * The bearer token: `npm start` prints `http://127.0.0.1:<port>/#token=<token>`; the token moves from the fragment
 * into sessionStorage at load and is removed from the address bar so it does not end up in history or screenshots.
 */

const STORAGE_KEY = 'iamlp.token';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Moves a `token=` parameter from the URL fragment into sessionStorage; returns true when one was found. */
export function captureTokenFromFragment(): boolean {
  const fragment = window.location.hash.replace(/^#/, '');
  const parts = fragment.split('&');
  const tokenPart = parts.find((part) => part.startsWith('token='));
  if (tokenPart === undefined) return false;
  const token = decodeURIComponent(tokenPart.slice('token='.length));
  if (token !== '') storage()?.setItem(STORAGE_KEY, token);
  const rest = parts.filter((part) => !part.startsWith('token=')).join('&');
  const route = rest.startsWith('/') ? `#${rest}` : '#/';
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${route}`);
  return true;
}

/** Returns the stored token, or null when the page was opened without one. */
export function readToken(): string | null {
  return storage()?.getItem(STORAGE_KEY) ?? null;
}
