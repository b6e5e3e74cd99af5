/**
 * The HTTP contract of the iamlp API: every query, body and response as a zod schema. The app validates requests
 * with these, the OpenAPI document is generated from them, and the web UI's types are inferred from them, so the
 * three cannot drift apart. Times are ISO 8601 strings in UTC; counts are non-negative integers.
 */
import { z } from 'zod';
import { PRINCIPAL_KINDS } from '../core/types.js';

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

const count = z.number().int().nonnegative();
const isoTime = z.string().describe('ISO 8601 date-time, UTC');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day YYYY-MM-DD')
  .describe('UTC day YYYY-MM-DD');

/** A day (`2026-11-28`) or a date-time (`2026-11-28T10:00:00Z`); parsed to epoch ms. */
export const TimeParam = z
  .string()
  .max(40)
  .refine((value) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value), {
    message: 'must be a day YYYY-MM-DD or an ISO 8601 date-time',
  })
  .refine((value) => Number.isFinite(Date.parse(value)), { message: 'is not a valid date' });

/** Principal ARN or AWS service name as iamlp aggregates it (see core/principal). */
export const PrincipalParam = z.string().min(1, 'is required').max(2048, 'is longer than 2048 characters');

/** Principal kinds, as core defines them. */
export { PRINCIPAL_KINDS };

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page (1–500, default 50)'),
  cursor: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]*$/, 'is not a cursor returned by this API')
    .optional()
    .describe('`nextCursor` of the previous page'),
});

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum([
        'BAD_REQUEST',
        'UNAUTHORIZED',
        'NOT_FOUND',
        'METHOD_NOT_ALLOWED',
        'PAYLOAD_TOO_LARGE',
        'UNAVAILABLE',
        'INTERNAL',
      ]),
      message: z.string(),
    }),
  })
  .describe('Every error response');

export const PrincipalIdentity = z.object({
  arn: z.string(),
  kind: z.enum(PRINCIPAL_KINDS),
  accountId: z.string(),
  partition: z.string(),
  flags: z.array(z.string()),
  draftable: z.boolean(),
});

// ---------------------------------------------------------------------------------------------------------------
// GET /health

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  store: z.enum(['ok', 'unavailable']),
  time: isoTime,
});

// ---------------------------------------------------------------------------------------------------------------
// GET /stats

export const StatsResponse = z.object({
  /** When the API read these figures from the store: it refreshes its view every few seconds. */
  generatedAt: isoTime,
  totals: z.object({
    principals: count,
    events: count,
    success: count,
    denied: count,
    errors: count,
    notAGrant: count,
    unmapped: count,
    crossAccount: count,
  }),
  services: z.array(z.object({ service: z.string(), events: count, denied: count })),
  topPrincipals: z.array(
    z.object({
      arn: z.string(),
      kind: z.enum(PRINCIPAL_KINDS),
      events: count,
      denied: count,
      lastSeen: isoTime,
    }),
  ),
  /** Events stored per minute of arrival, oldest first, over the last hour (minutes with none included as 0). */
  eventsPerMinute: z.array(z.object({ minute: isoTime, events: count })),
  lastEventTime: isoTime.nullable(),
  /** Arrival in Kinesis → stored, for the most recent batch; null before the first batch. */
  pipelineLagMs: count.nullable(),
  quarantined: z.object({ total: count, byCode: z.record(z.string(), count) }),
  alerts: count,
});

// ---------------------------------------------------------------------------------------------------------------
// GET /principals

export const PrincipalsQuery = PageQuery.extend({
  account: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit account id')
    .optional(),
  type: z.enum(PRINCIPAL_KINDS).optional(),
  q: z
    .string()
    .max(200, 'is longer than 200 characters')
    .optional()
    .describe('Case-insensitive text in the ARN'),
  sort: z
    .enum(['lastSeen', 'events', 'drift', 'arn'])
    .default('lastSeen')
    .describe('drift: highest score first among the 200 most active matching principals, then the rest'),
});

export const PrincipalListItem = PrincipalIdentity.extend({
  events: count,
  success: count,
  denied: count,
  errors: count,
  firstSeen: isoTime,
  lastSeen: isoTime,
  /** 0 (uses all it is granted) … 100 (uses none of it); null when no granted permissions are known. */
  driftScore: z.number().min(0).max(100).nullable(),
  alerts: count,
});

export const PrincipalsResponse = z.object({
  items: z.array(PrincipalListItem),
  total: count,
  nextCursor: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------------------------
// GET /principals/{arn}/usage and /principals/{arn}/timeline

export const UsageQuery = PageQuery.extend({
  start: day.optional(),
  end: day.optional(),
});

export const UsageItem = z.object({
  action: z.string(),
  resource: z.string(),
  calls: count,
  denied: count,
  errors: count,
  firstSeen: isoTime,
  lastSeen: isoTime,
});

export const UsageResponse = z.object({
  principal: PrincipalIdentity,
  items: z.array(UsageItem),
  total: count,
  nextCursor: z.string().nullable(),
});

export const TimelineQuery = z.object({ start: day.optional(), end: day.optional() });

export const TimelineResponse = z.object({
  principal: z.string(),
  days: z.array(z.object({ day, calls: count, denied: count, errors: count, actions: count })),
});

// ---------------------------------------------------------------------------------------------------------------
// GET|POST /generate

const pattern = z
  .string()
  .max(256)
  .regex(/^[A-Za-z0-9*?:_-]+$/, 'must be an action pattern such as s3:Get* or *:List*');
const patterns = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').filter((v) => v !== '') : value),
  z.array(pattern).max(100),
);

export const GenerateRequest = z.object({
  principal: PrincipalParam,
  mode: z.enum(['resources', 'actions']).default('resources'),
  start: TimeParam.optional(),
  end: TimeParam.optional(),
  allow: patterns
    .optional()
    .describe('Keep only actions matching these patterns (comma-separated in a query)'),
  exclude: patterns.optional().describe('Drop actions matching these patterns (comma-separated in a query)'),
  format: z.enum(['json', 'sarif']).default('json'),
});

const PolicyStatement = z.object({
  Sid: z.string(),
  Effect: z.literal('Allow'),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.union([z.string(), z.array(z.string())]),
  Condition: z
    .record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())])))
    .optional(),
});

export const GenerateResponse = z.object({
  principal: z.string(),
  generatedAt: isoTime,
  documents: z.array(z.object({ Version: z.literal('2012-10-17'), Statement: z.array(PolicyStatement) })),
  notes: z.array(z.object({ kind: z.string(), action: z.string().optional(), detail: z.string() })),
  stats: z.object({
    actions: count,
    statements: count,
    successfulCalls: count,
    deniedOnlyActions: count,
    unresolvedActions: z.array(z.string()),
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// GET /drift

export const DriftQuery = z.object({ principal: PrincipalParam });

export const DriftResponse = z.object({
  principal: z.string(),
  granted: z.object({
    /** Where the granted permissions came from; `none` when neither a snapshot nor IAM knows the principal. */
    source: z.enum(['snapshot', 'iam', 'none']),
    fetchedAt: isoTime.nullable(),
    policies: z.array(
      z.object({
        name: z.string(),
        type: z.enum(['inline', 'managed', 'group-inline', 'group-managed']),
        arn: z.string().optional(),
      }),
    ),
    permissionsBoundary: z.string().nullable(),
    /** Things the expansion could not account for exactly (conditions, NotResource, boundaries). */
    caveats: z.array(z.string()),
  }),
  /** 0 … 100, see core/drift; null when source is `none`. */
  score: z.number().min(0).max(100).nullable(),
  counts: z.object({
    granted: count,
    used: count,
    grantedUnused: count,
    usedNotGranted: count,
    deniedActions: count,
  }),
  grantedUnused: z.array(z.object({ action: z.string(), accessLevel: z.string(), highRisk: z.boolean() })),
  usedNotGranted: z.array(z.object({ action: z.string(), calls: count, lastSeen: isoTime })),
  denied: z.array(z.object({ action: z.string(), resource: z.string(), denied: count, lastSeen: isoTime })),
  /** Every granted action with its last successful use (null = never used in the data). */
  lastUse: z.array(z.object({ action: z.string(), lastSeen: isoTime.nullable() })),
});

// ---------------------------------------------------------------------------------------------------------------
// GET /alerts

export const AlertsQuery = PageQuery.extend({
  since: TimeParam.optional().describe('Only alerts whose event time is at or after this'),
  principal: PrincipalParam.optional(),
});

export const AlertItem = z.object({
  id: z.string(),
  kind: z.enum(['first-use', 'denied']),
  principal: z.string(),
  action: z.string(),
  category: z.string(),
  severity: z.string(),
  reason: z.string(),
  resource: z.string(),
  eventId: z.string(),
  eventTime: isoTime,
  eventName: z.string(),
  region: z.string(),
  errorCode: z.string().optional(),
  detectedAt: isoTime,
});

export const AlertsResponse = z.object({ items: z.array(AlertItem), nextCursor: z.string().nullable() });

// ---------------------------------------------------------------------------------------------------------------
// POST /simulate

/** An IAM policy document as IAM accepts it (checked in depth by the evaluator). */
const PolicyDocumentInput = z.looseObject({
  Version: z.string().max(20).optional(),
  Statement: z.union([z.looseObject({}), z.array(z.looseObject({})).min(1).max(200)]),
});
const PolicyDocuments = z.union([PolicyDocumentInput, z.array(PolicyDocumentInput).min(1).max(20)]);

export const SimulateRequest = z.object({
  principal: PrincipalParam,
  /** Proposed policy documents; absent: the policy /generate drafts with the options below. */
  policy: PolicyDocuments.optional(),
  /**
   * What the proposal is compared with: `granted` (the principal's granted permissions; 404 when unknown), policy
   * documents, or `recorded` (the recorded outcomes). Absent: `granted` when known, else `recorded`.
   */
  baseline: z.union([z.enum(['granted', 'recorded']), PolicyDocuments]).optional(),
  mode: z.enum(['resources', 'actions']).default('resources'),
  start: TimeParam.optional(),
  end: TimeParam.optional(),
  allow: z.array(pattern).max(100).optional(),
  exclude: z.array(pattern).max(100).optional(),
});

const concreteness = z.object({
  concrete: count,
  total: count,
  ratio: z.number().min(0).max(1),
  wildcardOnly: count,
});
const rowChange = z.object({ action: z.string(), resource: z.string(), calls: count, reason: z.string() });

export const SimulateResponse = z.object({
  principal: z.string(),
  /** Label of the baseline (null: recorded outcomes). */
  baseline: z.string().nullable(),
  proposed: z.string(),
  recorded: z.object({ rows: count, successfulCalls: count, deniedCalls: count }),
  metrics: z.object({
    allowedActionDelta: z.object({
      before: count.nullable(),
      after: count,
      removed: count,
      added: count,
      kept: count,
      /** The first 100 names of each list, sorted. */
      removedSample: z.array(z.string()),
      addedSample: z.array(z.string()),
    }),
    resourceConcretenessRatio: z.object({ before: concreteness.nullable(), after: concreteness }),
    accessDeniedChange: z.object({
      before: count,
      beforeSource: z.enum(['baseline', 'recorded']),
      after: count,
      newlyDenied: count,
      newlyAllowed: count,
      baselineGaps: count,
      unknownResourceRows: count,
    }),
    highRiskReductions: z.array(
      z.object({
        category: z.string(),
        before: count.nullable(),
        after: count,
        removed: z.array(z.string()),
        added: z.array(z.string()),
      }),
    ),
  }),
  /** Successful recorded calls the proposal would deny (first 200). */
  regressions: z.array(rowChange),
  regressionCount: count,
  notes: z.array(z.string()),
});

// ---------------------------------------------------------------------------------------------------------------
// Inferred types for the app and the UI

export type HealthResponse = z.infer<typeof HealthResponse>;
export type StatsResponse = z.infer<typeof StatsResponse>;
export type PrincipalsQuery = z.infer<typeof PrincipalsQuery>;
export type PrincipalListItem = z.infer<typeof PrincipalListItem>;
export type PrincipalsResponse = z.infer<typeof PrincipalsResponse>;
export type UsageQuery = z.infer<typeof UsageQuery>;
export type UsageItem = z.infer<typeof UsageItem>;
export type UsageResponse = z.infer<typeof UsageResponse>;
export type TimelineResponse = z.infer<typeof TimelineResponse>;
export type GenerateRequest = z.infer<typeof GenerateRequest>;
export type GenerateResponse = z.infer<typeof GenerateResponse>;
export type DriftResponse = z.infer<typeof DriftResponse>;
export type AlertsQuery = z.infer<typeof AlertsQuery>;
export type AlertItem = z.infer<typeof AlertItem>;
export type AlertsResponse = z.infer<typeof AlertsResponse>;
export type ErrorBody = z.infer<typeof ErrorBody>;
export type SimulateRequest = z.infer<typeof SimulateRequest>;
export type SimulateResponse = z.infer<typeof SimulateResponse>;
