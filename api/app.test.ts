import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../core/analysis/analyzer.js';
import { parseAuthorizationDetails } from '../core/granted/index.js';
import { draftPolicy } from '../core/policy/index.js';
import { mergeUsage } from '../core/usage/merge-usage.js';
import { createApp } from './app.js';
import type {
  AlertsResponse,
  DriftResponse,
  GenerateResponse,
  PrincipalsResponse,
  StatsResponse,
  UsageResponse,
} from './contract.js';
import * as contract from './contract.js';
import { GrantedDriftEngine } from './drift.js';
import { DynamoApiReader } from './read-model/dynamo-reader.js';
import { type ApiFixture, fixtureEvents, startApiFixture, TEST_TOKEN } from './test-support.js';

const ORDERS = 'arn:aws:iam::111122223333:role/service/app/orders-api';
const SNAPSHOT = {
  RoleDetailList: [
    {
      Path: '/service/app/',
      RoleName: 'orders-api',
      RoleId: 'AROAEXAMPLE0000000001',
      Arn: ORDERS,
      RolePolicyList: [
        {
          PolicyName: 'broad',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['s3:*', 'dynamodb:Get*'], Resource: '*' }],
          },
        },
      ],
      AttachedManagedPolicies: [],
    },
  ],
  UserDetailList: [],
  GroupDetailList: [],
  Policies: [],
};

let fx: ApiFixture;
let events: Record<string, unknown>[];
const analyzer = new Analyzer();

/** Ingests events through the consumer and folds them into the reference alike. */
async function ingestBoth(more: Record<string, unknown>[]): Promise<void> {
  await fx.ingest(more);
  for (const event of more) analyzer.addRecord(event);
}

async function json<T>(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; res: Response }> {
  const res = await fx.get(path, init);
  return { status: res.status, body: (await res.json()) as T, res };
}

beforeAll(async () => {
  const granted = parseAuthorizationDetails(SNAPSHOT, Date.parse('2026-11-01T00:00:00Z'));
  fx = await startApiFixture({ grantedFor: async (arn) => granted.get(arn) });
  events = await fixtureEvents(['fixtures/edge', 'fixtures/real/stratus-red-team-detonation-logs']);
  // Two shards, batches of 50: the store merges them; the fold below is the reference.
  for (let i = 0; i < events.length; i += 50)
    await fx.ingest(events.slice(i, i + 50), i % 100 === 0 ? 'shardId-000000000000' : 'shardId-000000000001');
  for (const event of events) analyzer.addRecord(event);
  // Poison: quarantined, counted, never a 5xx.
  await fx.ingest([Buffer.from('{"detail-type": "AWS API Call via CloudTrail", "detail": {')]);
});

afterAll(async () => {
  await fx?.close();
});

describe('auth', () => {
  const dataRoutes = [
    '/stats',
    '/principals',
    `/principals/${encodeURIComponent(ORDERS)}/usage`,
    `/principals/${encodeURIComponent(ORDERS)}/timeline`,
    `/generate?principal=${encodeURIComponent(ORDERS)}`,
    `/drift?principal=${encodeURIComponent(ORDERS)}`,
    '/alerts',
  ];

  it.each(dataRoutes)('%s answers 401 without a token, and with a wrong one', async (path) => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: `Basic ${TEST_TOKEN}` }]) {
      const res = await fx.app.request(path, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(await res.json()).toEqual({
        error: { code: 'UNAUTHORIZED', message: 'missing or invalid bearer token' },
      });
    }
  });

  it.each(['/generate', '/simulate'])('POST %s answers 401 without a token', async (path) => {
    const res = await fx.app.request(path, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
  });

  it('/health and /openapi.json are public', async () => {
    const health = await fx.app.request('/health');
    expect(health.status).toBe(200);
    expect(contract.HealthResponse.parse(await health.json())).toMatchObject({ status: 'ok', store: 'ok' });
    expect((await fx.app.request('/openapi.json')).status).toBe(200);
  });
});

describe('/stats', () => {
  it('totals equal core’s fold of the same events, and services add up', async () => {
    const { status, body } = await json<StatsResponse>('/stats');
    expect(status).toBe(200);
    contract.StatsResponse.parse(body);
    const doc = analyzer.toDocument('test');
    expect(body.totals).toMatchObject({
      principals: doc.principals.length,
      events: doc.totals.calls,
      success: doc.totals.success,
      denied: doc.totals.denied,
      errors: doc.totals.errors,
      notAGrant: doc.totals.notAGrant,
    });
    expect(body.services.reduce((n, s) => n + s.events, 0)).toBe(doc.totals.calls);
    expect(body.services.reduce((n, s) => n + s.denied, 0)).toBe(doc.totals.denied);
    // The edge fixtures' own quarantined record, plus the poison batch.
    expect(body.quarantined.total).toBe(doc.totals.quarantined + 1);
    expect(body.quarantined.byCode.INVALID_JSON).toBeGreaterThanOrEqual(1);
    expect(body.eventsPerMinute).toHaveLength(60);
    expect(body.eventsPerMinute.reduce((n, m) => n + m.events, 0)).toBe(doc.totals.calls);
    expect(body.pipelineLagMs).not.toBeNull();
    expect(body.lastEventTime).toBe(doc.span.last);
    expect(body.alerts).toBeGreaterThan(0);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag once data changes', async () => {
    const first = await fx.get('/stats');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await fx.get('/stats', { headers: { 'if-none-match': tag as string } });
    expect(again.status).toBe(304);
    await ingestBoth([{ ...events[0], eventID: 'etag-new-event-1', eventTime: '2026-11-28T10:00:00Z' }]);
    const changed = await fx.get('/stats', { headers: { 'if-none-match': tag as string } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
  });
});

describe('/principals', () => {
  it('pages through every principal exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: PrincipalsResponse } = await json<PrincipalsResponse>(
        `/principals?limit=7&sort=arn${cursor ? `&cursor=${cursor}` : ''}`,
      );
      contract.PrincipalsResponse.parse(page.body);
      seen.push(...page.body.items.map((p) => p.arn));
      cursor = page.body.nextCursor;
    } while (cursor);
    const doc = analyzer.toDocument('test');
    expect(seen).toEqual(doc.principals.map((p) => p.arn).sort());
  });

  it('filters by account, type and text', async () => {
    const { body } = await json<PrincipalsResponse>(
      '/principals?account=111122223333&type=role&q=SERVICE/APP',
    );
    expect(body.items.map((p) => p.arn)).toEqual([ORDERS]);
    expect(body.items[0]?.driftScore).toBeGreaterThan(50);
    const none = await json<PrincipalsResponse>('/principals?q=no-such-principal');
    expect(none.body).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('sorts by drift with scored principals first', async () => {
    const { body } = await json<PrincipalsResponse>('/principals?sort=drift&limit=3');
    expect(body.items[0]?.arn).toBe(ORDERS);
    expect(body.items[1]?.driftScore).toBeNull();
  });

  it('rejects bad parameters with 400 without echoing them', async () => {
    for (const query of [
      'limit=0',
      'limit=abc',
      'type=<script>',
      'account=123',
      `q=${'<img onerror=x>'.repeat(20)}`,
      'cursor=%3Cscript%3E',
      'cursor=eyJwIjoiYSJ9',
    ]) {
      const { status, body } = await json<{ error: { code: string; message: string } }>(
        `/principals?${query}`,
      );
      expect(status, query).toBe(400);
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.message).not.toMatch(/script|onerror|abc|<|eyJ/);
    }
  });
});

describe('/principals/{arn}/usage and /timeline', () => {
  it('returns the stored aggregates merged over days', async () => {
    const { status, body } = await json<UsageResponse>(
      `/principals/${encodeURIComponent(ORDERS)}/usage?limit=500`,
    );
    expect(status).toBe(200);
    contract.UsageResponse.parse(body);
    const expected = mergeUsage(analyzer.usage().filter((u) => u.principal === ORDERS));
    expect(body.total).toBe(expected.length);
    const calls = (rows: readonly { calls: number; denied: number }[]) =>
      rows.reduce((n, r) => n + r.calls * 1000 + r.denied, 0);
    expect(calls(body.items)).toBe(calls(expected));
    expect(body.principal).toMatchObject({ arn: ORDERS, kind: 'role', accountId: '111122223333' });
  });

  it('timeline days add up to the usage', async () => {
    const { body } = await json<contract.TimelineResponse>(
      `/principals/${encodeURIComponent(ORDERS)}/timeline`,
    );
    contract.TimelineResponse.parse(body);
    const usage = await json<UsageResponse>(`/principals/${encodeURIComponent(ORDERS)}/usage?limit=500`);
    expect(body.days.reduce((n, d) => n + d.calls, 0)).toBe(
      usage.body.items.reduce((n, u) => n + u.calls, 0),
    );
  });

  it('answers 404 for a principal never seen', async () => {
    const { status, body } = await json<{ error: { code: string } }>(
      `/principals/${encodeURIComponent('arn:aws:iam::1:role/x')}/usage`,
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });
});

describe('/generate', () => {
  it('drafts the same policy as core does from the same usage (GET and POST)', async () => {
    const usage = await fx.store.usageOf(ORDERS);
    const expected = draftPolicy(usage, ORDERS, { mode: 'resources' });
    const get = await json<GenerateResponse>(`/generate?principal=${encodeURIComponent(ORDERS)}`);
    expect(get.status).toBe(200);
    contract.GenerateResponse.parse(get.body);
    expect(get.body.documents).toEqual(expected.documents);
    const post = await json<GenerateResponse>('/generate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ principal: ORDERS, exclude: ['s3:*'] }),
    });
    expect(post.status).toBe(200);
    expect(JSON.stringify(post.body.documents)).not.toContain('"s3:');
    expect(post.body.notes.some((n) => n.kind === 'excluded')).toBe(true);
  });

  it('returns a SARIF log valid against the 2.1.0 schema', async () => {
    const { status, body } = await json<Record<string, unknown>>(
      `/generate?format=sarif&principal=${encodeURIComponent(ORDERS)}`,
    );
    expect(status).toBe(200);
    const schema = JSON.parse(readFileSync('test/schemas/sarif-2.1.0.json', 'utf8'));
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validateSarif = ajv.compile(schema);
    expect(validateSarif(body), JSON.stringify(validateSarif.errors?.slice(0, 2))).toBe(true);
  });

  it('rejects malformed bodies and patterns', async () => {
    const bad = [
      { body: '{', type: 'application/json' },
      { body: JSON.stringify({ principal: ORDERS }), type: 'text/plain' },
      { body: JSON.stringify({ principal: ORDERS, allow: ['s3:<b>'] }), type: 'application/json' },
      { body: JSON.stringify({ principal: ORDERS, mode: 'everything' }), type: 'application/json' },
      { body: JSON.stringify({}), type: 'application/json' },
    ];
    for (const { body, type } of bad) {
      const res = await fx.get('/generate', { method: 'POST', body, headers: { 'content-type': type } });
      expect(res.status, body).toBe(400);
    }
    const big = await fx.get('/generate', {
      method: 'POST',
      body: JSON.stringify({ principal: 'x'.repeat(100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
  });
});

describe('/simulate', () => {
  const post = (body: unknown) =>
    json<contract.SimulateResponse & { error?: { code: string; message: string } }>('/simulate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('compares the drafted policy with the granted permissions by default, with no regression', async () => {
    const { status, body } = await post({ principal: ORDERS });
    expect(status).toBe(200);
    contract.SimulateResponse.parse(body);
    expect(body.baseline).toMatch(/^granted permissions \(snapshot\)/);
    expect(body.proposed).toMatch(/^drafted policy/);
    const delta = body.metrics.allowedActionDelta;
    expect(delta.before).toBeGreaterThan(100);
    expect(delta.after).toBeLessThan(delta.before as number);
    expect(delta.removed + delta.kept).toBe(delta.before);
    expect(body.regressionCount).toBe(0);
    expect(body.metrics.resourceConcretenessRatio.after.ratio).toBeGreaterThan(
      body.metrics.resourceConcretenessRatio.before?.ratio ?? 1,
    );
  });

  it('lists the recorded successful calls a narrower proposal would deny', async () => {
    const proposal = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }],
    };
    const { status, body } = await post({ principal: ORDERS, policy: proposal, baseline: 'recorded' });
    expect(status).toBe(200);
    expect(body.baseline).toBeNull();
    expect(body.regressionCount).toBeGreaterThan(0);
    expect(body.regressions.every((r) => r.action !== 'dynamodb:GetItem')).toBe(true);
    expect(body.metrics.allowedActionDelta.after).toBe(1);
  });

  it('rejects an invalid policy without echoing it, and a missing granted baseline with 404', async () => {
    const bad = await post({
      principal: ORDERS,
      policy: { Statement: [{ Effect: 'Maybe<script>', Action: 'x' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toBe('policy: document 1 is not a valid IAM policy');
    const users = await json<PrincipalsResponse>('/principals?type=user&limit=1');
    const none = await post({ principal: users.body.items[0]?.arn, baseline: 'granted' });
    expect(none.status).toBe(404);
  });
});

describe('/drift', () => {
  it('compares the snapshot’s grants with the stored usage', async () => {
    const { status, body } = await json<DriftResponse>(`/drift?principal=${encodeURIComponent(ORDERS)}`);
    expect(status).toBe(200);
    contract.DriftResponse.parse(body);
    expect(body.granted.source).toBe('snapshot');
    expect(body.granted.policies).toEqual([{ name: 'broad', type: 'inline' }]);
    expect(body.counts.granted).toBe(
      body.counts.grantedUnused + body.lastUse.filter((u) => u.lastSeen !== null).length,
    );
    expect(body.score).toBeGreaterThan(50);
    expect(body.grantedUnused.some((u) => u.action === 's3:DeleteBucket')).toBe(true);
  });

  it('reports source none for a principal without known grants', async () => {
    const { body } = await json<PrincipalsResponse>('/principals?type=user&limit=1');
    const arn = body.items[0]?.arn as string;
    const drift = await json<DriftResponse>(`/drift?principal=${encodeURIComponent(arn)}`);
    expect(drift.body.granted.source).toBe('none');
    expect(drift.body.score).toBeNull();
  });
});

describe('/alerts', () => {
  it('lists the consumer’s alerts newest first, pages and filters them', async () => {
    const all = await json<AlertsResponse>('/alerts?limit=500');
    contract.AlertsResponse.parse(all.body);
    expect(all.body.items.length).toBeGreaterThan(1);
    const times = all.body.items.map((a) => a.eventTime);
    expect([...times].sort().reverse()).toEqual(times);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: AlertsResponse } = await json<AlertsResponse>(
        `/alerts?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.body.items.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items.map((a) => a.id));
    const since = times[1] as string;
    const recent = await json<AlertsResponse>(`/alerts?since=${since}`);
    expect(recent.body.items.every((a) => a.eventTime >= since)).toBe(true);
  });

  it('a new high-risk first use appears on the next request', async () => {
    const before = await json<AlertsResponse>('/alerts');
    const template = events.find((e) => e.eventName === 'ListBuckets' && !e.errorCode) as Record<
      string,
      unknown
    >;
    await ingestBoth([
      {
        ...template,
        eventID: 'alert-new-1',
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        eventTime: '2026-11-28T11:00:00Z',
        requestParameters: { userName: 'victim' },
        responseElements: null,
      },
    ]);
    const after = await json<AlertsResponse>('/alerts');
    expect(after.body.items[0]).toMatchObject({
      action: 'iam:CreateAccessKey',
      eventId: 'alert-new-1',
      kind: 'first-use',
    });
    expect(after.body.items.length).toBe(Math.min(50, before.body.items.length + 1));
  });
});

describe('robustness', () => {
  const routes = [
    '/stats',
    '/principals',
    '/alerts',
    '/generate',
    '/drift',
    `/principals/${encodeURIComponent(ORDERS)}/usage`,
    '/principals/x/timeline',
    '/nope',
  ];
  const value = fc.oneof(
    fc.string(),
    fc.constantFrom('0', '-1', '1e9', 'NaN', '%', '%ZZ', '<script>', '2026-13-45', ORDERS),
  );

  it('never answers 5xx to any query string (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.dictionary(
          fc.constantFrom(
            'limit',
            'cursor',
            'sort',
            'type',
            'account',
            'q',
            'principal',
            'since',
            'start',
            'end',
            'format',
            'mode',
            'allow',
            'exclude',
            'x',
          ),
          value,
        ),
        async (route, query) => {
          const search = new URLSearchParams(query).toString();
          const res = await fx.get(`${route}${route.includes('?') ? '&' : '?'}${search}`);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(Object.keys((await res.json()) as object)).toEqual(['error']);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx to any POST /generate or /simulate body (fuzz)', async () => {
    const statement = fc.dictionary(
      fc.constantFrom('Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Sid'),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/generate', '/simulate'),
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify({ principal: ORDERS, mode: v })),
          fc
            .array(statement, { maxLength: 3 })
            .map((Statement) =>
              JSON.stringify({ principal: ORDERS, policy: { Statement }, baseline: { Statement } }),
            ),
        ),
        async (path, body) => {
          const res = await fx.get(path, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json' },
          });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('answers 503 with a generic message when the store is unreachable', async () => {
    const { createDynamoClient } = await import('../stream/aws-clients.js');
    const { DynamoUsageStore } = await import('../stream/store/index.js');
    const client = createDynamoClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      maxAttempts: 1,
    } as never);
    const app = createApp({
      reader: new DynamoApiReader({
        client,
        store: new DynamoUsageStore({ client, tables: { usage: 'u' } }),
        stateTable: 's',
      }),
      drift: new GrantedDriftEngine(undefined),
      auth: { kind: 'token', token: TEST_TOKEN },
      version: 'x',
    });
    const res = await app.request('/stats', { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'the store is busy or unreachable; retry shortly' },
    });
    const health = await app.request('/health');
    expect(health.status).toBe(503);
    client.destroy();
  });

  it('answers through the Lambda adapter as API Gateway (HTTP API, payload 2.0) invokes it', async () => {
    const { handle } = await import('hono/aws-lambda');
    const lambda = handle(fx.app);
    const path = `/principals/${encodeURIComponent(ORDERS)}/usage`;
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: 'limit=2',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, host: 'api.example.com' },
      requestContext: {
        accountId: '111122223333',
        apiId: 'api',
        domainName: 'api.example.com',
        domainPrefix: 'api',
        http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
        requestId: 'r',
        routeKey: '$default',
        stage: '$default',
        time: '28/Nov/2026:10:00:00 +0000',
        timeEpoch: 0,
      },
      isBase64Encoded: false,
    };
    const result = (await lambda(event as never, {} as never)) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body) as UsageResponse;
    expect(body.items).toHaveLength(2);
    expect(body.principal.arn).toBe(ORDERS);
  });

  it('publishes an OpenAPI 3.1 document covering every route', async () => {
    const doc = (await (await fx.app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/alerts',
      '/drift',
      '/generate',
      '/health',
      '/principals',
      '/principals/{arn}/timeline',
      '/principals/{arn}/usage',
      '/simulate',
      '/stats',
    ]);
    expect(Object.keys(doc.paths['/generate'] ?? {}).sort()).toEqual(['get', 'post']);
  });
});
