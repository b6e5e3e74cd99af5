/**
 * The API client: bearer or SigV4 auth (see {@link RequestAuth}), conditional GETs with If-None-Match, a timeout, and every outcome as a value so views
 * can design each state (loading, 304, 401, not found, failed, unreachable) instead of catching exceptions.
 */
import type {
  AlertsResponse,
  DriftResponse,
  GenerateResponse,
  PrincipalsResponse,
  SimulateResponse,
  StatsResponse,
  TimelineResponse,
  UsageResponse,
} from '../../api/contract.js';
import { uriEncode } from './sigv4.js';

/** Outcome of one API call; `fresh` is false when the server answered 304 and the cached body is returned. */
export type ApiResult<T> =
  | { kind: 'ok'; data: T; fresh: boolean }
  | { kind: 'unauthorized' }
  | { kind: 'not-found'; message: string }
  | { kind: 'failed'; status: number; code: string; message: string }
  | { kind: 'unreachable'; message: string };

/** Query parameters; undefined and empty values are left out. */
export type Query = Record<string, string | number | undefined>;

/** How requests are authenticated: a bearer token locally, SigV4 signatures when deployed. */
export interface RequestAuth {
  /** The URL to send and the headers to add, or null when the user has to sign in first (nothing is sent). */
  authorize(method: 'GET' | 'POST', url: string, body?: string): Promise<AuthorizedRequest | null>;
  /** Whether a failed status means the credentials were refused (the sign-in page is shown); `message` says why. */
  refused(status: number, message: string): boolean;
}

/** A request ready to send. */
export interface AuthorizedRequest {
  url: string;
  headers: Record<string, string>;
}

/** Bearer auth: `Authorization: Bearer <token>` when there is a token; a 401 means it is missing or wrong. */
export function bearerAuth(token: () => string | null): RequestAuth {
  return {
    authorize: async (_method, url) => {
      const value = token();
      return { url, headers: value === null ? {} : { Authorization: `Bearer ${value}` } };
    },
    refused: (status) => status === 401,
  };
}

interface Cached {
  etag: string;
  data: unknown;
}

const CACHE_LIMIT = 64;
const TIMEOUT_MS = 15_000;

/** Fetches without the browser cache and with the API timeout; a failure to get any answer is `unreachable`. */
async function send(
  url: string,
  init: RequestInit,
): Promise<Response | { kind: 'unreachable'; message: string }> {
  try {
    return await fetch(url, { ...init, cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return {
      kind: 'unreachable',
      message: timedOut ? 'the API did not answer within 15 s' : 'network error',
    };
  }
}

/**
 * Reads the `{ error: { code, message } }` body every API error carries, or API Gateway's `{ message }`, tolerating
 * anything else.
 */
async function readError(response: Response): Promise<{ code: string; message: string }> {
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown };
      message?: unknown;
    };
    const code = typeof body.error?.code === 'string' ? body.error.code : `HTTP_${response.status}`;
    const raw = body.error?.message ?? body.message;
    const message = typeof raw === 'string' ? raw : response.statusText;
    return { code, message };
  } catch {
    return { code: `HTTP_${response.status}`, message: response.statusText || 'no error body' };
  }
}

/** Client for the routes of api/contract.ts. */
export class ApiClient {
  readonly #cache = new Map<string, Cached>();

  constructor(
    private readonly baseUrl: string,
    private readonly auth: RequestAuth,
  ) {}

  /** Builds the absolute URL of an API path with a query string. */
  url(path: string, query: Query = {}): string {
    const base = this.baseUrl === '' ? window.location.origin : this.baseUrl;
    const url = new URL(`${base}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** GETs a path, revalidating a cached body with If-None-Match. */
  async get<T>(path: string, query: Query = {}): Promise<ApiResult<T>> {
    const url = this.url(path, query);
    const cached = this.#cache.get(url);
    const authorized = await this.auth.authorize('GET', url);
    if (authorized === null) return { kind: 'unauthorized' };
    const headers: Record<string, string> = { Accept: 'application/json', ...authorized.headers };
    if (cached !== undefined) headers['If-None-Match'] = cached.etag;
    const response = await send(authorized.url, { headers });
    if (!(response instanceof Response)) return response;
    if (response.status === 304 && cached !== undefined)
      return { kind: 'ok', data: cached.data as T, fresh: false };
    const result = await this.#read<T>(response);
    if (result.kind === 'ok') this.#remember(url, response.headers.get('ETag'), result.data);
    return result;
  }

  /** POSTs a JSON body (not cached: simulations are requested when the draft changes). */
  async post<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    const text = JSON.stringify(body);
    const authorized = await this.auth.authorize('POST', this.url(path), text);
    if (authorized === null) return { kind: 'unauthorized' };
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      ...authorized.headers,
    };
    const response = await send(authorized.url, { method: 'POST', headers, body: text });
    if (!(response instanceof Response)) return response;
    return this.#read<T>(response);
  }

  /** An API answer as a result: its JSON body, or why there is none. */
  async #read<T>(response: Response): Promise<ApiResult<T>> {
    if (!response.ok) {
      const { code, message } = await readError(response);
      if (this.auth.refused(response.status, message)) return { kind: 'unauthorized' };
      if (response.status === 404) return { kind: 'not-found', message };
      return { kind: 'failed', status: response.status, code, message };
    }
    try {
      return { kind: 'ok', data: (await response.json()) as T, fresh: true };
    } catch {
      return {
        kind: 'failed',
        status: response.status,
        code: 'BAD_RESPONSE',
        message: 'the body is not JSON',
      };
    }
  }

  #remember(url: string, etag: string | null, data: unknown): void {
    this.#cache.delete(url);
    if (etag === null) return;
    this.#cache.set(url, { etag, data });
    if (this.#cache.size > CACHE_LIMIT) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }

  /** GET /stats. */
  stats(): Promise<ApiResult<StatsResponse>> {
    return this.get('/stats');
  }

  /** GET /principals with filters, sort and a page cursor. */
  principals(query: Query): Promise<ApiResult<PrincipalsResponse>> {
    return this.get('/principals', query);
  }

  /** GET /alerts, newest page unless a cursor is given. */
  alerts(query: Query): Promise<ApiResult<AlertsResponse>> {
    return this.get('/alerts', query);
  }

  /** GET /drift for one principal. */
  drift(principal: string): Promise<ApiResult<DriftResponse>> {
    return this.get('/drift', { principal });
  }

  /** GET /generate for one principal (JSON policy documents). */
  generate(principal: string): Promise<ApiResult<GenerateResponse>> {
    return this.get('/generate', { principal });
  }

  /** POST /simulate: the drafted policy against the granted permissions (or the recorded outcomes). */
  simulate(principal: string): Promise<ApiResult<SimulateResponse>> {
    return this.post('/simulate', { principal });
  }

  /** GET /principals/{arn}/usage, one page. */
  usage(principal: string, query: Query): Promise<ApiResult<UsageResponse>> {
    return this.get(`/principals/${uriEncode(principal)}/usage`, query);
  }

  /** GET /principals/{arn}/timeline. */
  timeline(principal: string): Promise<ApiResult<TimelineResponse>> {
    return this.get(`/principals/${uriEncode(principal)}/timeline`);
  }
}
