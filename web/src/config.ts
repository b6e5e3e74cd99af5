/** The deployment's config.json, read next to index.html: where the API is, how to sign in, how often to poll. */

/** How API requests are authenticated. */
export type AuthMode = 'bearer' | 'sigv4';

/** Parsed UI configuration. */
export interface UiConfig {
  /** Origin (and optional path prefix) of the API; empty = the page's own origin. */
  apiBaseUrl: string;
  /** `bearer`: the local token from the URL fragment; `sigv4`: AWS credentials the user pastes sign each request. */
  auth: AuthMode;
  /** AWS region of the API (SigV4 signing scope); empty with bearer auth. */
  region: string;
  /** Dashboard poll interval in milliseconds. */
  pollIntervalMs: number;
}

export type ConfigResult = { kind: 'ok'; config: UiConfig } | { kind: 'invalid'; message: string };

const DEFAULT_POLL_MS = 3000;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const DEFAULTS: UiConfig = { apiBaseUrl: '', auth: 'bearer', region: '', pollIntervalMs: DEFAULT_POLL_MS };

/** Validates a parsed config.json; anything malformed is named in the message. */
export function parseConfig(raw: unknown): ConfigResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { kind: 'invalid', message: 'config.json is not an object' };
  const {
    apiBaseUrl = '',
    auth = 'bearer',
    region,
    pollIntervalMs = DEFAULT_POLL_MS,
  } = raw as Record<string, unknown>;
  if (typeof apiBaseUrl !== 'string' || (apiBaseUrl !== '' && !/^https?:\/\/[^\s]+$/.test(apiBaseUrl))) {
    return { kind: 'invalid', message: 'apiBaseUrl must be "" (same origin) or an http(s) URL' };
  }
  if (auth !== 'bearer' && auth !== 'sigv4')
    return { kind: 'invalid', message: 'auth must be "bearer" or "sigv4"' };
  if (region !== undefined && (typeof region !== 'string' || !REGION.test(region)))
    return { kind: 'invalid', message: 'region must be an AWS region such as "eu-west-1"' };
  // An execute-api URL names its region; any other API origin needs it in config.json.
  const signingRegion = region ?? /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(apiBaseUrl)?.[1] ?? '';
  if (auth === 'sigv4' && signingRegion === '')
    return { kind: 'invalid', message: 'auth "sigv4" needs the API\'s region, e.g. "region": "eu-west-1"' };
  const validPoll = typeof pollIntervalMs === 'number' && pollIntervalMs >= 500 && pollIntervalMs <= 300_000;
  if (!validPoll) return { kind: 'invalid', message: 'pollIntervalMs must be a number from 500 to 300000' };
  return {
    kind: 'ok',
    config: {
      apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''),
      auth,
      region: auth === 'sigv4' ? signingRegion : '',
      pollIntervalMs,
    },
  };
}

/** Fetches and validates config.json; a missing file means same-origin defaults. */
export async function loadConfig(): Promise<ConfigResult> {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.status === 404) return { kind: 'ok', config: { ...DEFAULTS } };
    if (!response.ok) return { kind: 'invalid', message: `config.json answered HTTP ${response.status}` };
    return parseConfig(await response.json());
  } catch {
    return { kind: 'invalid', message: 'config.json could not be read as JSON' };
  }
}
