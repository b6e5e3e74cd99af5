import type { ActionTarget, CallContext } from '../call-context.js';
import type { ResourceRef } from '../types.js';
import type { ExtractInput } from './extraction.js';
import { addNamed, type Hit, type PreparedType } from './hits.js';
import type { Params } from './request-params.js';
import { planFor, type ResolutionPlan, type TypePlan } from './resolution-plan.js';
import { addArnHint, addVariableHints, type HintOutcome } from './resolve-hints.js';
import { hasUnreadIdentifier } from './unscoped.js';

/**
 * Resource ARN inference for one IAM action of one call. For each resource type of the action, in order of trust:
 * 1. the record's `resources[]` entries that are ARNs of that type (origin 'record');
 * 2. the curated per-service extractor table (services/), which reads request parameters (origin 'request');
 * 3. only when neither named anything: core/actions' hints, `arnTemplate` (whole ARN), else `resourceVars`, else
 *    for the single resource type of a service without a curated table the template variable's lowerCamelCase
 *    name as a request parameter (origin 'request').
 * When nothing names a resource, the answer is a single `"*"`: origin 'unscoped' when the call named none and did
 * not need to (a Describe of everything, see unscoped.ts), else 'unresolved', flagged for review — as is a resource
 * that exists but cannot be named safely: a wrong or over-broad ARN would be worse than an honest wildcard.
 * Runs for every action of every event: what depends only on the action is prepared once (resolution-plan.ts),
 * and the `"*"` answers are shared frozen values.
 */

const EMPTY_PARAMS: Params = Object.freeze({});

function constant(origin: ResourceRef['origin']): readonly ResourceRef[] {
  return Object.freeze([Object.freeze({ arn: '*', origin })]);
}

const WILDCARD_ONLY = constant('wildcard-only');
const UNRESOLVED = constant('unresolved');
const UNSCOPED = constant('unscoped');

/** Adds the record's ARNs of this type; false when the record names none. */
function addRecordHits(ctx: CallContext, type: PreparedType, hits: Hit[]): boolean {
  let added = false;
  for (const resource of ctx.resources) {
    if (resource.arn !== undefined && type.template.matches(resource.arn)) {
      hits.push({ arn: resource.arn, origin: 'record', typeKey: type.typeKey });
      added = true;
    }
  }
  return added;
}

/** True when `longer` names a resource inside `shorter` (`table/T/index/I` inside `table/T`). */
function isInside(longer: string, shorter: string): boolean {
  const next = longer.charAt(shorter.length);
  return longer.length > shorter.length && longer.startsWith(shorter) && (next === '/' || next === ':');
}

/** Hits with distinct ARNs, in order of first appearance; a record hit beats a request hit for the same ARN. */
function distinct(hits: readonly Hit[]): Hit[] {
  const unique: Hit[] = [];
  for (const hit of hits) {
    const seen = unique.findIndex((other) => other.arn === hit.arn);
    if (seen < 0) unique.push(hit);
    else if (unique[seen]?.origin === 'request' && hit.origin === 'record') unique[seen] = hit;
  }
  return unique;
}

function isSorted(refs: readonly ResourceRef[]): boolean {
  for (let i = 1; i < refs.length; i++) if ((refs[i - 1]?.arn ?? '') > (refs[i]?.arn ?? '')) return false;
  return true;
}

/** Dedupes (record beats request), keeps the most specific type (an index, not its table), sorts. */
function finish(hits: readonly Hit[]): readonly ResourceRef[] {
  const [only] = hits;
  if (hits.length === 1 && only !== undefined) return [{ arn: only.arn, origin: only.origin }];
  const all = distinct(hits);
  const kept: ResourceRef[] = [];
  for (const hit of all) {
    const covered = all.some((other) => other.typeKey !== hit.typeKey && isInside(other.arn, hit.arn));
    if (!covered) kept.push({ arn: hit.arn, origin: hit.origin });
  }
  if (kept.length === 0) return UNRESOLVED;
  // ARNs are distinct, so any sort gives the same order; records usually list them sorted already.
  return isSorted(kept) ? kept : kept.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/** Resolves the types no record or curated extractor answered from core/actions' hints. */
function addHints(
  plan: ResolutionPlan,
  answered: ReadonlySet<TypePlan> | undefined,
  ctx: CallContext,
  params: Params,
  hits: Hit[],
): HintOutcome {
  let outcome: HintOutcome = 'nothing';
  for (const type of plan.types) {
    if (answered?.has(type)) continue;
    // An action-wide ARN template stands for every type, but only when one of them is left to hints.
    if (plan.arnHint !== undefined) return addArnHint(plan.arnHint, ctx, params, hits);
    const typeOutcome = addVariableHints(ctx, params, type.hint, hits);
    if (typeOutcome === 'invalid') return typeOutcome;
    if (typeOutcome === 'named') outcome = typeOutcome;
  }
  return outcome;
}

/** Resolves the resources one IAM action of a call applied to; never empty, `"*"` when unknown or unscoped. */
export function resolveResources(target: ActionTarget, ctx: CallContext): readonly ResourceRef[] {
  const plan = planFor(target);
  if (plan.wildcardOnly) return WILDCARD_ONLY;
  const params = ctx.requestParameters ?? EMPTY_PARAMS;
  const { rules } = plan;
  const useRecord = ctx.resources.length > 0 && rules?.ignoreRecord?.({ params, ctx, target }) !== true;
  const hits: Hit[] = [];
  // Types an extractor answered with an empty list, which get neither hits nor hints (found() never gives one,
  // but the contract allows it). Types answered with resources need no note: hints only run when nothing was hit.
  let answered: Set<TypePlan> | undefined;
  for (const type of plan.types) {
    if (useRecord && addRecordHits(ctx, type, hits)) continue;
    if (type.extractor === undefined) continue;
    const input: ExtractInput = { params, ctx, target, template: type.template };
    const extraction = type.extractor(input);
    if (extraction.kind === 'unresolvable') return UNRESOLVED;
    if (extraction.kind === 'found') {
      if (!addNamed(extraction.named, type, ctx, hits)) return UNRESOLVED;
      if (extraction.named.length === 0) {
        answered ??= new Set();
        answered.add(type);
      }
    }
  }
  if (hits.length > 0) return finish(hits);
  // Hints are the least specific source: once the record or a curated extractor named the resource, the other
  // types of the action were not involved (a TagResource acts on one resource, not on one of each type).
  const hinted = addHints(plan, answered, ctx, params, hits);
  if (hinted === 'invalid') return UNRESOLVED;
  if (hits.length > 0) return finish(hits);
  // Resources in the record that fit none of the action's types still mean the call named something.
  const named = useRecord || hinted === 'named' || rules?.alwaysNamed === true;
  return !named && plan.mayNameNothing && !hasUnreadIdentifier(params) ? UNSCOPED : UNRESOLVED;
}
