import { mapEventToActions } from '../actions/index.js';
import type { ActionTarget, CallContext } from '../call-context.js';
import { resolveResources } from '../resources/index.js';
import type { ActionUse, Mapping, ResourceRef } from '../types.js';

/**
 * Action uses whose resources are a shared constant (wildcard-only, unscoped, unresolved) are themselves shared,
 * per target: most calls of most actions need no new objects here.
 */
const sharedUses = new WeakMap<ActionTarget, WeakMap<readonly ResourceRef[], ActionUse>>();

/** Maps a call to the IAM actions it needed and the resources it needed them on. */
export function mapCall(ctx: CallContext): Mapping {
  const result = mapEventToActions(ctx);
  if (result.kind === 'unmapped') return result;
  const targets = result.targets;
  const actions: ActionUse[] = new Array(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i] as ActionTarget;
    actions[i] = actionUse(target, resolveResources(target, ctx));
  }
  return { kind: 'mapped', actions };
}

function actionUse(target: ActionTarget, resources: readonly ResourceRef[]): ActionUse {
  if (!Object.isFrozen(resources) || !Object.isFrozen(target)) return build(target, resources);
  let byResources = sharedUses.get(target);
  if (!byResources) {
    byResources = new WeakMap();
    sharedUses.set(target, byResources);
  }
  let use = byResources.get(resources);
  if (!use) {
    use = Object.freeze(build(target, resources));
    byResources.set(resources, use);
  }
  return use;
}

function build(target: ActionTarget, resources: readonly ResourceRef[]): ActionUse {
  return target.passedToService
    ? { action: target.info.action, resources, passedToService: target.passedToService }
    : { action: target.info.action, resources };
}
