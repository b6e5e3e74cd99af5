import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve, sep } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
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
 * With `auth: 'sigv4'` it stands in for API Gateway with IAM authorization instead of the bearer token: config.json
 * says so, and every API request must carry a valid SigV4 signature of {@link STUB_AWS_CREDENTIALS}, recomputed
 * with `@smithy/signature-v4`; refusals are API Gateway's 403s.
 */

/** How the API routes behave; `expired` (SigV4 only) is API Gateway's 403 for expired credentials. */
export type StubMode = 'normal' | 'empty' | 'error' | 'unreachable' | 'unauthorized' | 'expired';

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
  /** With SigV4: the access key ID of a valid signature. */
  signedBy?: string;
}

/** The temporary credentials the SigV4 stub accepts (made-up values in the AWS documentation's style). */
export const STUB_AWS_CREDENTIALS = {
  accessKeyId: 'ASIAIOSFODNN7STUB001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSTUBSECRET',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQDstubsessiontoken==',
  region: 'eu-west-1',
} as const;

/** SHA-256 and HMAC-SHA256 from node:crypto in the AWS SDK's Checksum shape (as `@smithy/hash-node` provides). */
export class NodeSha256 implements Checksum {
  #hash: Hash | Hmac;
  readonly #secret: SourceData | undefined;

  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#hash = NodeSha256.#create(secret);
  }

  static #create(secret: SourceData | undefined): Hash | Hmac {
    if (secret === undefined) return createHash('sha256');
    const key =
      typeof secret === 'string'
        ? Buffer.from(secret, 'utf8')
        : ArrayBuffer.isView(secret)
          ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength)
          : Buffer.from(secret);
    return createHmac('sha256', key);
  }

  update(data: Uint8Array): void {
    this.#hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }

  reset(): void {
    this.#hash = NodeSha256.#create(this.#secret);
  }
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

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

function principalOf(text: string): string | undefined {
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

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/;
const MAX_SKEW_MS = 5 * 60 * 1000;

/**
 * Checks a request's SigV4 signature as API Gateway would: the scope, the clock skew, the session token, and the
 * signature recomputed with `@smithy/signature-v4` over the signed headers, the path as sent and the body.
 * Returns the access key ID, or why the request is refused.
 */
async function verifySigV4(
  request: IncomingMessage,
  body: string,
): Promise<{ ok: true; accessKeyId: string } | { ok: false; reason: string }> {
  const authorization = request.headers.authorization ?? '';
  const match = AUTHORIZATION.exec(authorization);
  if (match === null)
    return { ok: false, reason: `no SigV4 Authorization header (${authorization || 'none'})` };
  const [, accessKeyId, day, region, service, signedList = ''] = match;
  const { accessKeyId: expectedKey, sessionToken, region: expectedRegion } = STUB_AWS_CREDENTIALS;
  if (accessKeyId !== expectedKey) return { ok: false, reason: `unknown access key ${accessKeyId}` };
  if (region !== expectedRegion || service !== 'execute-api')
    return { ok: false, reason: `wrong scope ${region}/${service}` };
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const time = Date.parse(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  if (Number.isNaN(time) || amzDate.slice(0, 8) !== day)
    return { ok: false, reason: `bad x-amz-date ${amzDate}` };
  if (Math.abs(Date.now() - time) > MAX_SKEW_MS)
    return { ok: false, reason: 'signature expired (clock skew)' };
  if (request.headers['x-amz-security-token'] !== sessionToken)
    return { ok: false, reason: 'wrong session token' };
  const signed = signedList.split(';');
  for (const required of ['host', 'x-amz-date', 'x-amz-security-token'])
    if (!signed.includes(required)) return { ok: false, reason: `${required} is not signed` };
  // The payload hash is recomputed from the body received, never taken from x-amz-content-sha256.
  const headers: Record<string, string> = {};
  for (const name of signed)
    if (name !== 'x-amz-content-sha256') headers[name] = String(request.headers[name] ?? '');
  const raw = request.url ?? '/';
  const query = raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : '';
  const signer = new SignatureV4({
    credentials: STUB_AWS_CREDENTIALS,
    region: expectedRegion,
    service: 'execute-api',
    sha256: NodeSha256,
    applyChecksum: signed.includes('x-amz-content-sha256'),
  });
  const expected = await signer.sign(
    {
      method: request.method ?? 'GET',
      protocol: 'http:',
      hostname: String(request.headers.host ?? '').replace(/:\d+$/, ''),
      path: raw.split('?')[0] ?? '/',
      query: Object.fromEntries(new URLSearchParams(query)),
      headers,
      body,
    },
    { signingDate: new Date(time) },
  );
  if (expected.headers.authorization !== authorization)
    return { ok: false, reason: `signature mismatch: expected ${expected.headers.authorization}` };
  return { ok: true, accessKeyId };
}

async function serveStatic(
  webDir: string,
  config: Record<string, unknown>,
  pathname: string,
  response: ServerResponse,
): Promise<void> {
  if (pathname === '/config.json') {
    response.writeHead(200, { 'Content-Type': TYPES['.json'] }).end(JSON.stringify(config));
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

/**
 * Starts the stub on 127.0.0.1 with an ephemeral port, serving `webDir` at `/`; `auth: 'sigv4'` requires SigV4
 * signatures of {@link STUB_AWS_CREDENTIALS} instead of the bearer token.
 */
export async function startWebStub(options: {
  webDir: string;
  pollIntervalMs: number;
  auth?: 'bearer' | 'sigv4';
}): Promise<WebStub> {
  const webDir = resolve(options.webDir);
  const sigv4 = options.auth === 'sigv4';
  const config = sigv4
    ? {
        apiBaseUrl: '',
        auth: 'sigv4',
        region: STUB_AWS_CREDENTIALS.region,
        pollIntervalMs: options.pollIntervalMs,
      }
    : { apiBaseUrl: '', pollIntervalMs: options.pollIntervalMs };
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
    if (!isApi) return serveStatic(webDir, config, url.pathname, response);
    let signedBy: string | undefined;
    const log = (status: number): void => {
      requests.push({
        path: `${url.pathname}${url.search}`,
        status,
        conditional: request.headers['if-none-match'] !== undefined,
        ...(signedBy === undefined ? {} : { signedBy }),
      });
    };
    if (state.delayMs > 0) await sleep(state.delayMs);
    if (state.mode === 'unreachable') {
      log(0);
      request.socket.destroy();
      return;
    }
    const requestBody = await readBody(request);
    // POST /simulate names its principal in the body: moved to the query so route() finds it like the others.
    if (request.method === 'POST' && url.pathname === '/simulate') {
      const principal = principalOf(requestBody);
      if (principal !== undefined) url.searchParams.set('principal', principal);
    }
    if (sigv4) {
      // API Gateway refuses before the integration runs, with its own `{ message }` body.
      const verified = await verifySigV4(request, requestBody);
      if (!verified.ok) violations.push(`${request.method} ${request.url}: ${verified.reason}`);
      else signedBy = verified.accessKeyId;
      const refusal = !verified.ok
        ? 'The request signature we calculated does not match the signature you provided.'
        : state.mode === 'expired'
          ? 'The security token included in the request is expired'
          : state.mode === 'unauthorized'
            ? 'Forbidden'
            : null;
      if (refusal !== null) {
        log(sendJson(request, response, 403, { message: refusal }));
        return;
      }
    }
    const authorized =
      sigv4 || (request.headers.authorization === `Bearer ${token}` && state.mode !== 'unauthorized');
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
