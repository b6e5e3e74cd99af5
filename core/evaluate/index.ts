/**
 * core/evaluate: the project's own IAM policy evaluator (identity policies, SCP levels, permissions boundaries,
 * conditions, policy variables), after AWS's documented policy evaluation logic. Pure; no AWS call.
 */
export { allowedActions, canonicalAction, statementActions } from './allowed-actions.js';
export { clauseHolds, conditionsHold } from './conditions.js';
export { type NormalisedContext, normaliseContext } from './context.js';
export { actionMatches, evaluateRequest } from './evaluate.js';
export { ipInCidr } from './ip.js';
export { isKnownOperator, parseOperator } from './operators.js';
export { type ParsedPolicy, parsePolicy } from './parse-policy.js';
export type {
  ConditionClause,
  ContextValues,
  DecidingStatement,
  Decision,
  Effect,
  EvaluationRequest,
  Policy,
  PolicyKind,
  PolicySet,
  Statement,
} from './types.js';
export { substituteVariables } from './variables.js';
export { arnMatch, globMatch } from './wildcard.js';
