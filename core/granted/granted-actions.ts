import { expandActionPattern, expandActionPatterns, expandNotActionPatterns } from './expand-actions.js';
import {
  listOf,
  type PolicyDocumentJson,
  type PolicyStatementJson,
  statementsOf,
} from './policy-document.js';
import type { GrantedPermissions } from './types.js';

/** The actions a principal's identity policies allow, and what the expansion could not account for exactly. */
export interface GrantedActions {
  /** Canonical action names. */
  readonly actions: ReadonlySet<string>;
  /** Plain sentences, in policy order, without duplicates. */
  readonly caveats: readonly string[];
}

interface LabelledDocument {
  readonly label: string;
  readonly document: PolicyDocumentJson;
}

/** Longest policy text quoted in a caveat; patterns are admin-written but still bounded. */
const QUOTE_LIMIT = 128;
const cache = new WeakMap<GrantedPermissions, GrantedActions>();

/**
 * Returns the actions allowed by a principal's identity policies: the union of the Allow statements minus the
 * unconditional Deny statements on every resource, intersected with the permissions boundary when its document
 * is known. Resource scopes and conditions are not modelled; each place where that matters becomes a caveat.
 * Results are cached per `perms` object.
 */
export function grantedActions(perms: GrantedPermissions): GrantedActions {
  const cached = cache.get(perms);
  if (cached !== undefined) return cached;
  const caveats = new Set<string>();
  const identity = perms.policies.map((p) => ({
    label: `Policy "${p.name}" (${p.type})`,
    document: p.document,
  }));
  let actions = allowedBy(identity, caveats);
  const boundary = perms.permissionsBoundary;
  if (boundary !== null && boundary.document === undefined) {
    caveats.add(
      `Permissions boundary ${boundary.arn} is attached but its document is unknown, so the granted actions are not limited by it.`,
    );
  } else if (boundary?.document !== undefined) {
    const label = `Permissions boundary ${boundary.arn}`;
    const limit = allowedBy([{ label, document: boundary.document }], caveats);
    const before = actions.size;
    actions = intersect(actions, limit);
    caveats.add(
      `${label} is applied: only actions that both it and the identity policies allow are counted (${before - actions.size} removed).`,
    );
  }
  // Frozen because every report built from this grant shares the same list.
  const result: GrantedActions = { actions, caveats: Object.freeze([...caveats]) };
  cache.set(perms, result);
  return result;
}

function allowedBy(documents: readonly LabelledDocument[], caveats: Set<string>): Set<string> {
  const allowed = new Set<string>();
  const denied = new Set<string>();
  for (const { label, document } of documents) {
    statementsOf(document).forEach((statement, i) => {
      const where = `${label} statement ${i + 1}${statement.Sid ? ` (Sid ${quote(statement.Sid)})` : ''}`;
      const actions = actionsOf(statement, where, caveats);
      if (statement.Effect === 'Allow') {
        for (const action of actions) allowed.add(action);
        noteAllowCaveats(statement, where, actions.size, caveats);
      } else if (isDenyEverywhere(statement)) {
        for (const action of actions) denied.add(action);
      } else if (actions.size > 0) {
        caveats.add(
          `${where} denies ${actions.size} action(s) ${denyScope(statement)}; they are not subtracted from the granted actions.`,
        );
      }
    });
  }
  for (const action of denied) allowed.delete(action);
  return allowed;
}

function actionsOf(statement: PolicyStatementJson, where: string, caveats: Set<string>): Set<string> {
  if (statement.NotAction !== undefined) return expandNotActionPatterns(listOf(statement.NotAction));
  const patterns = listOf(statement.Action);
  for (const pattern of patterns) {
    if (expandActionPattern(pattern).length === 0) {
      caveats.add(`${where} names ${quote(pattern)}, which matches no action iamlp knows; it is ignored.`);
    }
  }
  return expandActionPatterns(patterns);
}

function noteAllowCaveats(
  statement: PolicyStatementJson,
  where: string,
  count: number,
  caveats: Set<string>,
) {
  if (count === 0) return;
  if (hasCondition(statement)) {
    caveats.add(
      `${where} allows ${count} action(s) only under a Condition; they are counted as granted although the condition may not hold.`,
    );
  }
  if (statement.NotResource !== undefined) {
    caveats.add(
      `${where} allows ${count} action(s) on every resource except its NotResource list; they are counted as granted.`,
    );
  }
}

/** A Deny that certainly applies to every call of its actions: no condition, and `"*"` among its resources. */
function isDenyEverywhere(statement: PolicyStatementJson): boolean {
  return (
    !hasCondition(statement) &&
    statement.NotResource === undefined &&
    listOf(statement.Resource).includes('*')
  );
}

function denyScope(statement: PolicyStatementJson): string {
  if (hasCondition(statement)) return 'only under a Condition';
  if (statement.NotResource !== undefined) return 'on every resource except its NotResource list';
  return 'only on specific resources';
}

function hasCondition(statement: PolicyStatementJson): boolean {
  return statement.Condition !== undefined && Object.keys(statement.Condition).length > 0;
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const result = new Set<string>();
  for (const value of a) if (b.has(value)) result.add(value);
  return result;
}

function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text);
}
