import { conditionsHold } from './conditions.js';
import { type NormalisedContext, normaliseContext } from './context.js';
import type {
  DecidingStatement,
  Decision,
  EvaluationRequest,
  Policy,
  PolicyKind,
  PolicySet,
  Statement,
} from './types.js';
import { substituteVariables } from './variables.js';
import { arnMatch, globMatch } from './wildcard.js';

/** True when the statement's `Action` (or `NotAction`) covers the lower-case action. */
export function actionMatches(statement: Statement, lowerAction: string): boolean {
  const hit = statement.actions.some((p) => globMatch(lowerAction, p));
  return statement.notAction ? !hit : hit;
}

function resourcePatterns(statement: Statement, policy: Policy, context: NormalisedContext): string[] {
  if (!policy.variables) return [...statement.resources];
  return statement.resources.flatMap((r) => substituteVariables(r, context) ?? []);
}

/**
 * Resource matching. For an unknown resource, leniently, an Allow matches when it could match some resource (any
 * `Resource`; a `NotResource` without `"*"`) and a Deny only when it covers every resource (`Resource: "*"`);
 * strictly, the other way round.
 */
function resourceMatches(
  statement: Statement,
  policy: Policy,
  request: EvaluationRequest,
  context: NormalisedContext,
): boolean {
  const patterns = resourcePatterns(statement, policy, context);
  const resource = request.resource;
  if (resource === undefined) {
    const coversAll = !statement.notResource && patterns.includes('*');
    const coversSome = statement.notResource ? !patterns.includes('*') : patterns.length > 0;
    // Lenient: an Allow needs to cover some resource and a Deny every resource; strict: the reverse.
    const lenient = request.unknownResource !== 'strict';
    return (statement.effect === 'Allow') === lenient ? coversSome : coversAll;
  }
  const hit = patterns.some((p) => arnMatch(resource, p));
  return statement.notResource ? !hit : hit;
}

interface Layer {
  readonly kind: PolicyKind;
  readonly level?: number;
  readonly policies: readonly Policy[];
}

function layersOf(set: PolicySet): Layer[] {
  const layers: Layer[] = (set.scpLevels ?? []).map((policies, level) => ({ kind: 'scp', level, policies }));
  if (set.permissionsBoundary !== undefined)
    layers.push({ kind: 'boundary', policies: set.permissionsBoundary });
  layers.push({ kind: 'identity', policies: set.identity });
  return layers;
}

function matching(layer: Layer, request: EvaluationRequest, context: NormalisedContext): DecidingStatement[] {
  const action = request.action.toLowerCase();
  const out: DecidingStatement[] = [];
  for (const policy of layer.policies) {
    for (const s of policy.statements) {
      if (!actionMatches(s, action)) continue;
      if (!resourceMatches(s, policy, request, context)) continue;
      if (!conditionsHold(s.conditions, context, policy.variables)) continue;
      out.push({
        kind: layer.kind,
        policy: policy.id,
        sid: s.sid,
        effect: s.effect,
        ...(layer.level === undefined ? {} : { level: layer.level }),
      });
    }
  }
  return out;
}

/**
 * Evaluates a request as IAM does within one account: an explicit Deny in any policy wins; otherwise every SCP
 * level, the permissions boundary (when set) and the identity policies must each have a matching Allow; anything
 * else is an implicit deny, reported with the first layer that had no Allow.
 */
export function evaluateRequest(set: PolicySet, request: EvaluationRequest): Decision {
  const context = normaliseContext(request.context);
  const perLayer = layersOf(set).map((layer) => ({ layer, hits: matching(layer, request, context) }));
  const denies = perLayer.flatMap((l) => l.hits.filter((h) => h.effect === 'Deny'));
  if (denies.length > 0) return { decision: 'ExplicitDeny', statements: denies };
  const allows: DecidingStatement[] = [];
  for (const { layer, hits } of perLayer) {
    if (hits.length === 0) {
      return {
        decision: 'ImplicitDeny',
        missing: layer.kind,
        ...(layer.level === undefined ? {} : { level: layer.level }),
        statements: [],
      };
    }
    allows.push(...hits);
  }
  return { decision: 'Allow', statements: allows };
}
