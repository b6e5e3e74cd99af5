import type { ActionTarget, CallContext } from '../call-context.js';
import type { ResourceRef } from '../types.js';
import { addNamed, type Hit, type PreparedType, typesOf } from './hits.js';
import type { Params } from './request-params.js';
import { addHints, type HintType, hasHints } from './resolve-hints.js';
import { SERVICE_RULES } from './services/index.js';
import { namedNothing } from './unscoped.js';

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
 */

const EMPTY_PARAMS: Params = Object.freeze({});

/** Own-property lookup: table keys come from reference data, never from Object.prototype. */
function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

function unresolved(): ResourceRef[] {
  return [{ arn: '*', origin: 'unresolved' }];
}

function unscoped(): ResourceRef[] {
  return [{ arn: '*', origin: 'unscoped' }];
}

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

/** Dedupes (record beats request), keeps the most specific type (an index, not its table), sorts. */
function finish(hits: readonly Hit[]): ResourceRef[] {
  const [only] = hits;
  if (hits.length === 1 && only !== undefined) return [{ arn: only.arn, origin: only.origin }];
  const byArn = new Map<string, Hit>();
  for (const hit of hits) {
    const seen = byArn.get(hit.arn);
    if (seen === undefined || (seen.origin === 'request' && hit.origin === 'record')) byArn.set(hit.arn, hit);
  }
  const all = [...byArn.values()];
  const kept = all.filter(
    (hit) => !all.some((other) => other.typeKey !== hit.typeKey && isInside(other.arn, hit.arn)),
  );
  if (kept.length === 0) return unresolved();
  kept.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  return kept.map(({ arn, origin }) => ({ arn, origin }));
}

/** Resolves the resources one IAM action of a call applied to; never empty, `"*"` when unknown or unscoped. */
export function resolveResources(target: ActionTarget, ctx: CallContext): ResourceRef[] {
  const { info } = target;
  if (info.wildcardOnly || info.resourceTypes.length === 0) return [{ arn: '*', origin: 'wildcard-only' }];
  const params = ctx.requestParameters ?? EMPTY_PARAMS;
  const rules = own(SERVICE_RULES, info.service);
  const useRecord = ctx.resources.length > 0 && rules?.ignoreRecord?.({ params, ctx, target }) !== true;
  const hits: Hit[] = [];
  const hintTypes: HintType[] = [];
  let mapped = hasHints(target);
  for (const type of typesOf(info)) {
    if (useRecord && addRecordHits(ctx, type, hits)) continue;
    const extractor = own(own(rules?.actions, info.name), type.typeKey) ?? own(rules?.types, type.typeKey);
    if (extractor !== undefined) mapped = true;
    const extraction = extractor?.({ params, ctx, target, template: type.template });
    if (extraction?.kind === 'unresolvable') return unresolved();
    if (extraction?.kind === 'found') {
      if (!addNamed(extraction.named, type, ctx, hits)) return unresolved();
    } else {
      hintTypes.push({ ...type, guess: extractor === undefined && typesOf(info).length === 1 });
    }
  }
  if (hits.length > 0) return finish(hits);
  // Hints are the least specific source: once the record or a curated extractor named the resource, the other
  // types of the action were not involved (a TagResource acts on one resource, not on one of each type).
  const hinted = hintTypes.length > 0 ? addHints(target, ctx, params, hintTypes, hits) : 'nothing';
  if (hinted === 'invalid') return unresolved();
  if (hits.length > 0) return finish(hits);
  // Resources in the record that fit none of the action's types still mean the call named something.
  const named = useRecord || hinted === 'named' || rules?.alwaysNamed === true;
  return !named && namedNothing({ info, params, mapped }) ? unscoped() : unresolved();
}
