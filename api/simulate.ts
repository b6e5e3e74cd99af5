import { type Policy, parsePolicy } from '../core/evaluate/index.js';
import type { GrantedPermissions } from '../core/granted/index.js';
import { draftPolicy } from '../core/policy/index.js';
import {
  grantedBaseline,
  type LabelledPolicies,
  type RecordedUsage,
  type SimulationReport,
  simulate,
} from '../core/simulate/index.js';
import type { UsageAggregate } from '../core/usage/aggregate.js';
import type { SimulateRequest, SimulateResponse } from './contract.js';
import { ApiError } from './errors.js';
import { draftOptionsOf } from './views/generate.js';

/** Names listed per action list, and regressions returned; the counts are always complete. */
const SAMPLE = 100;
const MAX_REGRESSIONS = 200;

/**
 * POST /simulate: replays the principal's recorded usage against a baseline (its granted permissions, given
 * documents, or the recorded outcomes) and a proposal (given documents, or the policy /generate drafts), with the
 * same core as `iamlp simulate`.
 */
export function simulateView(
  request: SimulateRequest,
  principal: string,
  usage: readonly UsageAggregate[],
  granted: GrantedPermissions | undefined,
): SimulateResponse {
  const proposed = proposalOf(request, principal, usage);
  const baseline = baselineOf(request, granted);
  const report = simulate({
    principal,
    usage: usage.map(recordedUsageOf),
    proposed: proposed,
    ...(baseline ? { baseline: baseline.policies } : {}),
  });
  return responseOf(report, baseline?.warnings ?? []);
}

function proposalOf(
  request: SimulateRequest,
  principal: string,
  usage: readonly UsageAggregate[],
): LabelledPolicies {
  if (request.policy !== undefined)
    return { label: 'proposed policy', policies: parseDocuments(request.policy, 'policy') };
  const draft = draftPolicy(usage, principal, draftOptionsOf({ ...request, format: 'json' }));
  return {
    label: `drafted policy (${draft.stats.actions} actions)`,
    policies: parseDocuments(draft.documents, 'draft'),
  };
}

function baselineOf(
  request: SimulateRequest,
  granted: GrantedPermissions | undefined,
): { policies: LabelledPolicies; warnings: readonly string[] } | undefined {
  const wanted = request.baseline ?? (granted ? 'granted' : 'recorded');
  if (wanted === 'recorded') return undefined;
  if (wanted !== 'granted')
    return {
      policies: { label: 'baseline policy', policies: parseDocuments(wanted, 'baseline') },
      warnings: [],
    };
  if (!granted)
    throw new ApiError('NOT_FOUND', 'baseline: no granted permissions are known for this principal');
  const built = grantedBaseline(granted, `granted permissions (${granted.source})`);
  if (!built.ok)
    throw new ApiError('UNAVAILABLE', 'baseline: a granted policy of this principal cannot be evaluated');
  return { policies: built.baseline, warnings: built.warnings };
}

function parseDocuments(input: unknown, field: string): Policy[] {
  const documents = Array.isArray(input) ? input : [input];
  return documents.map((document, i) => {
    const parsed = parsePolicy(document, `${field}[${i}]`);
    // The evaluator's message may quote the document: the client gets the position only.
    if (!parsed.ok)
      throw new ApiError('BAD_REQUEST', `${field}: document ${i + 1} is not a valid IAM policy`);
    return parsed.policy;
  });
}

function recordedUsageOf(agg: UsageAggregate): RecordedUsage {
  return {
    action: agg.action,
    resource: agg.resource,
    calls: agg.calls,
    denied: agg.denied,
    regions: agg.regions,
    viaServices: agg.viaServices,
    direct: agg.direct,
    passedTo: agg.passedTo,
    lastSeen: new Date(agg.lastSeen).toISOString(),
  };
}

function responseOf(report: SimulationReport, warnings: readonly string[]): SimulateResponse {
  const {
    allowedActionDelta: delta,
    resourceConcretenessRatio: ratio,
    accessDeniedChange,
    highRiskReductions,
  } = report.metrics;
  return {
    principal: report.principal,
    baseline: report.baseline,
    proposed: report.proposed,
    recorded: { ...report.recorded },
    metrics: {
      allowedActionDelta: {
        before: delta.before,
        after: delta.after,
        removed: delta.removed.length,
        added: delta.added.length,
        kept: delta.kept.length,
        removedSample: delta.removed.slice(0, SAMPLE),
        addedSample: delta.added.slice(0, SAMPLE),
      },
      resourceConcretenessRatio: { before: ratio.before && { ...ratio.before }, after: { ...ratio.after } },
      accessDeniedChange: { ...accessDeniedChange },
      highRiskReductions: highRiskReductions.map((r) => ({
        category: r.category,
        before: r.before,
        after: r.after,
        removed: [...r.removed],
        added: [...r.added],
      })),
    },
    regressions: report.regressions
      .slice(0, MAX_REGRESSIONS)
      .map((r) => ({ action: r.action, resource: r.resource, calls: r.calls, reason: r.reason })),
    regressionCount: report.regressions.length,
    notes: [...warnings, ...report.notes],
  };
}
