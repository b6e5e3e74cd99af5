import { lookupAction } from '../actions/reference-data.js';
import { call } from '../actions/test-support.js';
import type { ActionTarget, CallContext } from '../call-context.js';
import type { ResourceRef } from '../types.js';
import { resolveResources } from './resolve-resources.js';

/** Test helper: an ActionTarget for a real IAM action, with optional core/actions hints. */
export function target(action: string, hints: Omit<ActionTarget, 'info'> = {}): ActionTarget {
  const info = lookupAction(action);
  if (info === undefined) throw new Error(`IAM reference data has no action ${action}`);
  return { info, ...hints };
}

/** Test helper: resolves `action` for a call made with `requestParameters` (plus context overrides). */
export function resolve(
  action: string,
  requestParameters: Record<string, unknown> | null,
  overrides: Partial<CallContext> = {},
  hints: Omit<ActionTarget, 'info'> = {},
): readonly ResourceRef[] {
  return resolveResources(target(action, hints), call({ requestParameters, ...overrides }));
}

/** Test helper: the expected answer when a resource could not be determined. */
export const UNRESOLVED: ResourceRef[] = [{ arn: '*', origin: 'unresolved' }];

/** Test helper: request-built resources. */
export function fromRequest(...arns: string[]): ResourceRef[] {
  return arns.map((arn) => ({ arn, origin: 'request' }));
}

/** Test helper: record-listed resources. */
export function fromRecord(...arns: string[]): ResourceRef[] {
  return arns.map((arn) => ({ arn, origin: 'record' }));
}
