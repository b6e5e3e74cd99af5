import type { ActionInfo } from '../actions/reference-data.js';
import type { CallContext } from '../call-context.js';
import { type ArnScope, type ArnTemplate, arnTemplateFor } from './arn-template.js';
import type { Named } from './extraction.js';
import { MAX_RESOURCES } from './safe-value.js';

/** One resource ARN found for an action, with where it came from and the resource type it is an ARN of. */
export interface Hit {
  readonly arn: string;
  readonly origin: 'record' | 'request';
  readonly typeKey: string;
}

/** A resource type of an action with its compiled template, prepared once per action. */
export interface PreparedType {
  /** Lower-case key, as the extractor tables spell it. */
  readonly typeKey: string;
  readonly template: ArnTemplate;
}

const prepared = new WeakMap<ActionInfo, readonly PreparedType[]>();

/** The action's resource types that have an ARN template, computed once per action. */
export function typesOf(info: ActionInfo): readonly PreparedType[] {
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

function scopeOf(item: Extract<Named, { vars: unknown }>, ctx: CallContext): ArnScope {
  if (item.scope === undefined) return ctx;
  return {
    partition: item.scope.partition ?? ctx.partition,
    region: item.scope.region ?? ctx.region,
    account: item.scope.account ?? ctx.account,
  };
}

/** Validates and assembles what an extractor or hint named; false when any of it is not a valid ARN of the type. */
export function addNamed(
  named: readonly Named[],
  type: PreparedType,
  ctx: CallContext,
  hits: Hit[],
): boolean {
  if (hits.length + named.length > MAX_RESOURCES) return false;
  for (const item of named) {
    const isArn = 'arn' in item;
    const arn = isArn
      ? type.template.matches(item.arn)
        ? item.arn
        : undefined
      : type.template.fill(item.vars, scopeOf(item, ctx));
    if (arn === undefined) return false;
    hits.push({
      arn: item.suffix === undefined ? arn : arn + item.suffix,
      origin: isArn && item.fromRecord === true ? 'record' : 'request',
      typeKey: type.typeKey,
    });
  }
  return true;
}
