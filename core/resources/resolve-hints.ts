import type { ActionTarget, CallContext } from '../call-context.js';
import type { Hit, PreparedType } from './hits.js';
import {
  compiledReadsRequest,
  evaluateCompiled,
  type TemplateEnv,
  type TemplateResult,
} from './param-template.js';
import { lowerFirst, type Params } from './request-params.js';
import { MAX_RESOURCES } from './safe-value.js';
import { type CompiledTemplate, compileTemplate } from './template-syntax.js';

/**
 * Resolution from core/actions' hints (map.json `resource_mappings` / `arn_override`), for the resource types that
 * neither the record nor a curated extractor answered. What depends only on the action (which template fills
 * which variable, compiled) is prepared once per action target; per call only the templates are evaluated.
 */

/** A resource type resolved from hints, prepared once per action target. */
export interface HintType extends PreparedType {
  /** Per template variable, in order: the compiled template giving its values, undefined when nothing does. */
  readonly hints: readonly (CompiledTemplate | undefined)[];
  /** Every variable has a template: a call can name a resource of this type. */
  readonly complete: boolean;
  /** Position of the template's `ownName` among its variables (-1 without one). */
  readonly ownIndex: number;
}

/** An action-wide `arnTemplate`, prepared once per action target: its ARN may belong to any of the action's types. */
export interface ArnHint {
  readonly template: CompiledTemplate;
  readonly types: readonly PreparedType[];
  /** True when an ARN belongs to one of `types` (the `%%iftemplatematch%%` check). */
  readonly matchesType: (arn: string) => boolean;
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

/**
 * Prepares a type's variable hints. `guess`: the type's variables may be looked up by their lowerCamelCase names.
 * Only for the single resource type of an action of a service without a curated table: in multi-type actions
 * (TagResource, ListTagsForResource) a generic name such as `resourceId` would be read into every type's ARN.
 */
export function prepareHintType(target: ActionTarget, type: PreparedType, guess: boolean): HintType {
  const hints = type.template.variables.map((variable) => {
    const hint = target.resourceVars?.[variable] ?? (guess ? `\${${lowerFirst(variable)}}` : undefined);
    return hint === undefined ? undefined : compileTemplate(hint);
  });
  const { ownName, variables } = type.template;
  const ownIndex = ownName === undefined ? -1 : variables.indexOf(ownName);
  return { ...type, hints, complete: hints.every((hint) => hint !== undefined), ownIndex };
}

/** Prepares an action's `arnTemplate` against all of its resource types. */
export function prepareArnHint(arnTemplate: string, types: readonly PreparedType[]): ArnHint {
  const matchesType = (arn: string) => types.some((type) => type.template.matches(arn));
  return { template: compileTemplate(arnTemplate), types, matchesType };
}

/** The values a template gave, without the empty ones ('' means the helper found nothing usable). */
function presentValues(values: readonly string[]): readonly string[] {
  return values.includes('') ? values.filter((value) => value !== '') : values;
}

/**
 * Adds one ARN per combination of the variables' values (BatchGetItem tables × …, first variable outermost);
 * false when there are too many or one is not a valid ARN of the type. Name-or-ARN parameters (`name` of
 * cloudtrail:StopLogging, `cluster` of ECS) may hold the whole ARN of the resource: such a value in the variable
 * that names the resource is used as is when it is an ARN of the type in the call's partition, instead of being
 * rejected for its `:` and `/`.
 */
function addCombinations(
  columns: readonly (readonly string[])[],
  type: HintType,
  ctx: CallContext,
  hits: Hit[],
): boolean {
  let count = 1;
  for (const column of columns) {
    count *= column.length;
    if (count > MAX_RESOURCES) return false;
  }
  if (hits.length + count > MAX_RESOURCES) return false;
  const [first] = columns;
  // The usual case, one variable with one value: that column is the row.
  if (count === 1 && columns.length === 1 && first !== undefined) return addRow(first, type, ctx, hits);
  const row = columns.map((column) => column[0] ?? '');
  const position = columns.map(() => 0);
  for (let n = 0; n < count; n++) {
    if (!addRow(row, type, ctx, hits)) return false;
    // Next combination: the last variable varies fastest.
    for (let i = columns.length - 1; i >= 0; i--) {
      const column = columns[i] ?? [];
      const next = (position[i] ?? 0) + 1;
      position[i] = next < column.length ? next : 0;
      row[i] = column[position[i] ?? 0] ?? '';
      if (next < column.length) break;
    }
  }
  return true;
}

/** Adds the ARN of one row of variable values (in the order of the template's variables). */
function addRow(row: readonly string[], type: HintType, ctx: CallContext, hits: Hit[]): boolean {
  const { template } = type;
  const value = template.ownName === undefined ? undefined : row[type.ownIndex];
  const isOwnArn = value !== undefined && isArnIn(value, ctx.partition) && template.matches(value);
  const arn = isOwnArn ? value : template.fillValues(row, ctx);
  if (arn === undefined) return false;
  hits.push({ arn, origin: 'request', typeKey: type.typeKey });
  return true;
}

/** `value.startsWith(`arn:${partition}:`)` without building the prefix. */
function isArnIn(value: string, partition: string): boolean {
  return value.startsWith('arn:') && value.startsWith(partition, 4) && value[4 + partition.length] === ':';
}

/** Resolves one type from its variable hints. */
export function addVariableHints(ctx: CallContext, params: Params, type: HintType, hits: Hit[]): HintOutcome {
  const env: TemplateEnv = { params, scope: ctx, matchesType: type.template.matches };
  let columns: (readonly string[])[] | undefined;
  let named = false;
  let complete = type.complete;
  for (const hint of type.hints) {
    if (hint === undefined) continue;
    const values = evaluateCompiled(hint, env);
    if (values === 'invalid') return values;
    const present = presentValues(values);
    if (present.length > 0 || compiledReadsRequest(hint, env)) named = true;
    if (present.length === 0) complete = false;
    else if (!complete) continue;
    else if (columns === undefined) columns = [present];
    else columns.push(present);
  }
  if (!complete) return named ? 'named' : 'nothing';
  // A type without variables of its own has exactly one ARN, built from the call's scope.
  return addCombinations(columns ?? [], type, ctx, hits) ? 'named' : 'invalid';
}

/** Resolves an action-wide `arnTemplate`: each ARN must belong to one of the action's types. */
export function addArnHint(hint: ArnHint, ctx: CallContext, params: Params, hits: Hit[]): HintOutcome {
  const env: TemplateEnv = { params, scope: ctx, matchesType: hint.matchesType };
  const values: TemplateResult = evaluateCompiled(hint.template, env);
  if (values === 'invalid') return values;
  let named = false;
  for (const arn of values) {
    if (arn === '') continue;
    named = true;
    const type = hint.types.find((candidate) => candidate.template.matches(arn));
    if (type === undefined || hits.length >= MAX_RESOURCES) return 'invalid';
    hits.push({ arn, origin: 'request', typeKey: type.typeKey });
  }
  return named || compiledReadsRequest(hint.template, env) ? 'named' : 'nothing';
}
