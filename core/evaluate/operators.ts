import { ipInCidr } from './ip.js';
import { arnMatch, globMatch } from './wildcard.js';

/** How a condition operator compares one request value with one policy value. */
export interface BaseOperator {
  /** Whether policy variables are replaced in the policy values (string-like operators only). */
  readonly variables: boolean;
  /** Negated operators (`StringNotEquals`, `NotIpAddress`, …) hold when no policy value matches. */
  readonly negated: boolean;
  /** The positive comparison of one request value with one policy value. */
  readonly test: (requestValue: string, policyValue: string) => boolean;
}

/** A condition operator split into its set qualifier, base operator and `IfExists` suffix. */
export interface ParsedOperator {
  readonly set: 'ForAnyValue' | 'ForAllValues' | undefined;
  /** Base operator name in lower case, without qualifier and suffix (`stringequals`, `null`). */
  readonly name: string;
  readonly base: BaseOperator | undefined;
  readonly ifExists: boolean;
}

function parseNumber(text: string): number | undefined {
  // Unambiguous pattern (no two quantifiers compete for the same digits): linear on any input.
  if (!/^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

/** Dates are ISO 8601 or epoch seconds, as IAM accepts them. */
function parseDate(text: string): number | undefined {
  if (/^\d+$/.test(text.trim())) return Number(text) * 1000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function compareWith(parse: (t: string) => number | undefined, ok: (diff: number) => boolean) {
  return (request: string, policy: string): boolean => {
    const a = parse(request);
    const b = parse(policy);
    return a !== undefined && b !== undefined && ok(a - b);
  };
}

const op = (test: BaseOperator['test'], negated = false, variables = false): BaseOperator => ({
  test,
  negated,
  variables,
});

const stringEquals = (a: string, b: string) => a === b;
const stringEqualsIgnoreCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const stringLike = (a: string, b: string) => globMatch(a, b);
const equal = (d: number) => d === 0;
const less = (d: number) => d < 0;
const lessOrEqual = (d: number) => d <= 0;
const greater = (d: number) => d > 0;
const greaterOrEqual = (d: number) => d >= 0;

function numericAndDateOperators(): Record<string, BaseOperator> {
  const out: Record<string, BaseOperator> = {};
  for (const [family, parse] of [
    ['numeric', parseNumber],
    ['date', parseDate],
  ] as const) {
    out[`${family}equals`] = op(compareWith(parse, equal));
    out[`${family}notequals`] = op(compareWith(parse, equal), true);
    out[`${family}lessthan`] = op(compareWith(parse, less));
    out[`${family}lessthanequals`] = op(compareWith(parse, lessOrEqual));
    out[`${family}greaterthan`] = op(compareWith(parse, greater));
    out[`${family}greaterthanequals`] = op(compareWith(parse, greaterOrEqual));
  }
  return out;
}

/** Every base operator IAM documents except `Null`, keyed by lower-case name. */
const BASE_OPERATORS: Readonly<Record<string, BaseOperator>> = {
  stringequals: op(stringEquals, false, true),
  stringnotequals: op(stringEquals, true, true),
  stringequalsignorecase: op(stringEqualsIgnoreCase, false, true),
  stringnotequalsignorecase: op(stringEqualsIgnoreCase, true, true),
  stringlike: op(stringLike, false, true),
  stringnotlike: op(stringLike, true, true),
  ...numericAndDateOperators(),
  bool: op((a, b) => a.toLowerCase() === b.toLowerCase()),
  binaryequals: op(stringEquals),
  ipaddress: op(ipInCidr),
  notipaddress: op(ipInCidr, true),
  // ArnEquals and ArnLike are the same operator: both compare the six ARN parts with wildcards.
  arnequals: op(arnMatch, false, true),
  arnlike: op(arnMatch, false, true),
  arnnotequals: op(arnMatch, true, true),
  arnnotlike: op(arnMatch, true, true),
};

const SET_PREFIX = /^(forallvalues|foranyvalue):/i;

/** Splits an operator name; names are matched case-insensitively. */
export function parseOperator(operator: string): ParsedOperator {
  const prefix = SET_PREFIX.exec(operator)?.[1]?.toLowerCase();
  const set =
    prefix === 'foranyvalue' ? 'ForAnyValue' : prefix === 'forallvalues' ? 'ForAllValues' : undefined;
  let name = operator.replace(SET_PREFIX, '').toLowerCase();
  const ifExists = name.endsWith('ifexists') && name !== 'ifexists';
  if (ifExists) name = name.slice(0, -'ifexists'.length);
  return { set, name, base: BASE_OPERATORS[name], ifExists };
}

/** True when IAM knows the operator (`Null` takes neither a set qualifier nor `IfExists`). */
export function isKnownOperator(operator: string): boolean {
  const parsed = parseOperator(operator);
  if (parsed.name === 'null') return parsed.set === undefined && !parsed.ifExists;
  return parsed.base !== undefined;
}
