import { ACTION_MAP_DATA } from '../data/action-map.generated.js';
import { normaliseEventName } from './event-names.js';
import { resolveServicePrefix } from './event-sources.js';

/**
 * Calls that need no IAM permission, from map.json's `sdk_permissionless_actions`: sts:GetCallerIdentity,
 * sts:GetSessionToken (AWS documents that neither can be denied by policy) and dynamodb:DescribeEndpoints (the
 * SDKs' endpoint discovery). No additions: the datasets hold no other call that succeeds without a grant.
 */
const PERMISSIONLESS: ReadonlySet<string> = new Set(ACTION_MAP_DATA.permissionless);

/** True when the call needs no IAM permission, so it must never become an Allow statement. */
export function isPermissionless(eventSource: string, eventName: string): boolean {
  const prefix = resolveServicePrefix(eventSource);
  return prefix !== undefined && PERMISSIONLESS.has(`${prefix}:${normaliseEventName(eventName)}`);
}
