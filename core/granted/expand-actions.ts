import { type ActionInfo, allActions } from '../actions/reference-data.js';
import { matchesActionPattern } from '../policy/action-pattern.js';

interface ActionIndex {
  /** Every known action, canonical casing, sorted by code unit. */
  readonly all: readonly string[];
  /** Lower-case service prefix → that service's actions, sorted. */
  readonly byService: ReadonlyMap<string, readonly string[]>;
  readonly info: ReadonlyMap<string, ActionInfo>;
}

let index: ActionIndex | undefined;
const memo = new Map<string, readonly string[]>();
/** Policies repeat a few hundred patterns at most; the bound only stops hostile input from growing the memo. */
const MEMO_LIMIT = 10_000;

function actionIndex(): ActionIndex {
  if (index !== undefined) return index;
  const info = new Map<string, ActionInfo>();
  const byService = new Map<string, string[]>();
  for (const entry of allActions()) {
    info.set(entry.action, entry);
    const service = entry.service.toLowerCase();
    const list = byService.get(service) ?? [];
    list.push(entry.action);
    byService.set(service, list);
  }
  for (const list of byService.values()) list.sort(compareCodeUnits);
  index = { all: Object.freeze([...info.keys()].sort(compareCodeUnits)), byService, info };
  return index;
}

/** Every action in the IAM reference data, canonical casing, sorted. */
export function allActionNames(): readonly string[] {
  return actionIndex().all;
}

/** The reference data of an action given in canonical casing (as expansion returns it), or undefined. */
export function actionInfoOf(action: string): ActionInfo | undefined {
  return actionIndex().info.get(action);
}

/**
 * Expands an IAM action pattern (`s3:Get*`, `ec2:Describe?pcs`, `*`) to the known actions it matches, canonical
 * casing, sorted; case-insensitive like IAM. Results are memoised per pattern and frozen.
 */
export function expandActionPattern(pattern: string): readonly string[] {
  const key = pattern.toLowerCase();
  const cached = memo.get(key);
  if (cached !== undefined) return cached;
  const result =
    key === '*'
      ? actionIndex().all
      : Object.freeze(candidatesFor(key).filter((action) => matchesActionPattern(action, key)));
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return result;
}

/** The union of the expansions of several patterns. */
export function expandActionPatterns(patterns: readonly string[]): Set<string> {
  const result = new Set<string>();
  for (const pattern of patterns) for (const action of expandActionPattern(pattern)) result.add(action);
  return result;
}

/** What `NotAction` covers: every known action, of every service, that none of the patterns matches. */
export function expandNotActionPatterns(patterns: readonly string[]): Set<string> {
  const excluded = expandActionPatterns(patterns);
  const result = new Set<string>();
  for (const action of allActionNames()) if (!excluded.has(action)) result.add(action);
  return result;
}

/** Only the named service's actions can match a pattern whose service prefix has no wildcard. */
function candidatesFor(pattern: string): readonly string[] {
  const colon = pattern.indexOf(':');
  if (colon < 0) return actionIndex().all;
  const service = pattern.slice(0, colon);
  if (service.includes('*') || service.includes('?')) return actionIndex().all;
  return actionIndex().byService.get(service) ?? [];
}

/** Code-unit order, not localeCompare: output must not depend on the host's locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
