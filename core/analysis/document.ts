import { z } from 'zod';
import { PRINCIPAL_KINDS, QUARANTINE_CODES } from '../types.js';

/**
 * The analysis document `iamlp analyze` writes and `iamlp generate` reads. Documented in docs/ANALYSIS.md;
 * bump ANALYSIS_VERSION on any incompatible change. Times are ISO-8601 UTC strings.
 */
export const ANALYSIS_FORMAT = 'iamlp-analysis';
export const ANALYSIS_VERSION = 1;

const iso = z.iso.datetime();
const boundedSet = z.object({ values: z.array(z.string()), truncated: z.boolean() });
const count = z.number().int().nonnegative();

/** One principal × action × resource × day aggregate, as serialised. */
export const UsageRowSchema = z.object({
  principal: z.string(),
  action: z.string(),
  resource: z.string(),
  window: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  origin: z.enum(['record', 'request', 'wildcard-only', 'unscoped', 'unresolved']),
  calls: count,
  denied: count,
  errors: count,
  firstSeen: iso,
  lastSeen: iso,
  regions: z.array(z.string()),
  sourceAccounts: z.array(z.string()),
  sessions: boundedSet,
  sourceIdentities: boundedSet,
  viaServices: z.array(z.string()),
  direct: z.boolean(),
  passedTo: z.array(z.string()),
});
export type UsageRow = z.infer<typeof UsageRowSchema>;

/** Per-principal totals, as serialised. */
export const PrincipalRowSchema = z.object({
  arn: z.string(),
  kind: z.enum(PRINCIPAL_KINDS),
  accountId: z.string(),
  partition: z.string(),
  flags: z.array(z.enum(['service-linked', 'aws-service', 'identity-center', 'web-identity-session'])),
  draftable: z.boolean(),
  events: count,
  success: count,
  denied: count,
  errors: count,
  notAGrant: count,
  unmapped: count,
  crossAccount: count,
  firstSeen: iso,
  lastSeen: iso,
});
export type PrincipalRow = z.infer<typeof PrincipalRowSchema>;

/** A quarantined record or unreadable input, located by file and line where known. */
export const QuarantineSampleSchema = z.object({
  source: z.string(),
  line: z.number().int().positive().optional(),
  code: z.enum([...QUARANTINE_CODES]),
  reason: z.string(),
  eventId: z.string().optional(),
});
export type QuarantineSample = z.infer<typeof QuarantineSampleSchema>;

/** An event name that could not be mapped to IAM actions. */
export const UnmappedRowSchema = z.object({
  eventSource: z.string(),
  eventName: z.string(),
  count,
  reason: z.string(),
});
export type UnmappedRow = z.infer<typeof UnmappedRowSchema>;

/** The whole analysis document. */
export const AnalysisDocumentSchema = z.object({
  format: z.literal(ANALYSIS_FORMAT),
  version: z.literal(ANALYSIS_VERSION),
  generator: z.object({ name: z.literal('iamlp'), version: z.string(), iamReference: z.string() }),
  /** Time filter applied while analysing (inclusive); null when open. */
  filter: z.object({ start: iso.nullable(), end: iso.nullable() }),
  /** First and last event time actually analysed; null when there were no calls. */
  span: z.object({ first: iso.nullable(), last: iso.nullable() }),
  totals: z.object({
    records: count,
    calls: count,
    duplicates: count,
    outOfWindow: count,
    quarantined: count,
    success: count,
    denied: count,
    errors: count,
    notAGrant: count,
    unmapped: count,
  }),
  quarantine: z.object({
    byCode: z.record(z.string(), count),
    samples: z.array(QuarantineSampleSchema),
  }),
  notAGrant: z.record(z.string(), count),
  unmapped: z.array(UnmappedRowSchema),
  principals: z.array(PrincipalRowSchema),
  usage: z.array(UsageRowSchema),
});
export type AnalysisDocument = z.infer<typeof AnalysisDocumentSchema>;
