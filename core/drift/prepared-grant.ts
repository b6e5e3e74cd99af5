import type { AccessLevel } from '../actions/reference-data.js';
import { actionInfoOf, compareCodeUnits } from '../granted/expand-actions.js';
import { grantedActions } from '../granted/granted-actions.js';
import type { GrantedPermissions } from '../granted/types.js';
import { riskOf } from '../risk/index.js';
import { ACCESS_LEVEL_WEIGHTS } from './score.js';
import type { DriftUnusedAction } from './types.js';

/** Order in which unused actions are listed: the levels that can do most harm first. */
const LEVEL_RANK: Readonly<Record<AccessLevel, number>> = {
  'Permissions management': 0,
  Write: 1,
  Tagging: 2,
  Read: 3,
  List: 4,
};

/** What drift needs of a grant that does not depend on usage; computed once per permissions object. */
export interface PreparedGrant {
  readonly actions: ReadonlySet<string>;
  readonly caveats: readonly string[];
  /** Granted actions in code-unit order. */
  readonly sorted: readonly string[];
  /** One frozen entry per granted action, high-risk first, then by access level, then by action. */
  readonly byConcern: readonly DriftUnusedAction[];
  /** Weight of each entry of `byConcern`. */
  readonly weights: readonly number[];
  readonly totalWeight: number;
}

const prepared = new WeakMap<GrantedPermissions, PreparedGrant>();
/** Facts per canonical action: shared by every grant, so AdministratorAccess pays for risk lookups only once. */
const facts = new Map<string, { readonly entry: DriftUnusedAction; readonly rank: number }>();

/** The usage-independent part of a drift report for `granted`, cached per object. */
export function prepareGrant(granted: GrantedPermissions): PreparedGrant {
  const cached = prepared.get(granted);
  if (cached !== undefined) return cached;
  const { actions, caveats } = grantedActions(granted);
  const sorted = [...actions].sort(compareCodeUnits);
  // The sort is stable, so actions stay in code-unit order within a rank.
  const ordered = sorted
    .map(factsOf)
    .sort((a, b) => a.rank - b.rank)
    .map((f) => f.entry);
  const weights = ordered.map((entry) => ACCESS_LEVEL_WEIGHTS[entry.accessLevel]);
  const result: PreparedGrant = {
    actions,
    caveats,
    sorted,
    byConcern: ordered,
    weights,
    totalWeight: weights.reduce((sum, w) => sum + w, 0),
  };
  prepared.set(granted, result);
  return result;
}

function factsOf(action: string): { readonly entry: DriftUnusedAction; readonly rank: number } {
  let known = facts.get(action);
  if (known === undefined) {
    const accessLevel = actionInfoOf(action)?.accessLevel ?? 'Write';
    const highRisk = riskOf(action) !== undefined;
    known = {
      entry: Object.freeze({ action, accessLevel, highRisk }),
      rank: (highRisk ? 0 : 10) + LEVEL_RANK[accessLevel],
    };
    facts.set(action, known);
  }
  return known;
}
