/** The deployment's config.json, read next to index.html: where the API is and how often to poll. */

/** Parsed UI configuration. */
export interface UiConfig {
  /** Origin (and optional path prefix) of the API; empty = the page's own origin. */
  apiBaseUrl: string;
  /** Dashboard poll interval in milliseconds. */
  pollIntervalMs: number;
}

export type ConfigResult = { kind: 'ok'; config: UiConfig } | { kind: 'invalid'; message: string };

const DEFAULT_POLL_MS = 3000;

function parseConfig(raw: unknown): ConfigResult {
  if (typeof raw !== 'object' || raw === null)
    return { kind: 'invalid', message: 'config.json is not an object' };
  const { apiBaseUrl = '', pollIntervalMs = DEFAULT_POLL_MS } = raw as Record<string, unknown>;
  if (typeof apiBaseUrl !== 'string' || (apiBaseUrl !== '' && !/^https?:\/\/[^\s]+$/.test(apiBaseUrl))) {
    return { kind: 'invalid', message: 'apiBaseUrl must be "" (same origin) or an http(s) URL' };
  }
  const validPoll = typeof pollIntervalMs === 'number' && pollIntervalMs >= 500 && pollIntervalMs <= 300_000;
  if (!validPoll) return { kind: 'invalid', message: 'pollIntervalMs must be a number from 500 to 300000' };
  return { kind: 'ok', config: { apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''), pollIntervalMs } };
}

/** Fetches and validates config.json; a missing file means same-origin defaults. */
export async function loadConfig(): Promise<ConfigResult> {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.status === 404)
      return { kind: 'ok', config: { apiBaseUrl: '', pollIntervalMs: DEFAULT_POLL_MS } };
    if (!response.ok) return { kind: 'invalid', message: `config.json answered HTTP ${response.status}` };
    return parseConfig(await response.json());
  } catch {
    return { kind: 'invalid', message: 'config.json could not be read as JSON' };
  }
}
