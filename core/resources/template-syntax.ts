import type { ArnScope } from './arn-template.js';
import { lowerFirst } from './request-params.js';

/**
 * Parser for the hint templates core/actions passes along from iam-dataset's map.json (`resource_mappings`,
 * `arn_override`). Syntax, per iam-dataset's MAP-README: `${a.b}` substitutes a request property (`.` descends,
 * `[]` iterates an array), and `%%fn%arg%…%%` applies a helper: `regex` (first capture group of `/re/flags`, or ''
 * when it does not match), `urlencode`, `many` (union of its arguments), `iftruthy` (test%then%else) and
 * `iftemplatematch` (keep values that are ARNs of the resource type being resolved). Helpers do not nest.
 * Templates are compiled once and cached, so no regex is built per event; param-template.ts evaluates them.
 */

/** One step of a `${a.b[]}` reference. */
export interface Step {
  readonly key: string;
  /** CloudTrail's lowerCamelCase spelling of a map.json UpperCamelCase member. */
  readonly alt: string;
  readonly each: boolean;
}

/** A `${…}` reference. */
export interface RefNode {
  readonly kind: 'ref';
  readonly steps: readonly Step[];
  /** `${Partition}`, `${Region}`, `${Account}`: read from the scope, not the request. */
  readonly scopeField: keyof ArnScope | undefined;
  /** No step iterates (`[]`): the reference yields at most one value. */
  readonly single: boolean;
}

/** A parsed template: its pieces, whose values are concatenated. */
export type Seq = readonly Node[];
/** One piece of a template. */
export type Node =
  /** Literal text, kept as the one-value result evaluation returns for it. */
  | { readonly kind: 'text'; readonly values: readonly [string] }
  | RefNode
  | { readonly kind: 'regex'; readonly input: Seq; readonly regex: RegExp | undefined }
  | { readonly kind: 'urlencode'; readonly input: Seq }
  | { readonly kind: 'many'; readonly args: readonly Seq[] }
  | { readonly kind: 'iftruthy'; readonly test: Seq; readonly whenTrue: Seq; readonly whenFalse: Seq }
  | { readonly kind: 'iftemplatematch'; readonly input: Seq }
  | { readonly kind: 'nothing' };

/** A parsed template, as `compileTemplate` returns it. */
export interface CompiledTemplate {
  readonly seq: Seq;
}

const SCOPE_FIELDS: ReadonlyMap<string, keyof ArnScope> = new Map([
  ['Partition', 'partition'],
  ['Region', 'region'],
  ['Account', 'account'],
]);
const NOTHING: Node = { kind: 'nothing' };

function parseRef(body: string): RefNode {
  const steps = body.split('.').map((part) => {
    const each = part.endsWith('[]');
    const key = each ? part.slice(0, -2) : part;
    return { key, alt: lowerFirst(key), each };
  });
  const [first] = steps;
  const scopeField = steps.length === 1 && first !== undefined ? SCOPE_FIELDS.get(first.key) : undefined;
  return { kind: 'ref', steps, scopeField, single: steps.every((step) => !step.each) };
}

function parseRegex(literal: string): RegExp | undefined {
  const close = literal.lastIndexOf('/');
  if (!literal.startsWith('/') || close < 1) return undefined;
  // The `g`/`y` flags would make exec() stateful across events; only the first match is wanted anyway.
  const flags = [...literal.slice(close + 1)].filter((flag) => 'imsu'.includes(flag)).join('');
  try {
    return new RegExp(literal.slice(1, close), flags);
  } catch {
    return undefined;
  }
}

function parseHelper(name: string, args: readonly string[]): Node {
  const seq = (index: number): Seq => parseSeq(args[index] ?? '');
  switch (name) {
    case 'regex':
      return { kind: 'regex', input: seq(0), regex: parseRegex(args[1] ?? '') };
    case 'urlencode':
      return { kind: 'urlencode', input: seq(0) };
    case 'many':
      return { kind: 'many', args: args.map((arg) => parseSeq(arg)) };
    case 'iftruthy':
      return { kind: 'iftruthy', test: seq(0), whenTrue: seq(1), whenFalse: seq(2) };
    case 'iftemplatematch':
      return { kind: 'iftemplatematch', input: seq(0) };
    default:
      return NOTHING;
  }
}

function parseSeq(source: string): Seq {
  const nodes: Node[] = [];
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('%%', i)) {
      const nameEnd = source.indexOf('%', i + 2);
      let close = nameEnd < 0 ? -1 : source.indexOf('%%', nameEnd + 1);
      if (close < 0) return [...nodes, NOTHING];
      // In `a%%%` the last two percents close the helper and the first ends an empty final argument.
      while (source[close + 2] === '%') close += 1;
      const args = source.slice(nameEnd + 1, close).split('%');
      nodes.push(parseHelper(source.slice(i + 2, nameEnd), args));
      i = close + 2;
    } else if (source.startsWith('${', i)) {
      const end = source.indexOf('}', i);
      if (end < 0) return [...nodes, NOTHING];
      nodes.push(parseRef(source.slice(i + 2, end)));
      i = end + 1;
    } else {
      const next = [source.indexOf('%%', i), source.indexOf('${', i)].filter((n) => n >= 0);
      const end = next.length > 0 ? Math.min(...next) : source.length;
      nodes.push({ kind: 'text', values: Object.freeze([source.slice(i, end)] as [string]) });
      i = end;
    }
  }
  return nodes;
}

// Hint templates come from a finite table, but the cache is bounded anyway so that no input can grow it.
const MAX_CACHED = 4096;
const compiled = new Map<string, CompiledTemplate>();

/** Parses a template once; callers that evaluate it per event keep the result. */
export function compileTemplate(template: string): CompiledTemplate {
  let found = compiled.get(template);
  if (found === undefined) {
    if (compiled.size >= MAX_CACHED) compiled.clear();
    found = { seq: parseSeq(template) };
    compiled.set(template, found);
  }
  return found;
}
