import { field, isPresent, lowerFirst } from './request-params.js';
import { MAX_RESOURCES, MAX_VALUE_LENGTH } from './safe-value.js';

/**
 * Evaluator for the hint templates core/actions passes along from iam-dataset's map.json (`resource_mappings`,
 * `arn_override`). Syntax, per iam-dataset's MAP-README: `${a.b}` substitutes a request property (`.` descends,
 * `[]` iterates an array), and `%%fn%arg%…%%` applies a helper: `regex` (first capture group of `/re/flags`, or ''
 * when it does not match), `urlencode`, `many` (union of its arguments), `iftruthy` (test%then%else) and
 * `iftemplatematch` (keep values that are ARNs of the resource type being resolved). Helpers do not nest.
 * Templates are compiled once and cached, so no regex is built per event.
 */

/** What a template can read besides the request: the call's scope and the resource type being resolved. */
export interface TemplateEnv {
  /** The request parameters. */
  readonly params: unknown;
  /** `Partition`, `Region` and `Account` of the call (the resource owner). */
  readonly scope: Readonly<Record<string, string>>;
  /** Resource-type check for `%%iftemplatematch%…%%`; without it those values are kept. */
  readonly matchesType?: (arn: string) => boolean;
}

/** Values a template produced (possibly none), or 'invalid' when the request is oversized or fans out too far. */
export type TemplateResult = readonly string[] | 'invalid';

interface Step {
  readonly key: string;
  /** CloudTrail's lowerCamelCase spelling of a map.json UpperCamelCase member. */
  readonly alt: string;
  readonly each: boolean;
}

type Seq = readonly Node[];
type Node =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'ref'; readonly steps: readonly Step[] }
  | { readonly kind: 'regex'; readonly input: Seq; readonly regex: RegExp | undefined }
  | { readonly kind: 'urlencode'; readonly input: Seq }
  | { readonly kind: 'many'; readonly args: readonly Seq[] }
  | { readonly kind: 'iftruthy'; readonly test: Seq; readonly whenTrue: Seq; readonly whenFalse: Seq }
  | { readonly kind: 'iftemplatematch'; readonly input: Seq }
  | { readonly kind: 'nothing' };

const SCOPE_NAMES = new Set(['Partition', 'Region', 'Account']);
const NOTHING: Node = { kind: 'nothing' };

function parseRef(body: string): Node {
  const steps = body.split('.').map((part) => {
    const each = part.endsWith('[]');
    const key = each ? part.slice(0, -2) : part;
    return { key, alt: lowerFirst(key), each };
  });
  return { kind: 'ref', steps };
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
      nodes.push({ kind: 'text', value: source.slice(i, end) });
      i = end;
    }
  }
  return nodes;
}

function lookup(steps: readonly Step[], env: TemplateEnv): unknown[] | 'invalid' {
  const first = steps[0];
  if (steps.length === 1 && first && SCOPE_NAMES.has(first.key)) {
    const value = env.scope[first.key];
    return value === undefined ? [] : [value];
  }
  let values: unknown[] = [env.params];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of values) {
      const found = field(value, step.key) ?? (step.alt === step.key ? undefined : field(value, step.alt));
      if (found === undefined || found === null) continue;
      if (!step.each) next.push(found);
      else if (Array.isArray(found)) next.push(...found);
    }
    if (next.length > MAX_RESOURCES) return 'invalid';
    values = next;
  }
  return values;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function evalNode(node: Node, env: TemplateEnv): TemplateResult {
  switch (node.kind) {
    case 'text':
      return [node.value];
    case 'nothing':
      return [];
    case 'ref': {
      const values = lookup(node.steps, env);
      if (values === 'invalid') return values;
      const out: string[] = [];
      for (const value of values) {
        if (typeof value === 'string') out.push(value);
        else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
      }
      return out.some((value) => value.length > MAX_VALUE_LENGTH) ? 'invalid' : out;
    }
    case 'regex': {
      const input = evalSeq(node.input, env);
      const { regex } = node;
      if (input === 'invalid') return input;
      if (regex === undefined) return [];
      return input.map((value) => regex.exec(value)?.[1] ?? '');
    }
    case 'urlencode': {
      const input = evalSeq(node.input, env);
      return input === 'invalid' ? input : input.map((value) => encodeURIComponent(value));
    }
    case 'many': {
      const out: string[] = [];
      for (const arg of node.args) {
        const values = evalSeq(arg, env);
        if (values === 'invalid') return values;
        out.push(...values);
      }
      return out.length > MAX_RESOURCES ? 'invalid' : out;
    }
    case 'iftruthy': {
      const [only] = node.test;
      const raw =
        node.test.length === 1 && only?.kind === 'ref' ? lookup(only.steps, env) : evalSeq(node.test, env);
      if (raw === 'invalid') return raw;
      return evalSeq(raw.some(truthy) ? node.whenTrue : node.whenFalse, env);
    }
    case 'iftemplatematch': {
      const input = evalSeq(node.input, env);
      const matches = env.matchesType;
      return input === 'invalid' || matches === undefined ? input : input.filter((value) => matches(value));
    }
  }
}

function evalSeq(seq: Seq, env: TemplateEnv): TemplateResult {
  let results: string[] = [''];
  for (const node of seq) {
    const values = evalNode(node, env);
    if (values === 'invalid') return values;
    if (values.length === 0) return [];
    if (results.length * values.length > MAX_RESOURCES) return 'invalid';
    const next: string[] = [];
    for (const prefix of results) for (const value of values) next.push(prefix + value);
    results = next;
  }
  return results;
}

function seqsOf(node: Node): readonly Seq[] {
  switch (node.kind) {
    case 'regex':
    case 'urlencode':
    case 'iftemplatematch':
      return [node.input];
    case 'many':
      return node.args;
    case 'iftruthy':
      return [node.test, node.whenTrue, node.whenFalse];
    default:
      return [];
  }
}

function seqReads(seq: Seq, env: TemplateEnv): boolean {
  return seq.some((node) => {
    if (node.kind !== 'ref') return seqsOf(node).some((inner) => seqReads(inner, env));
    const [first] = node.steps;
    if (node.steps.length === 1 && first !== undefined && SCOPE_NAMES.has(first.key)) return false;
    const values = lookup(node.steps, env);
    return values === 'invalid' || values.some(isPresent);
  });
}

// Hint templates come from a finite table, but the cache is bounded anyway so that no input can grow it.
const MAX_CACHED = 4096;
const compiled = new Map<string, Seq>();

function compile(template: string): Seq {
  let seq = compiled.get(template);
  if (seq === undefined) {
    if (compiled.size >= MAX_CACHED) compiled.clear();
    seq = parseSeq(template);
    compiled.set(template, seq);
  }
  return seq;
}

/** Evaluates a map.json-style template over the request; values are raw and still need ARN validation. */
export function evaluateTemplate(template: string, env: TemplateEnv): TemplateResult {
  return evalSeq(compile(template), env);
}

/**
 * True when some request parameter the template reads (in any branch of its helpers) is present: the request
 * named something there, even if the template made nothing usable of it. Scope variables do not count.
 */
export function templateReadsRequest(template: string, env: TemplateEnv): boolean {
  return seqReads(compile(template), env);
}
