/** Hash routes: `#/`, `#/alerts`, `#/principal/<percent-encoded ARN>`. */

/** A parsed route. */
export type Route =
  | { page: 'dashboard' }
  | { page: 'alerts' }
  | { page: 'principal'; arn: string }
  | { page: 'not-found' };

/** Parses a location hash into a route; anything unknown or badly encoded is `not-found`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { page: 'dashboard' };
  if (path === '/alerts') return { page: 'alerts' };
  const match = /^\/principal\/(.+)$/.exec(path);
  if (match?.[1] === undefined) return { page: 'not-found' };
  try {
    return { page: 'principal', arn: decodeURIComponent(match[1]) };
  } catch {
    return { page: 'not-found' };
  }
}
