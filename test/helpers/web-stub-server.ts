import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve, sep } from 'node:path';
import type { z } from 'zod';
import {
  type AlertItem,
  AlertsResponse,
  DriftResponse,
  ErrorBody,
  GenerateResponse,
  PrincipalsResponse,
  SimulateResponse,
  StatsResponse,
  TimelineResponse,
  UsageResponse,
} from '../../api/contract.js';
import {
  alertFor,
  driftOf,
  policyOf,
  STUB_PRINCIPALS,
  type StubPrincipal,
  simulationOf,
  statsOf,
  timelineOf,
  usageOf,
} from '../../web/test-support.js';

/**
 * A tiny stand-in for the iamlp API for UI-state tests: serves a built dist/web and answers the API routes with
 * constructed data, every body validated against api/contract.ts before it is sent so the stub cannot drift from
 * the contract. Switches make it empty, failing, unreachable, unauthorized or slow, and the alert list is mutable.
 */

/** How the API routes behave. */
export type StubMode = 'normal' | 'empty' | 'error' | 'unreachable' | 'unauthorized';

/** Mutable switches and data; tests change them while the page polls. */
export interface StubState {
  mode: StubMode;
  /** Delay before every API answer. */
  delayMs: number;
  alerts: AlertItem[];
  principals: StubPrincipal[];
}

/** One API request as the stub saw it. */
export interface StubRequest {
  path: string;
  status: number;
  conditional: boolean;
}

/** A running stub. */
export interface WebStub {
  url: string;
  token: string;
  state: StubState;
  requests: StubRequest[];
  /** Bodies that failed contract validation (a test should expect none). */
  violations: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

function page<T>(items: T[], url: URL): { items: T[]; nextCursor: string | null } {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const offset = Number(url.searchParams.get('cursor')?.replace(/^o/, '') ?? 0);
  const end = offset + limit;
  return { items: items.slice(offset, end), nextCursor: end < items.length ? `o${end}` : null };
}

function listPrincipals(state: StubState, url: URL): z.input<typeof PrincipalsResponse> {
  const q = url.searchParams.get('q')?.toLowerCase() ?? '';
  const type = url.searchParams.get('type');
  const account = url.searchParams.get('account');
  const sort = url.searchParams.get('sort') ?? 'lastSeen';
  const rows = state.principals
    .map((principal) => principal.item)
    .filter((item) => item.arn.toLowerCase().includes(q) && (type === null || item.kind === type))
    .filter((item) => account === null || item.accountId === account);
  const key: Record<string, (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
    arn: (a, b) => a.arn.localeCompare(b.arn),
    events: (a, b) => b.events - a.events,
    drift: (a, b) => (b.driftScore ?? -1) - (a.driftScore ?? -1),
    lastSeen: (a, b) => b.lastSeen.localeCompare(a.lastSeen),
  };
  rows.sort(key[sort] ?? key.lastSeen);
  return { ...page(rows, url), total: rows.length };
}

/** Answers one API route with [schema, body], or null when the route is unknown. */
function route(state: StubState, url: URL): [z.ZodType, unknown] | [z.ZodType, unknown, number] | null {
  const principals = state.mode === 'empty' ? [] : state.principals;
  const find = (arn: string | null): StubPrincipal | undefined => principals.find((p) => p.item.arn === arn);
  const notFound: [z.ZodType, unknown, number] = [
    ErrorBody,
    { error: { code: 'NOT_FOUND', message: 'no events for this principal' } },
    404,
  ];
  const usageMatch = /^\/principals\/([^/]+)\/(usage|timeline)$/.exec(url.pathname);
  if (usageMatch?.[1] !== undefined) {
    const principal = find(decodeURIComponent(usageMatch[1]));
    if (principal === undefined) return notFound;
    if (usageMatch[2] === 'timeline') return [TimelineResponse, timelineOf(principal)];
    const items = usageOf(principal);
    return [UsageResponse, { principal: principal.identity, ...page(items, url), total: items.length }];
  }
  const principal = find(url.searchParams.get('principal'));
  switch (url.pathname) {
    case '/stats':
      return [StatsResponse, statsOf(principals, state.mode === 'empty' ? [] : state.alerts)];
    case '/principals':
      return [PrincipalsResponse, listPrincipals({ ...state, principals }, url)];
    case '/alerts':
      return [AlertsResponse, page(state.mode === 'empty' ? [] : [...state.alerts].reverse(), url)];
    case '/drift':
      return principal === undefined ? notFound : [DriftResponse, driftOf(principal)];
    case '/generate':
      return principal === undefined ? notFound : [GenerateResponse, policyOf(principal)];
    case '/simulate':
      return principal === undefined ? notFound : [SimulateResponse, simulationOf(principal)];
    default:
      return null;
  }
}

async function readPrincipal(request: IncomingMessage): Promise<string | undefined> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  try {
    const principal = (JSON.parse(text) as { principal?: unknown }).principal;
    return typeof principal === 'string' ? principal : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(request: IncomingMessage, response: ServerResponse, status: number, body: unknown): number {
  const text = JSON.stringify(body);
  const etag = `W/"${createHash('sha1').update(text).digest('base64url')}"`;
  if (status === 200 && request.headers['if-none-match'] === etag) {
    response.writeHead(304, { ETag: etag }).end();
    return 304;
  }
  response
    .writeHead(status, { 'Content-Type': 'application/json', ETag: etag, 'Cache-Control': 'no-store' })
    .end(text);
  return status;
}

async function serveStatic(
  webDir: string,
  pollIntervalMs: number,
  pathname: string,
  response: ServerResponse,
): Promise<void> {
  if (pathname === '/config.json') {
    response
      .writeHead(200, { 'Content-Type': TYPES['.json'] })
      .end(JSON.stringify({ apiBaseUrl: '', pollIntervalMs }));
    return;
  }
  const file = resolve(webDir, normalize(`.${pathname === '/' ? '/index.html' : pathname}`));
  if (!file.startsWith(`${webDir}${sep}`)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const content = await readFile(file);
    response
      .writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(content);
  } catch {
    response.writeHead(404).end();
  }
}

/** Starts the stub on 127.0.0.1 with an ephemeral port, serving `webDir` at `/`. */
export async function startWebStub(options: { webDir: string; pollIntervalMs: number }): Promise<WebStub> {
  const webDir = resolve(options.webDir);
  const token = createHash('sha256').update(String(Math.random())).digest('base64url');
  const state: StubState = {
    mode: 'normal',
    delayMs: 0,
    alerts: [alertFor(STUB_PRINCIPALS[0], 0), alertFor(STUB_PRINCIPALS[2], 1)],
    principals: [...STUB_PRINCIPALS],
  };
  const requests: StubRequest[] = [];
  const violations: string[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://stub');
    const isApi = url.pathname !== '/' && !/\.(html|js|css|json|svg)$/.test(url.pathname);
    if (!isApi) return serveStatic(webDir, options.pollIntervalMs, url.pathname, response);
    const log = (status: number): void => {
      requests.push({
        path: `${url.pathname}${url.search}`,
        status,
        conditional: request.headers['if-none-match'] !== undefined,
      });
    };
    if (state.delayMs > 0) await sleep(state.delayMs);
    if (state.mode === 'unreachable') {
      log(0);
      request.socket.destroy();
      return;
    }
    // POST /simulate names its principal in the body: moved to the query so route() finds it like the others.
    if (request.method === 'POST' && url.pathname === '/simulate') {
      const principal = await readPrincipal(request);
      if (principal !== undefined) url.searchParams.set('principal', principal);
    }
    const authorized = request.headers.authorization === `Bearer ${token}` && state.mode !== 'unauthorized';
    const answer: [z.ZodType, unknown, number?] | null = !authorized
      ? [ErrorBody, { error: { code: 'UNAUTHORIZED', message: 'missing or invalid bearer token' } }, 401]
      : state.mode === 'error'
        ? [ErrorBody, { error: { code: 'INTERNAL', message: 'the store is unavailable' } }, 500]
        : route(state, url);
    if (answer === null) {
      log(sendJson(request, response, 404, { error: { code: 'NOT_FOUND', message: 'no such route' } }));
      return;
    }
    const [schema, body, status = 200] = answer;
    const checked = schema.safeParse(body);
    if (!checked.success) {
      violations.push(`${url.pathname}: ${checked.error.message}`);
      log(
        sendJson(request, response, 500, {
          error: { code: 'INTERNAL', message: 'stub body violates the contract' },
        }),
      );
      return;
    }
    log(sendJson(request, response, status, checked.data));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      violations.push(`handler failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    state,
    requests,
    violations,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
