import { resourceTypeArn } from '../actions/reference-data.js';
import { isSafeValue, MAX_VALUE_LENGTH } from './safe-value.js';

/**
 * IAM ARN templates (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) compiled once into a matcher for ARNs
 * and a filler that builds ARNs from variable values. Each variable gets a character class so that a bucket
 * template never matches an object ARN and a value carrying `/` or `:` cannot smuggle in extra ARN components.
 */

/** Character classes of ARN template variables (regex source, unanchored). */
const CLASS_SOURCE = {
  partition: 'aws(?:-[a-z]+)*',
  region: '[a-z0-9]+(?:-[a-z0-9]+)*',
  // `aws` is the owner of AWS managed policies (arn:aws:iam::aws:policy/…).
  account: '(?:\\d{12}|aws)',
  segment: '[^:/\\s]+',
  path: '[^:\\s]+',
  // S3 keys may contain `/`, `:` and spaces; isSafeValue still rejects wildcards and control characters.
  object: '.+',
  // A function name, optionally qualified with a version or alias (function:name:qualifier).
  lambdaFunction: '[^:/\\s]+(?::[^:/\\s]+)?',
  // DynamoDB stream labels are timestamps with colons (2015-05-20T20:51:10.252).
  streamLabel: '[^/\\s]+',
} as const;

type VarClass = keyof typeof CLASS_SOURCE;

/** Variables whose values legitimately differ from the default single-segment class. */
const VAR_CLASS: Readonly<Record<string, VarClass>> = {
  Partition: 'partition',
  Region: 'region',
  Account: 'account',
  ObjectName: 'object',
  FunctionName: 'lambdaFunction',
  StreamLabel: 'streamLabel',
  Alias: 'path',
  LogGroupName: 'path',
  LogStreamName: 'path',
  SecretId: 'path',
  ParameterNameWithoutLeadingSlash: 'path',
};

const CLASS_VALUE: Readonly<Record<VarClass, RegExp>> = Object.fromEntries(
  Object.entries(CLASS_SOURCE).map(([name, source]) => [name, new RegExp(`^(?:${source})$`)]),
) as Record<VarClass, RegExp>;

function classOf(variable: string): VarClass {
  // IAM names variables that include a path `…WithPath` (RoleNameWithPath); their values contain slashes.
  return VAR_CLASS[variable] ?? (variable.endsWith('Path') ? 'path' : 'segment');
}

/** True when `value` may stand for `variable` in an ARN (safe and within the variable's character class). */
export function isValidVariableValue(variable: string, value: string): boolean {
  return isSafeValue(value) && CLASS_VALUE[classOf(variable)].test(value);
}

/** The partition, region and account an ARN is built in. */
export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** A compiled IAM ARN template. */
export interface ArnTemplate {
  /** The template text from the IAM reference data. */
  readonly source: string;
  /** Type-specific variables in order of appearance, without duplicates (not Partition/Region/Account). */
  readonly variables: readonly string[];
  /**
   * The variable that names the resource itself (the last one: `ServiceName` in `service/${ClusterName}/${ServiceName}`),
   * which a name-or-ARN request parameter may fill with the resource's whole ARN. Undefined when that variable is an
   * S3 object key, which may legitimately look like an ARN.
   */
  readonly ownName: string | undefined;
  /** True when a concrete ARN is a safe instance of this resource type. */
  matches(arn: string): boolean;
  /** Builds the ARN, or undefined when a variable is missing or a value is not valid for its variable. */
  fill(vars: Readonly<Record<string, string>>, scope: ArnScope): string | undefined;
  /** `fill` with the values given in the order of `variables`, for callers that hold them that way. */
  fillValues(values: readonly string[], scope: ArnScope): string | undefined;
}

const TOKEN = /\$\{([A-Za-z0-9_]+)\}/g;
const SCOPE_FIELD: Readonly<Record<string, keyof ArnScope>> = {
  Partition: 'partition',
  Region: 'region',
  Account: 'account',
};

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'scope'; readonly field: keyof ArnScope; readonly valid: RegExp }
  | { readonly kind: 'var'; readonly variable: string; readonly index: number; readonly valid: RegExp };

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function fillParts(
  parts: readonly Part[],
  vars: Readonly<Record<string, string>> | undefined,
  values: readonly string[],
  scope: ArnScope,
) {
  let arn = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      arn += part.text;
      continue;
    }
    const value =
      part.kind === 'scope'
        ? scope[part.field]
        : vars === undefined
          ? values[part.index]
          : vars[part.variable];
    // Scope classes are strict whitelists; request-derived values also pass the wildcard/control screen.
    if (value === undefined || !part.valid.test(value) || (part.kind === 'var' && !isSafeValue(value)))
      return undefined;
    arn += value;
  }
  return arn.length <= MAX_VALUE_LENGTH ? arn : undefined;
}

const NO_VALUES: readonly string[] = [];

/** Compiles an ARN template; exposed for tests, production code goes through arnTemplateFor. */
export function compileArnTemplate(source: string): ArnTemplate {
  const parts: Part[] = [];
  const variables: string[] = [];
  let regex = '^';
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const variable = match[1] ?? '';
    const literal = source.slice(last, match.index);
    const varClass = classOf(variable);
    const field = SCOPE_FIELD[variable];
    if (literal) parts.push({ kind: 'text', text: literal });
    if (field !== undefined) parts.push({ kind: 'scope', field, valid: CLASS_VALUE[varClass] });
    else {
      if (!variables.includes(variable)) variables.push(variable);
      parts.push({ kind: 'var', variable, index: variables.indexOf(variable), valid: CLASS_VALUE[varClass] });
    }
    regex += `${escapeRegex(literal)}(?:${CLASS_SOURCE[varClass]})`;
    last = match.index + match[0].length;
  }
  const tail = source.slice(last);
  if (tail) parts.push({ kind: 'text', text: tail });
  const pattern = new RegExp(`${regex}${escapeRegex(tail)}$`);
  const ownName = variables.at(-1);
  return {
    source,
    variables,
    ownName: ownName === undefined || classOf(ownName) === 'object' ? undefined : ownName,
    matches: (arn) => isSafeValue(arn) && pattern.test(arn),
    fill: (vars, scope) => fillParts(parts, vars, NO_VALUES, scope),
    fillValues: (values, scope) => fillParts(parts, undefined, values, scope),
  };
}

// Lazy per resource type: only the few hundred types that real traffic touches are ever compiled.
const cache = new Map<string, ArnTemplate | null>();

/** The compiled ARN template of a service's resource type, or undefined when IAM has none. */
export function arnTemplateFor(service: string, resourceTypeKey: string): ArnTemplate | undefined {
  const key = `${service}\u0000${resourceTypeKey.toLowerCase()}`;
  let compiled = cache.get(key);
  if (compiled === undefined) {
    const source = resourceTypeArn(service, resourceTypeKey);
    compiled = source === undefined ? null : compileArnTemplate(source);
    cache.set(key, compiled);
  }
  return compiled ?? undefined;
}
