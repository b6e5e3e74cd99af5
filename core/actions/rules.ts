import type { ActionTarget } from '../call-context.js';
import type { Clause, Rule } from './action-map-data.js';
import { passedToService } from './pass-role.js';
import { lookupAction } from './reference-data.js';
import {
  clausesHold,
  type RequestParameters,
  templateRequestPaths,
  templateResolves,
} from './request-params.js';

/** A rule resolved against the IAM reference data: its target is fixed, only whether it applies varies. */
export interface CompiledRule {
  readonly target: ActionTarget;
  readonly when?: readonly Clause[];
  /** iam:PassRole: applies only when the request names the role (`target.arnTemplate` resolves). */
  readonly passRole: boolean;
  /** Request paths the PassRole ARN template reads; all must have values. */
  readonly rolePaths: readonly string[];
}

/** Turns rules into targets; rules whose action IAM does not know are skipped (tests keep the tables clean). */
export function compileRules(prefix: string, rules: readonly Rule[]): CompiledRule[] {
  const compiled: CompiledRule[] = [];
  for (const rule of rules) {
    const info = lookupAction(rule.action);
    if (info === undefined) continue;
    const passRole = info.action === 'iam:PassRole';
    const target: ActionTarget = Object.freeze({
      info,
      ...(rule.vars ? { resourceVars: rule.vars } : {}),
      ...(rule.arn ? { arnTemplate: rule.arn } : {}),
      ...(passRole && rule.arn ? { passedToService: passedToService(prefix, rule.arn) } : {}),
    });
    const rolePaths = passRole ? templateRequestPaths(rule.arn ?? '') : [];
    compiled.push({ target, passRole, rolePaths, ...(rule.when ? { when: rule.when } : {}) });
  }
  return compiled;
}

/** True when the targets depend on the request parameters. */
export function isConditional(rules: readonly CompiledRule[]): boolean {
  return rules.some((r) => r.passRole || r.when !== undefined);
}

/**
 * Selects the targets a request needs. Conditions read absent parameters as absent fields (a GetObject without
 * `versionId` needs s3:GetObject). When the conditions select none of the call's own actions — parameters
 * missing, redacted or shaped unlike the table expects — every candidate is kept rather than none: the call
 * succeeded or failed on some of them, and dropping the call would hide it from the policy.
 */
export function selectTargets(
  rules: readonly CompiledRule[],
  params: RequestParameters | null,
): ActionTarget[] {
  const selected: ActionTarget[] = [];
  let ownActions = 0;
  for (const rule of rules) {
    if (rule.passRole && !templateResolves(rule.rolePaths, params)) continue;
    if (rule.when !== undefined && !clausesHold(rule.when, params)) continue;
    selected.push(rule.target);
    if (!rule.passRole) ownActions++;
  }
  if (ownActions > 0) return selected;
  const candidates = rules.filter((r) => !r.passRole).map((r) => r.target);
  return [...candidates, ...selected];
}
