import { allActions } from '../actions/reference-data.js';
import { actionMatches } from './evaluate.js';
import type { Policy, PolicySet, Statement } from './types.js';

/** Lower-case action name → canonical name, and the lower-case names of each service. */
interface ActionIndex {
  readonly canonical: ReadonlyMap<string, string>;
  readonly byService: ReadonlyMap<string, readonly string[]>;
  readonly all: readonly string[];
}

let index: ActionIndex | undefined;

function actionIndex(): ActionIndex {
  if (index) return index;
  const canonical = new Map<string, string>();
  const byService = new Map<string, string[]>();
  for (const info of allActions()) {
    const lower = info.action.toLowerCase();
    canonical.set(lower, info.action);
    const list = byService.get(info.service) ?? [];
    if (list.length === 0) byService.set(info.service, list);
    list.push(lower);
  }
  index = { canonical, byService, all: [...canonical.keys()] };
  return index;
}

/** Actions a pattern can match: one lookup when exact, one service when the prefix is exact, else all. */
function candidates(pattern: string, idx: ActionIndex): readonly string[] {
  if (!/[*?]/.test(pattern)) return idx.canonical.has(pattern) ? [pattern] : [];
  const service = pattern.split(':')[0] ?? '';
  if (pattern.includes(':') && !/[*?]/.test(service)) return idx.byService.get(service) ?? [];
  return idx.all;
}

/** Lower-case names of the reference actions a statement's `Action`/`NotAction` covers. */
export function statementActions(statement: Statement): Set<string> {
  const idx = actionIndex();
  const hits = new Set<string>();
  const patterns = statement.notAction ? ['*'] : statement.actions;
  for (const pattern of patterns) {
    for (const action of candidates(pattern, idx)) {
      if (!hits.has(action) && actionMatches(statement, action)) hits.add(action);
    }
  }
  return hits;
}

/** An Allow that could match some resource: any `Resource`, or a `NotResource` that does not exclude `"*"`. */
function mayAllow(s: Statement): boolean {
  return s.effect === 'Allow' && !(s.notResource && s.resources.includes('*'));
}

/** A Deny that applies whatever the resource and request: `Resource: "*"` and no condition. */
function deniesOutright(s: Statement): boolean {
  return s.effect === 'Deny' && !s.notResource && s.resources.includes('*') && s.conditions.length === 0;
}

function union(policies: readonly Policy[], keep: (s: Statement) => boolean): Set<string> {
  const out = new Set<string>();
  for (const p of policies)
    for (const s of p.statements) if (keep(s)) for (const a of statementActions(s)) out.add(a);
  return out;
}

/**
 * The reference actions a policy set may allow, canonical casing, sorted: an action is counted when an identity
 * Allow statement covers it on some resource, every SCP level and the boundary (when set) have such an Allow too,
 * and no Deny forbids it outright (`Resource: "*"`, no condition). Conditions of Allow statements are ignored,
 * so this is "may be allowed", an upper bound of what a request can do.
 */
export function allowedActions(set: PolicySet): string[] {
  let allowed = union(set.identity, mayAllow);
  const gates = [...(set.scpLevels ?? []), ...(set.permissionsBoundary ? [set.permissionsBoundary] : [])];
  for (const gate of gates) {
    const passes = union(gate, mayAllow);
    allowed = new Set([...allowed].filter((a) => passes.has(a)));
  }
  const everyPolicy = [...set.identity, ...gates.flat()];
  for (const a of union(everyPolicy, deniesOutright)) allowed.delete(a);
  const idx = actionIndex();
  return [...allowed].map((a) => idx.canonical.get(a) ?? a).sort();
}

/** Canonical casing of a reference action given in any case; undefined when IAM has no such action. */
export function canonicalAction(action: string): string | undefined {
  return actionIndex().canonical.get(action.toLowerCase());
}
