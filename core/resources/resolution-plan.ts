import type { ActionTarget } from '../call-context.js';
import type { Extractor, ServiceRules } from './extraction.js';
import { type PreparedType, typesOf } from './hits.js';
import { type ArnHint, type HintType, hasHints, prepareArnHint, prepareHintType } from './resolve-hints.js';
import { SERVICE_RULES } from './services/index.js';
import { mayNameNothing } from './unscoped.js';

/**
 * What resource resolution needs to know about an action target before it sees a call: the service's extractor
 * table, each resource type's extractor and compiled hint templates, whether the action may name nothing. Worked
 * out once per target (core/actions hands out the same frozen targets for every call of an event), so that per
 * call only request values are read.
 */

/** One resource type of the action, with how a request names it. */
export interface TypePlan extends PreparedType {
  /** The curated extractor for this type (action-specific first), if the service has one. */
  readonly extractor: Extractor | undefined;
  /** The type's variable hints, used when neither the record nor an extractor named a resource. */
  readonly hint: HintType;
}

/** Per-target resolution plan. */
export interface ResolutionPlan {
  /** The action supports no resource-level permissions: the answer is always `"*"`. */
  readonly wildcardOnly: boolean;
  readonly rules: ServiceRules | undefined;
  readonly types: readonly TypePlan[];
  /** The action-wide `arnTemplate`, which replaces the types' variable hints. */
  readonly arnHint: ArnHint | undefined;
  /** A call that named nothing may have needed `"*"` as such (see unscoped.ts). */
  readonly mayNameNothing: boolean;
}

/** Own-property lookup: table keys come from reference data, never from Object.prototype. */
function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

function preparePlan(target: ActionTarget): ResolutionPlan {
  const { info } = target;
  const rules = own(SERVICE_RULES, info.service);
  const prepared = typesOf(info);
  const types = prepared.map((type): TypePlan => {
    const extractor = own(own(rules?.actions, info.name), type.typeKey) ?? own(rules?.types, type.typeKey);
    const guess = extractor === undefined && prepared.length === 1;
    return { ...type, extractor, hint: prepareHintType(target, type, guess) };
  });
  const mapped = hasHints(target) || types.some((type) => type.extractor !== undefined);
  return {
    wildcardOnly: info.wildcardOnly || info.resourceTypes.length === 0,
    rules,
    types,
    arnHint: target.arnTemplate === undefined ? undefined : prepareArnHint(target.arnTemplate, prepared),
    mayNameNothing: mayNameNothing(info, mapped),
  };
}

// Keyed by the target object, so plans go away with the targets (core/actions bounds its own cache).
const plans = new WeakMap<ActionTarget, ResolutionPlan>();

/** The resolution plan of an action target, prepared on first use. */
export function planFor(target: ActionTarget): ResolutionPlan {
  let plan = plans.get(target);
  if (plan === undefined) {
    plan = preparePlan(target);
    plans.set(target, plan);
  }
  return plan;
}
