import type { ActionTarget, CallContext } from '../call-context.js';
import type { Named } from './extraction.js';
import { addNamed, type Hit, type PreparedType, typesOf } from './hits.js';
import { evaluateTemplate, type TemplateEnv, templateReadsRequest } from './param-template.js';
import { lowerFirst, type Params } from './request-params.js';
import { MAX_RESOURCES } from './safe-value.js';

/**
 * Resolution from core/actions' hints (map.json `resource_mappings` / `arn_override`), for the resource types that
 * neither the record nor a curated extractor answered.
 */

/** A resource type resolved from hints. */
export interface HintType extends PreparedType {
  /**
   * The type's variables may be looked up by their lowerCamelCase names. Only for the single resource type of an
   * action of a service without a curated table: in multi-type actions (TagResource, ListTagsForResource) a generic
   * name such as `resourceId` would be read into every type's ARN.
   */
  readonly guess: boolean;
}

/**
 * `invalid`: the request named something that is not a valid ARN (or too many); `named`: a read parameter was
 * present, whether or not it became an ARN; `nothing`: every parameter the hints read was absent.
 */
export type HintOutcome = 'invalid' | 'named' | 'nothing';

/** True when the action carries hints of its own (guessed parameter names are not a mapping). */
export function hasHints(target: ActionTarget): boolean {
  return target.arnTemplate !== undefined || Object.keys(target.resourceVars ?? {}).length > 0;
}

/** The call's scope as template variables, for hint templates. */
function scopeVariables(ctx: CallContext): Record<string, string> {
  return { Partition: ctx.partition, Region: ctx.region, Account: ctx.account };
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

/**
 * A row of variable values as a resource. Name-or-ARN parameters (`name` of cloudtrail:StopLogging, `cluster` of
 * ECS) may hold the whole ARN of the resource; such a value in the variable that names the resource is used as is
 * when it is an ARN of the type in the call's partition, instead of being rejected for its `:` and `/`.
 */
function rowResource(vars: Readonly<Record<string, string>>, type: PreparedType, ctx: CallContext): Named {
  const { ownName } = type.template;
  const value = ownName === undefined ? undefined : vars[ownName];
  if (value?.startsWith(`arn:${ctx.partition}:`) && type.template.matches(value)) return { arn: value };
  return { vars };
}

/** Resolves one type from `resourceVars` / parameter names. */
function addVariableHints(
  target: ActionTarget,
  ctx: CallContext,
  params: Params,
  type: HintType,
  hits: Hit[],
): HintOutcome {
  const env: TemplateEnv = { params, scope: scopeVariables(ctx), matchesType: type.template.matches };
  const candidates: [string, readonly string[]][] = [];
  let named = false;
  let complete = true;
  for (const variable of type.template.variables) {
    const hint = target.resourceVars?.[variable] ?? (type.guess ? `\${${lowerFirst(variable)}}` : undefined);
    if (hint === undefined) {
      complete = false;
      continue;
    }
    const values = evaluateTemplate(hint, env);
    if (values === 'invalid') return values;
    const present = values.filter((value) => value !== '');
    if (present.length > 0 || templateReadsRequest(hint, env)) named = true;
    if (present.length === 0) complete = false;
    else candidates.push([variable, present]);
  }
  if (!complete) return named ? 'named' : 'nothing';
  const rows = combinations(candidates);
  if (rows === undefined) return 'invalid';
  const resources = rows.map((vars) => rowResource(vars, type, ctx));
  return addNamed(resources, type, ctx, hits) ? 'named' : 'invalid';
}

/** Resolves an action-wide `arnTemplate`: its ARN may belong to any of the action's types. */
function addArnHint(
  arnTemplate: string,
  target: ActionTarget,
  ctx: CallContext,
  params: Params,
  hits: Hit[],
) {
  const all = typesOf(target.info);
  const matching = (arn: string) => all.find((type) => type.template.matches(arn));
  const env: TemplateEnv = {
    params,
    scope: scopeVariables(ctx),
    matchesType: (arn: string) => matching(arn) !== undefined,
  };
  const values = evaluateTemplate(arnTemplate, env);
  if (values === 'invalid') return values;
  let named = templateReadsRequest(arnTemplate, env);
  for (const arn of values) {
    if (arn === '') continue;
    named = true;
    const type = matching(arn);
    if (type === undefined || hits.length >= MAX_RESOURCES) return 'invalid';
    hits.push({ arn, origin: 'request', typeKey: type.typeKey });
  }
  return named ? 'named' : 'nothing';
}

/** Resolves the types no record or curated extractor answered from core/actions' hints. */
export function addHints(
  target: ActionTarget,
  ctx: CallContext,
  params: Params,
  types: readonly HintType[],
  hits: Hit[],
): HintOutcome {
  if (target.arnTemplate !== undefined) return addArnHint(target.arnTemplate, target, ctx, params, hits);
  let outcome: HintOutcome = 'nothing';
  for (const type of types) {
    const typeOutcome = addVariableHints(target, ctx, params, type, hits);
    if (typeOutcome === 'invalid') return typeOutcome;
    if (typeOutcome === 'named') outcome = typeOutcome;
  }
  return outcome;
}
