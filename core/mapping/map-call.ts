import { mapEventToActions } from '../actions/index.js';
import type { CallContext } from '../call-context.js';
import { resolveResources } from '../resources/index.js';
import type { ActionUse, Mapping } from '../types.js';

/** Maps a call to the IAM actions it needed and the resources it needed them on. */
export function mapCall(ctx: CallContext): Mapping {
  const result = mapEventToActions(ctx);
  if (result.kind === 'unmapped') return result;
  const actions: ActionUse[] = result.targets.map((target) => {
    const resources = resolveResources(target, ctx);
    return target.passedToService
      ? { action: target.info.action, resources, passedToService: target.passedToService }
      : { action: target.info.action, resources };
  });
  return { kind: 'mapped', actions };
}
