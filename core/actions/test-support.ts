import type { ActionTarget, CallContext } from '../call-context.js';
import { type ActionMapping, mapEventToActions } from './index.js';

/** Test helper: a CallContext for account 111122223333 in us-east-1 unless overridden. */
export function call(overrides: Partial<CallContext> = {}): CallContext {
  return {
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    requestParameters: null,
    responseElements: null,
    additionalEventData: null,
    resources: [],
    partition: 'aws',
    region: 'us-east-1',
    account: '111122223333',
    ...overrides,
  };
}

/** Test helper: maps a call of `eventName` on `eventSource` made with `requestParameters`. */
export function mapCall(
  eventSource: string,
  eventName: string,
  requestParameters: Record<string, unknown> | null = null,
): ActionMapping {
  return mapEventToActions(call({ eventSource, eventName, requestParameters }));
}

/** Test helper: the targets of a call that must map; throws with the reason when it does not. */
export function targetsOf(
  eventSource: string,
  eventName: string,
  requestParameters: Record<string, unknown> | null = null,
): readonly ActionTarget[] {
  const mapped = mapCall(eventSource, eventName, requestParameters);
  if (mapped.kind !== 'mapped') throw new Error(`unmapped: ${mapped.reason}`);
  return mapped.targets;
}

/** Test helper: the IAM actions a mapping names, or its unmapped reason. */
export function actionsOf(mapping: ActionMapping): string[] {
  return mapping.kind === 'mapped' ? mapping.targets.map((t) => t.info.action) : [mapping.reason];
}
