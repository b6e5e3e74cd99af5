import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

/** The page's policy: its own scripts and styles only, API calls to its own origin or the configured API. */
function contentSecurityPolicy(apiBaseUrl: string): string {
  const connect = apiBaseUrl === '' ? "'self'" : `'self' ${new URL(apiBaseUrl).origin}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Serves the built web UI from a directory: `/` is index.html, `/config.json` tells the page where the API is,
 * other paths map to files inside the directory (never outside it). Returns undefined for anything else.
 */
export function webFileServer(
  root: string,
  apiBaseUrl = '',
): (path: string) => Promise<Response | undefined> {
  const base = normalize(root + sep);
  const csp = contentSecurityPolicy(apiBaseUrl);
  return async (path) => {
    if (path === '/config.json')
      return new Response(JSON.stringify({ apiBaseUrl }), {
        headers: { 'content-type': TYPES['.json'] as string, 'cache-control': 'no-store' },
      });
    let decoded: string;
    try {
      decoded = decodeURIComponent(path === '/' ? '/index.html' : path);
    } catch {
      return undefined;
    }
    const file = normalize(join(base, decoded));
    const type = TYPES[extname(file)];
    if (!file.startsWith(base) || decoded.includes('\0') || type === undefined) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-cache' };
    if (type === TYPES['.html']) headers['content-security-policy'] = csp;
    return new Response(new Uint8Array(await readFile(file)), { headers });
  };
}
