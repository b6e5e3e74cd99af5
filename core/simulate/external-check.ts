import { evaluateRequest } from '../evaluate/evaluate.js';
import type { ContextValues, Decision, PolicySet } from '../evaluate/types.js';
import { principalContext, rowContexts } from './request-context.js';
import { mergeUsage } from './simulate.js';
import type { SimulationInput } from './types.js';

/** A request to put to another evaluator (IAM's policy simulator); `resource` is literal, `"*"` included. */
export interface CheckRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: ContextValues;
}

/** Where the local evaluator and the other one disagree about the proposal. */
export interface Disagreement {
  readonly action: string;
  readonly resource: string;
  readonly local: Decision['decision'];
  readonly external: Decision['decision'];
}

/** Result of comparing the local evaluator with another one on the same requests. */
export interface ExternalCheck {
  readonly source: string;
  readonly compared: number;
  /** Requests the other evaluator returned no result for. */
  readonly missing: number;
  readonly disagreements: readonly Disagreement[];
}

/**
 * The requests to compare: every replayed row (its first context variant) and every case. SCPs are left out
 * because IAM's SimulateCustomPolicy cannot take them; an unknown resource is sent as the literal `"*"`.
 */
export function checkRequests(input: SimulationInput): CheckRequest[] {
  const base = { ...principalContext(input.principal), ...input.guardrails?.context };
  const rows = mergeUsage(input.usage).filter((r) => r.calls + r.denied > 0);
  return [
    ...rows.map((r) => ({
      action: r.action,
      resource: r.resource,
      context: rowContexts(r, base)[0] ?? base,
    })),
    ...(input.cases ?? []).map((c) => ({
      action: c.action,
      resource: c.resource ?? '*',
      context: { ...base, ...c.context },
    })),
  ];
}

/** The proposal as the other evaluator sees it: identity policies and the boundary, no SCP. */
function comparableSet(input: SimulationInput): PolicySet {
  const boundary = input.guardrails?.permissionsBoundary ?? input.baseline?.permissionsBoundary;
  return { identity: input.proposed.policies, ...(boundary ? { permissionsBoundary: boundary } : {}) };
}

/** Compares the local decisions on `requests` with another evaluator's (`undefined` = no answer). */
export function compareWithExternal(
  input: SimulationInput,
  requests: readonly CheckRequest[],
  external: readonly (Decision['decision'] | undefined)[],
  source: string,
): ExternalCheck {
  const set = comparableSet(input);
  const disagreements: Disagreement[] = [];
  let missing = 0;
  requests.forEach((request, i) => {
    const theirs = external[i];
    if (theirs === undefined) {
      missing++;
      return;
    }
    const ours = evaluateRequest(set, request).decision;
    if (ours !== theirs)
      disagreements.push({
        action: request.action,
        resource: request.resource,
        local: ours,
        external: theirs,
      });
  });
  return { source, compared: requests.length - missing, missing, disagreements };
}
