import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import { StoreError } from '../stream/store/index.js';
import { type ApiAuth, requireAuth } from './auth.js';
import {
  AlertsQuery,
  DriftQuery,
  GenerateRequest,
  type HealthResponse,
  PrincipalParam,
  PrincipalsQuery,
  SimulateRequest,
  TimelineQuery,
  UsageQuery,
} from './contract.js';
import type { DriftEngine } from './drift.js';
import { ApiError } from './errors.js';
import { buildOpenApi } from './openapi.js';
import { LruCache } from './read-model/cache.js';
import { type ApiReader, fingerprintOf, type Overview } from './read-model/ports.js';
import { type Representation, representationOf, respond } from './representation.js';
import { simulateView } from './simulate.js';
import { queryObject, validate } from './validate.js';
import { alertsView } from './views/alerts.js';
import { generateView, sarifView } from './views/generate.js';
import { filterPrincipals, principalsView } from './views/principals.js';
import { statsView } from './views/stats.js';
import { timelineView, usageView, usageWithin } from './views/usage.js';

/** What the app needs; the Lambda and Node adapters build it from their configuration. */
export interface ApiDeps {
  readonly reader: ApiReader;
  readonly drift: DriftEngine;
  readonly auth: ApiAuth;
  /** The web UI's origin, allowed by CORS (absent: same origin only). */
  readonly corsOrigin?: string;
  readonly version: string;
  /** Serves the web UI's files for paths no API route matches (Node adapter only). */
  readonly webFiles?: (path: string) => Promise<Response | undefined>;
  /** Receives one line per unexpected error (never sent to clients). */
  readonly log?: (line: Record<string, unknown>) => void;
}

const NO_SCORES = new Map<string, number | null>();
/** Principals scored for `sort=drift` (the most active ones matching the filters); the others sort as unscored. */
export const MAX_DRIFT_SORTED = 200;

/** Largest POST body accepted (a /generate request is a few hundred bytes). */
const MAX_BODY_BYTES = 64 * 1024;
/** Routes that need credentials (everything but /health and /openapi.json). */
const DATA_ROUTES = [
  '/stats',
  '/principals',
  '/principals/*',
  '/generate',
  '/simulate',
  '/drift',
  '/alerts',
] as const;
/** Policies in a /simulate body: up to 20 documents of a few KB each. */
const MAX_SIMULATE_BYTES = 512 * 1024;

/** The iamlp HTTP API: one Hono app for Lambda and Node alike. */
export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({ crossOriginResourcePolicy: deps.corsOrigin ? 'cross-origin' : 'same-origin' }),
  );
  if (deps.corsOrigin)
    app.use(
      '*',
      cors({
        origin: deps.corsOrigin,
        allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        exposeHeaders: ['ETag'],
        maxAge: 600,
      }),
    );
  app.use('*', etag({ weak: true }));
  for (const route of DATA_ROUTES) app.use(route, requireAuth(deps.auth));

  app.get('/health', async (c) => {
    const store = await deps.reader.ping().then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
    const body: HealthResponse = {
      status: store === 'ok' ? 'ok' : 'degraded',
      version: deps.version,
      store,
      time: new Date().toISOString(),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body, store === 'ok' ? 200 : 503);
  });
  app.get('/openapi.json', (c) => c.json(buildOpenApi(deps.version)));

  // Views serialised once per overview (it changes at most every refresh) or per principal fingerprint: polling
  // clients and bursts of identical requests then cost a lookup, and a 304 when their ETag matches.
  const stats = new WeakMap<Overview, Representation>();
  app.get('/stats', async () => {
    const overview = await deps.reader.overview();
    const representation = stats.get(overview) ?? representationOf(statsView(overview));
    stats.set(overview, representation);
    return respond(representation);
  });

  app.get('/principals', async (c) => {
    const query = validate(PrincipalsQuery, queryObject(c.req.queries()));
    const overview = await deps.reader.overview();
    // A score costs a grants lookup (an IAM round trip when deployed) and a usage read: only the page's principals
    // are scored, and sorting by drift ranks the most active principals that match, up to a bound.
    const scored =
      query.sort === 'drift'
        ? [...filterPrincipals(overview, query)]
            .sort((a, b) => b.events - a.events || (a.arn < b.arn ? -1 : 1))
            .slice(0, MAX_DRIFT_SORTED)
        : principalsView(overview, query, NO_SCORES).items.flatMap((p) => overview.byArn.get(p.arn) ?? []);
    const scores = await deps.drift.scores(scored, (s) => deps.reader.dailyUsage(s.arn, fingerprintOf(s)));
    return c.json(principalsView(overview, query, scores));
  });

  app.get('/principals/:arn/usage', async (c) => {
    const query = validate(UsageQuery, queryObject(c.req.queries()));
    const { summary, days } = await principalData(c.req.param('arn'));
    return c.json(usageView(summary, days, query));
  });

  app.get('/principals/:arn/timeline', async (c) => {
    const query = validate(TimelineQuery, queryObject(c.req.queries()));
    const { summary, days } = await principalData(c.req.param('arn'));
    return c.json(timelineView(summary.arn, days, query.start, query.end));
  });

  const drafts = new LruCache<string, Representation>(256);
  const generate = async (input: unknown): Promise<Response> => {
    const request = validate(GenerateRequest, input);
    const { summary, days, overview } = await principalData(request.principal);
    const key = `${fingerprintOf(summary)}|${JSON.stringify(request)}`;
    const cached = drafts.get(key);
    if (cached !== undefined) return respond(cached);
    const usage = usageWithin(days);
    const representation = representationOf(
      request.format === 'sarif'
        ? sarifView(summary, usage, deps.version, `iamlp:principal/${encodeURIComponent(summary.arn)}`)
        : generateView(summary, usage, request, overview.loadedAt),
    );
    drafts.set(key, representation);
    return respond(representation);
  };
  app.get('/generate', async (c) => generate(queryObject(c.req.queries())));
  app.post('/generate', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge }), async (c) =>
    generate(await jsonBody(c.req.raw)),
  );

  app.post('/simulate', bodyLimit({ maxSize: MAX_SIMULATE_BYTES, onError: tooLarge }), async (c) => {
    const request = validate(SimulateRequest, await jsonBody(c.req.raw));
    const { summary, days } = await principalData(request.principal);
    const granted = await deps.drift.grantsOf(summary);
    return c.json(simulateView(request, summary.arn, usageWithin(days), granted));
  });

  app.get('/drift', async (c) => {
    const query = validate(DriftQuery, queryObject(c.req.queries()));
    const { summary } = await principalData(query.principal);
    return c.json(
      await deps.drift.report(summary, () => deps.reader.dailyUsage(summary.arn, fingerprintOf(summary))),
    );
  });

  const alertPages = new WeakMap<Overview, LruCache<string, Representation>>();
  app.get('/alerts', async (c) => {
    const query = validate(AlertsQuery, queryObject(c.req.queries()));
    const overview = await deps.reader.overview();
    const pages = alertPages.get(overview) ?? new LruCache<string, Representation>(64);
    alertPages.set(overview, pages);
    const key = JSON.stringify(query);
    const representation = pages.get(key) ?? representationOf(alertsView(overview.alerts, query));
    pages.set(key, representation);
    return respond(representation);
  });

  app.notFound(async (c) => {
    const file =
      c.req.method === 'GET' || c.req.method === 'HEAD' ? await deps.webFiles?.(c.req.path) : undefined;
    return file ?? c.json({ error: { code: 'NOT_FOUND', message: 'no such route' } }, 404);
  });
  app.onError((error, c) => {
    const known = toApiError(error);
    if (known.code === 'INTERNAL' || known.code === 'UNAVAILABLE')
      deps.log?.({
        level: 'error',
        msg: 'request failed',
        code: known.code,
        path: c.req.path,
        error: String(error),
      });
    return c.json({ error: { code: known.code, message: known.message } }, known.status);
  });

  /** A principal's summary and daily usage; 404 when the store has never seen it. */
  async function principalData(arn: string) {
    validate(PrincipalParam, arn);
    const overview = await deps.reader.overview();
    const summary = overview.byArn.get(arn);
    if (!summary) throw new ApiError('NOT_FOUND', 'no usage recorded for this principal');
    const days = await deps.reader.dailyUsage(arn, fingerprintOf(summary));
    return { summary, days, overview };
  }

  return app;
}

/** The matching {@link Overview} type for callers that build a drift engine. */
export type { Overview };

async function jsonBody(request: Request): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? ''))
    throw new ApiError('BAD_REQUEST', 'body: expected Content-Type application/json');
  try {
    return await request.json();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('BAD_REQUEST', 'body: not valid JSON');
  }
}

function tooLarge(): never {
  throw new ApiError('PAYLOAD_TOO_LARGE', 'body: too large');
}

/** Maps anything thrown to the error the client sees: our own, the store's (retryable → 503), or INTERNAL. */
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreError && error.retryable)
    return new ApiError('UNAVAILABLE', 'the store is busy or unreachable; retry shortly', { cause: error });
  return new ApiError('INTERNAL', 'internal error', { cause: error });
}
