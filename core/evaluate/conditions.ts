import type { NormalisedContext } from './context.js';
import { type BaseOperator, type ParsedOperator, parseOperator } from './operators.js';
import type { ConditionClause } from './types.js';
import { substituteVariables } from './variables.js';

const parsedOperators = new Map<string, ParsedOperator>();

function operatorOf(name: string): ParsedOperator {
  let parsed = parsedOperators.get(name);
  if (parsed === undefined) {
    parsed = parseOperator(name);
    parsedOperators.set(name, parsed);
  }
  return parsed;
}

function nullHolds(values: readonly string[], present: boolean): boolean {
  return values.some((v) => {
    const wanted = v.toLowerCase();
    return wanted === 'true' ? !present : wanted === 'false' ? present : false;
  });
}

/** Policy values with variables replaced; a value whose variable has no value is dropped (it matches nothing). */
function policyValues(
  clause: ConditionClause,
  base: BaseOperator,
  context: NormalisedContext,
  variables: boolean,
): string[] {
  if (!variables || !base.variables) return [...clause.values];
  return clause.values.flatMap((v) => substituteVariables(v, context) ?? []);
}

/**
 * Evaluates one clause. A key missing from the request (or an empty multivalued key) makes positive operators
 * false and negated ones true; `…IfExists` makes it true; `ForAllValues` is true and `ForAnyValue` false on it.
 * Without a set qualifier, a multivalued key holds for positive operators when any value matches and for negated
 * operators when no value matches.
 */
export function clauseHolds(
  clause: ConditionClause,
  context: NormalisedContext,
  variables: boolean,
): boolean {
  const operator = operatorOf(clause.operator);
  const requestValues = context.get(clause.key) ?? [];
  const present = requestValues.length > 0;
  if (operator.name === 'null') return nullHolds(clause.values, present);
  const base = operator.base;
  if (base === undefined) return false;
  if (!present) {
    if (operator.ifExists || operator.set === 'ForAllValues') return true;
    return operator.set === undefined && base.negated;
  }
  const wanted = policyValues(clause, base, context, variables);
  const matchesSome = (v: string) => wanted.some((p) => base.test(v, p));
  const holds = (v: string) => (base.negated ? !matchesSome(v) : matchesSome(v));
  if (operator.set === 'ForAllValues') return requestValues.every(holds);
  if (operator.set === 'ForAnyValue') return requestValues.some(holds);
  return base.negated ? requestValues.every(holds) : requestValues.some(holds);
}

/** True when every clause of a statement's condition block holds (an empty block always holds). */
export function conditionsHold(
  clauses: readonly ConditionClause[],
  context: NormalisedContext,
  variables: boolean,
): boolean {
  return clauses.every((c) => clauseHolds(c, context, variables));
}
