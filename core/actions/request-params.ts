import type { Clause } from './action-map-data.js';

/** Request parameters as CloudTrail records them (untyped JSON). */
export type RequestParameters = Readonly<Record<string, unknown>>;

/** Context variables of a template; every other `${name}` reads the request. */
const CONTEXT_VARS: ReadonlySet<string> = new Set(['Partition', 'Region', 'Account']);

/** Limits the values one path can yield: CloudTrail is attacker-influenced and arrays can be long. */
const MAX_VALUES = 100;

const PLACEHOLDER = /\$\{([^}]+)\}/g;

interface Segment {
  readonly key: string;
  /** `key[]`: step into each element of the array. */
  readonly each: boolean;
}

/** Parsed paths, memoised: paths come from the rule tables (a bounded set), parsing them per call is waste. */
const parsedPaths = new Map<string, readonly Segment[]>();

function parsePath(path: string): readonly Segment[] {
  let segments = parsedPaths.get(path);
  if (segments === undefined) {
    segments = path
      .split('.')
      .map((s) => (s.endsWith('[]') ? { key: s.slice(0, -2), each: true } : { key: s, each: false }));
    if (parsedPaths.size < 10_000) parsedPaths.set(path, segments);
  }
  return segments;
}

const isPresent = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Calls `visit` on each present leaf at `segments` until it returns true; returns whether one did. */
function someLeaf(
  value: unknown,
  segments: readonly Segment[],
  depth: number,
  visit: (v: unknown) => boolean,
): boolean {
  if (depth === segments.length) return isPresent(value) && visit(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { key, each } = segments[depth] as Segment;
  if (!Object.hasOwn(value, key)) return false;
  const child = (value as Record<string, unknown>)[key];
  if (!each || !Array.isArray(child)) return someLeaf(child, segments, depth + 1, visit);
  const n = Math.min(child.length, MAX_VALUES);
  for (let i = 0; i < n; i++) if (someLeaf(child[i], segments, depth + 1, visit)) return true;
  return false;
}

/**
 * Reads the leaf values at a template path (`a.b`, `items[].name`) in request parameters; missing, null and
 * empty-string leaves are skipped, so an empty result means "the request does not carry this field".
 */
export function requestValues(params: RequestParameters | null, path: string): unknown[] {
  const values: unknown[] = [];
  if (params === null) return values;
  someLeaf(params, parsePath(path), 0, (v) => values.push(v) >= MAX_VALUES);
  return values;
}

const always = () => true;

function hasValue(params: RequestParameters | null, path: string): boolean {
  return params !== null && someLeaf(params, parsePath(path), 0, always);
}

/** Lists the request-parameter paths a template reads (context variables excluded). */
export function templateRequestPaths(template: string): string[] {
  const paths: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!CONTEXT_VARS.has(name)) paths.push(name);
  }
  return paths;
}

/** True when the template reads the request and every path it reads has a value. */
export function templateResolves(paths: readonly string[], params: RequestParameters | null): boolean {
  return paths.length > 0 && paths.every((p) => hasValue(params, p));
}

function someText(params: RequestParameters | null, path: string, test: (text: string) => boolean): boolean {
  if (params === null) return false;
  return someLeaf(params, parsePath(path), 0, (v) => {
    const text =
      typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    return text !== undefined && test(text);
  });
}

/** Evaluates one clause; array paths hold when any element satisfies a positive operator. */
export function clauseHolds(clause: Clause, params: RequestParameters | null): boolean {
  const [path, op, expected = ''] = clause;
  const needle = expected.toLowerCase();
  switch (op) {
    case 'Exists':
      return hasValue(params, path);
    case 'NotExists':
      return !hasValue(params, path);
    case 'Equals':
      return someText(params, path, (t) => t === expected);
    case 'NotEquals':
      return !someText(params, path, (t) => t === expected);
    case 'IContains':
      return someText(params, path, (t) => t.toLowerCase().includes(needle));
    case 'INotContains':
      return !someText(params, path, (t) => t.toLowerCase().includes(needle));
  }
}

/** True when every clause holds. */
export function clausesHold(clauses: readonly Clause[], params: RequestParameters | null): boolean {
  for (const clause of clauses) if (!clauseHolds(clause, params)) return false;
  return true;
}
