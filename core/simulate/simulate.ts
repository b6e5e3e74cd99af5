import { evaluateRequest } from '../evaluate/evaluate.js';
import type { ContextValues, PolicySet } from '../evaluate/types.js';
import { actionDelta, highRiskReductions, type PolicyProfile, profilePolicySet } from './policy-metrics.js';
import { describeDecision, replayUsage } from './replay.js';
import { principalContext } from './request-context.js';
import type {
  CaseResult,
  LabelledPolicies,
  RecordedUsage,
  SimulationCase,
  SimulationInput,
  SimulationReport,
} from './types.js';
import { unknownActionNotes } from './unknown-actions.js';

const union = (a: readonly string[] | undefined, b: readonly string[] | undefined) => [
  ...new Set([...(a ?? []), ...(b ?? [])]),
];

/** The later of two ISO times (they compare as strings), as an optional `lastSeen`. */
function latest(a: string | undefined, b: string | undefined): { lastSeen?: string } {
  const last = a === undefined ? b : b === undefined || a > b ? a : b;
  return last === undefined ? {} : { lastSeen: last };
}

/** Merges the per-day rows of one action × resource into one request to replay. */
export function mergeUsage(usage: readonly RecordedUsage[]): RecordedUsage[] {
  const merged = new Map<string, RecordedUsage>();
  for (const row of usage) {
    const key = `${row.action.toLowerCase()}\n${row.resource}`;
    const prev = merged.get(key);
    merged.set(
      key,
      prev === undefined
        ? row
        : {
            action: prev.action,
            resource: prev.resource,
            calls: prev.calls + row.calls,
            denied: prev.denied + row.denied,
            regions: union(prev.regions, row.regions),
            viaServices: union(prev.viaServices, row.viaServices),
            direct: prev.direct !== false || row.direct !== false,
            passedTo: union(prev.passedTo, row.passedTo),
            ...latest(prev.lastSeen, row.lastSeen),
          },
    );
  }
  return [...merged.values()];
}

function policySet(source: LabelledPolicies, input: SimulationInput): PolicySet {
  const boundary = input.guardrails?.permissionsBoundary ?? input.baseline?.permissionsBoundary;
  const scpLevels = input.guardrails?.scpLevels;
  return {
    identity: source.policies,
    ...(scpLevels ? { scpLevels } : {}),
    ...(boundary ? { permissionsBoundary: boundary } : {}),
  };
}

function runCase(
  c: SimulationCase,
  sets: { before?: PolicySet; after: PolicySet },
  base: ContextValues,
): CaseResult {
  const request = { action: c.action, resource: c.resource, context: { ...base, ...c.context } };
  const after = evaluateRequest(sets.after, request);
  const allowed = after.decision === 'Allow';
  return {
    name: c.name ?? `${c.action} on ${c.resource ?? 'any resource'}`,
    action: c.action,
    resource: c.resource ?? '*',
    before: sets.before ? evaluateRequest(sets.before, request).decision : null,
    after: after.decision,
    reason: describeDecision(after),
    ...(c.expect ? { expect: c.expect } : {}),
    ok: c.expect === undefined || (c.expect === 'allow') === allowed,
  };
}

/**
 * Replays a principal's recorded calls against its baseline policies (optional) and a proposed policy, and
 * measures the change: allowed actions, resource concreteness, AccessDenied outcomes, high-risk permissions,
 * regressions and the outcome of extra cases. Pure and deterministic.
 */
export function simulate(input: SimulationInput): SimulationReport {
  const after = policySet(input.proposed, input);
  const before = input.baseline ? policySet(input.baseline, input) : undefined;
  const afterProfile = profilePolicySet(after);
  const beforeProfile: PolicyProfile | undefined = before ? profilePolicySet(before) : undefined;
  const base: ContextValues = { ...principalContext(input.principal), ...input.guardrails?.context };
  const usage = mergeUsage(input.usage);
  const replay = replayUsage(usage, { before, after }, base);
  const sets = before ? { before, after } : { after };
  return {
    principal: input.principal,
    baseline: input.baseline?.label ?? null,
    proposed: input.proposed.label,
    recorded: {
      rows: usage.filter((r) => r.calls + r.denied > 0).length,
      successfulCalls: usage.reduce((n, r) => n + r.calls, 0),
      deniedCalls: usage.reduce((n, r) => n + r.denied, 0),
    },
    metrics: {
      allowedActionDelta: actionDelta(beforeProfile?.actions, afterProfile.actions),
      resourceConcretenessRatio: {
        before: beforeProfile?.concreteness ?? null,
        after: afterProfile.concreteness,
      },
      accessDeniedChange: replay.accessDeniedChange,
      highRiskReductions: highRiskReductions(beforeProfile?.actions, afterProfile.actions),
    },
    regressions: replay.regressions,
    newlyAllowed: replay.newlyAllowed,
    cases: (input.cases ?? []).map((c) => runCase(c, sets, base)),
    notes: [
      ...unknownActionNotes(input.proposed),
      ...(input.baseline ? unknownActionNotes(input.baseline) : []),
    ],
  };
}
