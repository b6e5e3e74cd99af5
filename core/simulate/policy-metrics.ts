import { lookupAction } from '../actions/reference-data.js';
import { allowedActions, statementActions } from '../evaluate/allowed-actions.js';
import type { PolicySet } from '../evaluate/types.js';
import { highRiskActions } from '../risk/catalog.js';
import { RISK_CATEGORIES } from '../risk/types.js';
import type { Concreteness, HighRiskReduction } from './types.js';

/** What the metrics need to know about one policy set, computed once. */
export interface PolicyProfile {
  /** Canonical names of the actions the set may allow, sorted. */
  readonly actions: readonly string[];
  readonly concreteness: Concreteness;
}

/**
 * Distinct (action, resource pattern) pairs of the identity Allow statements, over the actions the whole set
 * allows; a `NotResource` statement counts as `"*"` since it grants everything but a few resources.
 */
function concretenessOf(set: PolicySet, allowed: ReadonlySet<string>): Concreteness {
  const pairs = new Set<string>();
  let concrete = 0;
  let wildcardOnly = 0;
  for (const policy of set.identity) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow') continue;
      const resources = s.notResource ? ['*'] : s.resources;
      for (const action of statementActions(s)) {
        if (!allowed.has(action)) continue;
        for (const resource of resources) {
          const key = `${action}\n${resource}`;
          if (pairs.has(key)) continue;
          pairs.add(key);
          if (resource !== '*') concrete++;
          else if (lookupAction(action)?.wildcardOnly) wildcardOnly++;
        }
      }
    }
  }
  const total = pairs.size;
  return { concrete, total, ratio: total === 0 ? 1 : concrete / total, wildcardOnly };
}

/** Computes the allowed actions and resource concreteness of a policy set. */
export function profilePolicySet(set: PolicySet): PolicyProfile {
  const actions = allowedActions(set);
  const lower = new Set(actions.map((a) => a.toLowerCase()));
  return { actions, concreteness: concretenessOf(set, lower) };
}

/** Actions removed, added and kept between two sorted action lists. */
export function actionDelta(before: readonly string[] | undefined, after: readonly string[]) {
  const afterSet = new Set(after);
  const beforeSet = new Set(before ?? []);
  return {
    before: before ? before.length : null,
    after: after.length,
    removed: (before ?? []).filter((a) => !afterSet.has(a)),
    // Without a baseline everything the proposal allows is new to the reader.
    added: before ? after.filter((a) => !beforeSet.has(a)) : [...after],
    kept: before ? after.filter((a) => beforeSet.has(a)) : [],
  };
}

/** High-risk catalog actions allowed before and after, per catalog category in catalog order. */
export function highRiskReductions(
  before: readonly string[] | undefined,
  after: readonly string[],
): HighRiskReduction[] {
  const beforeSet = before ? new Set(before) : undefined;
  const afterSet = new Set(after);
  return RISK_CATEGORIES.map((category) => {
    const entries = highRiskActions().filter((e) => e.category === category);
    const was = beforeSet ? entries.filter((e) => beforeSet.has(e.action)).map((e) => e.action) : undefined;
    const now = entries.filter((e) => afterSet.has(e.action)).map((e) => e.action);
    const nowSet = new Set(now);
    const wasSet = new Set(was ?? []);
    return {
      category,
      before: was ? was.length : null,
      after: now.length,
      removed: (was ?? []).filter((a) => !nowSet.has(a)),
      added: was ? now.filter((a) => !wasSet.has(a)) : now,
      allowed: now,
    };
  });
}
