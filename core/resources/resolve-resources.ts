import type { ActionInfo } from '../actions/reference-data.js';
import type { ActionTarget, CallContext } from '../call-context.js';
import type { ResourceRef } from '../types.js';
import { type ArnScope, type ArnTemplate, arnTemplateFor } from './arn-template.js';
import type { Named } from './extraction.js';
import { evaluateTemplate } from './param-template.js';
import { lowerFirst, type Params } from './request-params.js';
import { MAX_RESOURCES } from './safe-value.js';
import { SERVICE_RULES } from './services/index.js';

/**
 * Resource ARN inference for one IAM action of one call. For each resource type of the action, in order of trust:
 * 1. the record's `resources[]` entries that are ARNs of that type (origin 'record');
 * 2. the curated per-service extractor table (services/), which reads request parameters (origin 'request');
 * 3. only when neither named anything: core/actions' hints, `arnTemplate` (whole ARN), else `resourceVars`, else
 *    for the single resource type of a service without a curated table the template variable's lowerCamelCase
 *    name as a request parameter (origin 'request').
 * When a type's resource exists but cannot be named safely, or nothing at all is found, the answer is a single
 * flagged `"*"` (origin 'unresolved'): a wrong or over-broad ARN would be worse than an honest wildcard.
 */

interface Hit {
  readonly arn: string;
  readonly origin: 'record' | 'request';
  readonly typeKey: string;
}

/** A resource type of an action with its compiled template, prepared once per action. */
interface PreparedType {
  /** Lower-case key, as the extractor tables spell it. */
  readonly typeKey: string;
  readonly template: ArnTemplate;
}

interface HintType extends PreparedType {
  /**
   * The type's variables may be looked up by their lowerCamelCase names. Only for the single resource type of an
   * action of a service without a curated table: in multi-type actions (TagResource, ListTagsForResource) a generic
   * name such as `resourceId` would be read into every type's ARN.
   */
  readonly guess: boolean;
}

const EMPTY_PARAMS: Params = Object.freeze({});
const prepared = new WeakMap<ActionInfo, readonly PreparedType[]>();

/** The action's resource types that have an ARN template, computed once per action. */
function typesOf(info: ActionInfo): readonly PreparedType[] {
  let types = prepared.get(info);
  if (types === undefined) {
    types = info.resourceTypes.flatMap(({ key }) => {
      const template = arnTemplateFor(info.service, key);
      return template === undefined ? [] : [{ typeKey: key.toLowerCase(), template }];
    });
    prepared.set(info, types);
  }
  return types;
}

/** Own-property lookup: table keys come from reference data, never from Object.prototype. */
function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

function unresolved(): ResourceRef[] {
  return [{ arn: '*', origin: 'unresolved' }];
}

/** The call's scope as template variables, for hint templates. */
function scopeVariables(ctx: CallContext): Record<string, string> {
  return { Partition: ctx.partition, Region: ctx.region, Account: ctx.account };
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

/** Validates and assembles what an extractor named; false when any of it is not a valid ARN of the type. */
function addNamed(named: readonly Named[], type: PreparedType, ctx: CallContext, hits: Hit[]) {
  if (hits.length + named.length > MAX_RESOURCES) return false;
  for (const item of named) {
    let arn: string | undefined;
    if ('arn' in item) {
      arn = type.template.matches(item.arn) ? item.arn : undefined;
    } else {
      const scope: ArnScope =
        item.scope === undefined
          ? ctx
          : {
              partition: item.scope.partition ?? ctx.partition,
              region: item.scope.region ?? ctx.region,
              account: item.scope.account ?? ctx.account,
            };
      arn = type.template.fill(item.vars, scope);
    }
    if (arn === undefined) return false;
    hits.push({
      arn: item.suffix === undefined ? arn : arn + item.suffix,
      origin: 'request',
      typeKey: type.typeKey,
    });
  }
  return true;
}

/** Every combination of the variables' candidate values (BatchGetItem tables × …), bounded. */
function combinations(
  candidates: readonly (readonly [string, readonly string[]])[],
): Record<string, string>[] | undefined {
  let rows: Record<string, string>[] = [{}];
  for (const [variable, values] of candidates) {
    if (rows.length * values.length > MAX_RESOURCES) return undefined;
    rows = rows.flatMap((row) => values.map((value) => ({ ...row, [variable]: value })));
  }
  return rows;
}

/** Resolves one type from `resourceVars` / parameter names; false on invalid input, true otherwise. */
function addVariableHints(
  target: ActionTarget,
  ctx: CallContext,
  params: Params,
  type: HintType,
  hits: Hit[],
) {
  const scope = scopeVariables(ctx);
  const env = { params, scope, matchesType: type.template.matches };
  const candidates: [string, readonly string[]][] = [];
  for (const variable of type.template.variables) {
    const hint = target.resourceVars?.[variable] ?? (type.guess ? `\${${lowerFirst(variable)}}` : undefined);
    if (hint === undefined) return true;
    const values = evaluateTemplate(hint, env);
    if (values === 'invalid') return false;
    const present = values.filter((value) => value !== '');
    if (present.length === 0) return true;
    candidates.push([variable, present]);
  }
  const rows = combinations(candidates);
  if (rows === undefined) return false;
  return addNamed(
    rows.map((vars) => ({ vars })),
    type,
    ctx,
    hits,
  );
}

/** Resolves the types no record or curated extractor answered from core/actions' hints. */
function addHints(
  target: ActionTarget,
  ctx: CallContext,
  params: Params,
  types: readonly HintType[],
  hits: Hit[],
) {
  if (target.arnTemplate === undefined) {
    return types.every((type) => addVariableHints(target, ctx, params, type, hits));
  }
  // arn_override is action-wide: its ARN may belong to any of the action's types, not only the unanswered ones.
  const all = typesOf(target.info);
  const matching = (arn: string) => all.find((type) => type.template.matches(arn));
  const env = {
    params,
    scope: scopeVariables(ctx),
    matchesType: (arn: string) => matching(arn) !== undefined,
  };
  const values = evaluateTemplate(target.arnTemplate, env);
  if (values === 'invalid') return false;
  for (const arn of values) {
    if (arn === '') continue;
    const type = matching(arn);
    if (type === undefined || hits.length >= MAX_RESOURCES) return false;
    hits.push({ arn, origin: 'request', typeKey: type.typeKey });
  }
  return true;
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

/** Resolves the resources one IAM action of a call applied to; never empty, `"*"` when unknown. */
export function resolveResources(target: ActionTarget, ctx: CallContext): ResourceRef[] {
  const { info } = target;
  if (info.wildcardOnly || info.resourceTypes.length === 0) return [{ arn: '*', origin: 'wildcard-only' }];
  const params = ctx.requestParameters ?? EMPTY_PARAMS;
  const rules = own(SERVICE_RULES, info.service);
  const useRecord = ctx.resources.length > 0 && rules?.ignoreRecord?.({ params, ctx, target }) !== true;
  const hits: Hit[] = [];
  const hintTypes: HintType[] = [];
  for (const type of typesOf(info)) {
    if (useRecord && addRecordHits(ctx, type, hits)) continue;
    const extractor = own(own(rules?.actions, info.name), type.typeKey) ?? own(rules?.types, type.typeKey);
    const extraction = extractor?.({ params, ctx, target, template: type.template });
    if (extraction?.kind === 'unresolvable') return unresolved();
    if (extraction?.kind === 'found') {
      if (!addNamed(extraction.named, type, ctx, hits)) return unresolved();
    } else {
      hintTypes.push({ ...type, guess: extractor === undefined && typesOf(info).length === 1 });
    }
  }
  // Hints are the least specific source: once the record or a curated extractor named the resource, the other
  // types of the action were not involved (a TagResource acts on one resource, not on one of each type).
  if (hits.length === 0 && hintTypes.length > 0 && !addHints(target, ctx, params, hintTypes, hits)) {
    return unresolved();
  }
  return finish(hits);
}
