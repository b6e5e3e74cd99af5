import type { ActionInfo } from '../actions/reference-data.js';
import { isPresent, type Params } from './request-params.js';

/**
 * Tells a call that named no resource (origin 'unscoped': `"*"` is what it needed, as for a Describe of every DB
 * instance) from a call whose resource could not be determined (origin 'unresolved': flagged for review). Asked
 * only once the record, the curated extractors and the hint templates found nothing and read no parameter that
 * was present. Absence alone is not enough: a failed call is often logged with `requestParameters: null`, and a
 * request in a shape the hints do not know looks empty to them, so the action itself must allow naming nothing.
 */

/**
 * Actions that the IAM reference lists with a required resource type although the API parameter naming it is an
 * optional filter: without it they describe every resource of the type.
 */
const LISTS_EVERY_RESOURCE: ReadonlySet<string> = new Set([
  'cloudwatch:DescribeAlarmHistory',
  'cloudwatch:DescribeAlarms',
  'ecr:DescribeRepositories',
  'elasticache:DescribeCacheClusters',
  'elasticache:DescribeCacheParameterGroups',
  'elasticache:DescribeCacheSecurityGroups',
  'elasticache:DescribeCacheSubnetGroups',
  'elasticache:DescribeGlobalReplicationGroups',
  'elasticache:DescribeReplicationGroups',
  'elasticache:DescribeReservedCacheNodes',
  'elasticache:DescribeServerlessCaches',
  'elasticache:DescribeServerlessCacheSnapshots',
  'elasticache:DescribeSnapshots',
  'elasticache:DescribeUserGroups',
  'elasticache:DescribeUsers',
]);

/** Request members that identify resources by convention (`instanceId`, `layerIds`, `roleArn`, `dBInstanceIdentifier`). */
const IDENTIFIER_MEMBER = /^(?:id|ids|arn|arns)$|[a-z0-9](?:Ids?|IDs?|Arns?|ARNs?|Identifiers?)$/;

/** True when the request carries an identifier that nothing read: it named a resource we could not place. */
export function hasUnreadIdentifier(params: Params): boolean {
  // Own enumerable keys, as Object.entries would list them, without building the entries.
  for (const member in params) {
    if (Object.hasOwn(params, member) && IDENTIFIER_MEMBER.test(member) && isPresent(params[member]))
      return true;
  }
  return false;
}

/**
 * True when a call of the action that named nothing may have needed `"*"` as such: the action may run without
 * naming a resource (no required resource type, or a documented list-everything action), and — when the action
 * has a resource mapping (hint templates or a curated extractor for one of its types) — it only reads or lists (a
 * write that named nothing the mapping understands most likely named its resource in a shape the mapping does not
 * know). Depends on the action only; the call must also carry no unread identifier (hasUnreadIdentifier).
 */
export function mayNameNothing(info: ActionInfo, mapped: boolean): boolean {
  const mustName = info.resourceTypes.some((type) => type.required) && !LISTS_EVERY_RESOURCE.has(info.action);
  if (mustName) return false;
  return !mapped || info.accessLevel === 'List' || info.accessLevel === 'Read';
}
