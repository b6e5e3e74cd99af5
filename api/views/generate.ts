import { IAM_REFERENCE_VERSION } from '../../core/actions/reference-data.js';
import { ANALYSIS_FORMAT, ANALYSIS_VERSION, type AnalysisDocument } from '../../core/analysis/document.js';
import { toPrincipalRow, toUsageRow } from '../../core/analysis/rows.js';
import { type DraftOptions, draftPolicy } from '../../core/policy/index.js';
import { type SarifLog, toSarif } from '../../core/sarif/index.js';
import type { UsageAggregate } from '../../core/usage/aggregate.js';
import { type StoredSummary, toPrincipalSummary } from '../../stream/store/summary.js';
import type { GenerateRequest, GenerateResponse } from '../contract.js';
import { iso, parseTime } from './time.js';

/** The draft options of a validated /generate request (the same core options the CLI builds). */
export function draftOptionsOf(request: GenerateRequest): DraftOptions {
  return {
    mode: request.mode,
    ...(request.allow && request.allow.length > 0 ? { allowActions: request.allow } : {}),
    ...(request.exclude && request.exclude.length > 0 ? { excludeActions: request.exclude } : {}),
    ...(request.start === undefined ? {} : { start: parseTime(request.start, 'start') }),
    ...(request.end === undefined ? {} : { end: parseTime(request.end, 'end') }),
  };
}

/** The JSON /generate body: the drafted documents, notes and stats of one principal. */
export function generateView(
  summary: StoredSummary,
  usage: readonly UsageAggregate[],
  request: GenerateRequest,
  generatedAt: number,
): GenerateResponse {
  const draft = draftPolicy(usage, summary.arn, draftOptionsOf(request));
  return {
    principal: draft.principal,
    generatedAt: iso(generatedAt),
    documents: draft.documents,
    notes: draft.notes.map((n) => ({
      kind: n.kind,
      ...(n.action === undefined ? {} : { action: n.action }),
      detail: n.detail,
    })),
    stats: { ...draft.stats, unresolvedActions: [...draft.stats.unresolvedActions] },
  };
}

/** The SARIF /generate body: the same findings `iamlp generate --format sarif` reports, for one principal. */
export function sarifView(
  summary: StoredSummary,
  usage: readonly UsageAggregate[],
  version: string,
  analysisUri: string,
): SarifLog {
  return toSarif(principalDocument(summary, usage, version), {
    analysisUri,
    toolVersion: version,
    principals: [summary.arn],
  });
}

/** An analysis document holding one principal's stored usage, as `iamlp analyze` would have written it. */
export function principalDocument(
  summary: StoredSummary,
  usage: readonly UsageAggregate[],
  version: string,
): AnalysisDocument {
  const core = toPrincipalSummary(summary);
  return {
    format: ANALYSIS_FORMAT,
    version: ANALYSIS_VERSION,
    generator: { name: 'iamlp', version, iamReference: IAM_REFERENCE_VERSION },
    filter: { start: null, end: null },
    span: { first: iso(summary.firstSeen), last: iso(summary.lastSeen) },
    totals: {
      records: summary.events,
      calls: summary.events,
      duplicates: 0,
      outOfWindow: 0,
      quarantined: 0,
      success: summary.success,
      denied: summary.denied,
      errors: summary.errors,
      notAGrant: summary.notAGrant,
      unmapped: summary.unmapped,
    },
    quarantine: { byCode: {}, samples: [] },
    notAGrant: {},
    unmapped: [],
    principals: [toPrincipalRow(core)],
    usage: usage.map(toUsageRow),
  };
}
