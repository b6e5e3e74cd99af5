import { z } from 'zod';
import {
  AlertsQuery,
  AlertsResponse,
  DriftQuery,
  DriftResponse,
  ErrorBody,
  GenerateRequest,
  GenerateResponse,
  HealthResponse,
  PrincipalsQuery,
  PrincipalsResponse,
  SimulateRequest,
  SimulateResponse,
  StatsResponse,
  TimelineQuery,
  TimelineResponse,
  UsageQuery,
  UsageResponse,
} from './contract.js';

interface Operation {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly pathArn?: boolean;
  readonly public?: boolean;
  readonly extra?: Record<string, string>;
}

const OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness and store reachability',
    response: HealthResponse,
    public: true,
  },
  {
    method: 'get',
    path: '/stats',
    summary: 'Totals, per service, top principals, events per minute, pipeline lag, quarantine and alerts',
    response: StatsResponse,
  },
  {
    method: 'get',
    path: '/principals',
    summary: 'Principals with activity and drift score',
    query: PrincipalsQuery,
    response: PrincipalsResponse,
  },
  {
    method: 'get',
    path: '/principals/{arn}/usage',
    summary: "A principal's action × resource usage",
    query: UsageQuery,
    response: UsageResponse,
    pathArn: true,
  },
  {
    method: 'get',
    path: '/principals/{arn}/timeline',
    summary: "A principal's activity per UTC day",
    query: TimelineQuery,
    response: TimelineResponse,
    pathArn: true,
  },
  {
    method: 'get',
    path: '/generate',
    summary: 'Draft a least-privilege policy (format=sarif returns a SARIF 2.1.0 log instead)',
    query: GenerateRequest,
    response: GenerateResponse,
  },
  {
    method: 'post',
    path: '/generate',
    summary:
      'Draft a least-privilege policy from a JSON body (same fields as the query form; arrays for patterns)',
    body: GenerateRequest,
    response: GenerateResponse,
  },
  {
    method: 'post',
    path: '/simulate',
    summary:
      'Replay recorded usage against a baseline and a proposed policy: the four simulator metrics and regressions',
    body: SimulateRequest,
    response: SimulateResponse,
  },
  {
    method: 'get',
    path: '/drift',
    summary: 'Granted versus used permissions of a principal',
    query: DriftQuery,
    response: DriftResponse,
  },
  {
    method: 'get',
    path: '/alerts',
    summary: 'High-risk first-use and denied-attempt alerts, newest first',
    query: AlertsQuery,
    response: AlertsResponse,
  },
];

const ERRORS: Record<string, string> = {
  '400': 'Invalid parameter',
  '401': 'Missing or invalid credentials',
  '404': 'Unknown principal or route',
  '503': 'Store unavailable',
};

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of the API, generated from the contract's zod schemas (built once). */
export function buildOpenApi(version: string): Record<string, unknown> {
  if (cached && (cached.info as { version: string }).version === version) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const responses: Record<string, unknown> = {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: schemaOf(op.response, 'output') } },
      },
    };
    if (!op.public) responses['304'] = { description: 'Not modified (If-None-Match matched the ETag)' };
    for (const [status, description] of Object.entries(ERRORS))
      if (!op.public || status === '503')
        responses[status] = {
          description,
          content: { 'application/json': { schema: schemaOf(ErrorBody, 'output') } },
        };
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        ...(op.public ? { security: [] } : {}),
        parameters: [...(op.pathArn ? [ARN_PARAMETER] : []), ...queryParameters(op.query)],
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: schemaOf(op.body, 'input') } },
              },
            }
          : {}),
        responses,
      },
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'iamlp API',
      version,
      description:
        'Least-privilege IAM policy drafts, granted-versus-used drift and high-risk alerts from CloudTrail activity.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Local mode: the token printed by `iamlp dev`',
        },
        sigv4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'Deployed: AWS SigV4 (IAM authorization)',
        },
      },
    },
    security: [{ bearer: [] }, { sigv4: [] }],
    paths,
  };
  return cached;
}

const ARN_PARAMETER = {
  name: 'arn',
  in: 'path',
  required: true,
  description: 'Principal ARN (or service name), percent-encoded',
  schema: { type: 'string' },
};

function queryParameters(query: z.ZodObject | undefined): unknown[] {
  if (!query) return [];
  const schema = schemaOf(query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}
