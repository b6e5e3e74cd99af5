import type { ArnScope } from './arn-template.js';
import { field, isPresent } from './request-params.js';
import { MAX_RESOURCES, MAX_VALUE_LENGTH } from './safe-value.js';
import {
  type CompiledTemplate,
  compileTemplate,
  type Node,
  type RefNode,
  type Seq,
  type Step,
} from './template-syntax.js';

/**
 * Evaluator for the map.json hint templates (syntax in template-syntax.ts) over a call's request parameters.
 * Evaluation runs for every action of every event, so it allocates only for the values it returns: shared empty
 * results, and no intermediate arrays while each piece gives a single value.
 */

/** What a template can read besides the request: the call's scope and the resource type being resolved. */
export interface TemplateEnv {
  /** The request parameters. */
  readonly params: unknown;
  /** `${Partition}`, `${Region}` and `${Account}`: the call's (the resource owner's). */
  readonly scope: ArnScope;
  /** Resource-type check for `%%iftemplatematch%…%%`; without it those values are kept. */
  readonly matchesType?: ((arn: string) => boolean) | undefined;
}

/** Values a template produced (possibly none), or 'invalid' when the request is oversized or fans out too far. */
export type TemplateResult = readonly string[] | 'invalid';

/** Shared results: evaluation returns them instead of allocating, and nobody writes to a TemplateResult. */
const NO_VALUES: readonly string[] = Object.freeze([]);
const EMPTY_TEXT: readonly string[] = Object.freeze(['']);

/** A member of a request object under its map.json or CloudTrail spelling; undefined when absent or null. */
function child(value: unknown, step: Step): unknown {
  const found = field(value, step.key) ?? (step.alt === step.key ? undefined : field(value, step.alt));
  return found ?? undefined;
}

/** The one value a reference without `[]` reads (request or scope), undefined when absent. */
function lookupOne(node: RefNode, env: TemplateEnv): unknown {
  if (node.scopeField !== undefined) return env.scope[node.scopeField];
  let value: unknown = env.params;
  for (const step of node.steps) {
    value = child(value, step);
    if (value === undefined) return undefined;
  }
  return value;
}

/** Every value a reference with `[]` reads; the request's own array when that is all it reads. */
function lookupEach(steps: readonly Step[], env: TemplateEnv): readonly unknown[] | 'invalid' {
  let one: unknown = env.params;
  let values: readonly unknown[] | undefined;
  for (const step of steps) {
    if (values === undefined) {
      const found = child(one, step);
      if (found === undefined) return NO_VALUES;
      if (step.each) values = Array.isArray(found) ? found : NO_VALUES;
      else one = found;
    } else {
      const next: unknown[] = [];
      for (const value of values) {
        const found = child(value, step);
        if (found === undefined) continue;
        if (!step.each) next.push(found);
        else if (Array.isArray(found)) for (const item of found) next.push(item);
      }
      values = next;
    }
    if (values !== undefined && values.length > MAX_RESOURCES) return 'invalid';
  }
  return values ?? [one];
}

/** The text of a looked-up value: strings as they are, numbers and booleans printed, anything else none. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function evalRef(node: RefNode, env: TemplateEnv): TemplateResult {
  if (node.single || node.scopeField !== undefined) {
    const value = textOf(lookupOne(node, env));
    if (value === undefined) return NO_VALUES;
    return value.length > MAX_VALUE_LENGTH ? 'invalid' : [value];
  }
  const values = lookupEach(node.steps, env);
  if (values === 'invalid') return values;
  let out: string[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const text = textOf(value);
    if (text !== undefined && text.length > MAX_VALUE_LENGTH) return 'invalid';
    if (out === undefined && typeof value === 'string') continue;
    // First value that is not a string as it is: copy what came before, then go on collecting.
    out ??= values.slice(0, i) as string[];
    if (text !== undefined) out.push(text);
  }
  return out ?? (values as readonly string[]);
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function evalNode(node: Node, env: TemplateEnv): TemplateResult {
  switch (node.kind) {
    case 'text':
      return node.values;
    case 'nothing':
      return NO_VALUES;
    case 'ref':
      return evalRef(node, env);
    case 'regex': {
      const input = evalSeq(node.input, env);
      const { regex } = node;
      if (input === 'invalid') return input;
      if (regex === undefined) return NO_VALUES;
      return input.map((value) => regex.exec(value)?.[1] ?? '');
    }
    case 'urlencode': {
      const input = evalSeq(node.input, env);
      return input === 'invalid' ? input : input.map((value) => encodeURIComponent(value));
    }
    case 'many': {
      let out = NO_VALUES;
      for (const arg of node.args) {
        const values = evalSeq(arg, env);
        if (values === 'invalid') return values;
        if (values.length > 0) out = out.length === 0 ? values : out.concat(values);
      }
      return out.length > MAX_RESOURCES ? 'invalid' : out;
    }
    case 'iftruthy': {
      // A lone reference is tested on the values it reads (an array is truthy when not empty), not their text.
      const [only] = node.test;
      let values: readonly unknown[] | 'invalid';
      if (node.test.length !== 1 || only?.kind !== 'ref') values = evalSeq(node.test, env);
      else if (only.single || only.scopeField !== undefined) values = [lookupOne(only, env)];
      else values = lookupEach(only.steps, env);
      if (values === 'invalid') return values;
      return evalSeq(values.some(truthy) ? node.whenTrue : node.whenFalse, env);
    }
    case 'iftemplatematch': {
      const input = evalSeq(node.input, env);
      const matches = env.matchesType;
      return input === 'invalid' || matches === undefined ? input : input.filter((value) => matches(value));
    }
  }
}

function evalSeq(seq: Seq, env: TemplateEnv): TemplateResult {
  const [first] = seq;
  if (seq.length === 1 && first !== undefined) {
    const values = evalNode(first, env);
    return values !== 'invalid' && values.length > MAX_RESOURCES ? 'invalid' : values;
  }
  // While every node gave one value the result is that one string; arrays only once values fan out.
  let single = '';
  let results: readonly string[] | undefined;
  for (const node of seq) {
    const values = evalNode(node, env);
    if (values === 'invalid') return values;
    if (values.length === 0) return NO_VALUES;
    const [only] = values;
    if (results === undefined && values.length === 1 && only !== undefined) {
      single += only;
      continue;
    }
    const prefixes = results ?? [single];
    if (prefixes.length * values.length > MAX_RESOURCES) return 'invalid';
    const next: string[] = [];
    for (const prefix of prefixes) for (const value of values) next.push(prefix + value);
    results = next;
  }
  if (results !== undefined) return results;
  return seq.length === 0 ? EMPTY_TEXT : [single];
}

function seqReads(seq: Seq, env: TemplateEnv): boolean {
  for (const node of seq) if (nodeReads(node, env)) return true;
  return false;
}

function seqsRead(seqs: readonly Seq[], env: TemplateEnv): boolean {
  for (const seq of seqs) if (seqReads(seq, env)) return true;
  return false;
}

function nodeReads(node: Node, env: TemplateEnv): boolean {
  switch (node.kind) {
    case 'ref': {
      if (node.scopeField !== undefined) return false;
      if (node.single) return isPresent(lookupOne(node, env));
      const values = lookupEach(node.steps, env);
      return values === 'invalid' || values.some(isPresent);
    }
    case 'regex':
    case 'urlencode':
    case 'iftemplatematch':
      return seqReads(node.input, env);
    case 'many':
      return seqsRead(node.args, env);
    case 'iftruthy':
      return seqReads(node.test, env) || seqReads(node.whenTrue, env) || seqReads(node.whenFalse, env);
    default:
      return false;
  }
}

/** Evaluates a compiled template over the request; values are raw and still need ARN validation. */
export function evaluateCompiled(template: CompiledTemplate, env: TemplateEnv): TemplateResult {
  return evalSeq(template.seq, env);
}

/**
 * True when some request parameter the compiled template reads (in any branch of its helpers) is present: the
 * request named something there, even if the template made nothing usable of it. Scope variables do not count.
 */
export function compiledReadsRequest(template: CompiledTemplate, env: TemplateEnv): boolean {
  return seqReads(template.seq, env);
}

/** Evaluates a map.json-style template over the request; values are raw and still need ARN validation. */
export function evaluateTemplate(template: string, env: TemplateEnv): TemplateResult {
  return evaluateCompiled(compileTemplate(template), env);
}
