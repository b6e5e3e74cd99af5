import type { ApiCall, ResourceOrigin, ResourceRef } from '../types.js';
import {
  type BoundedSet,
  EMPTY_BOUNDED,
  EMPTY_SET,
  mergeBounded,
  unionSorted,
  withBoundedValue,
  withValue,
} from './sorted-set.js';

/**
 * Usage of one action on one resource by one principal within one UTC day. These are exactly what the stream
 * consumer persists; every field merges with `mergeAggregates`, which is associative and commutative, and
 * idempotent for the monotone fields (times, sets).
 */
export interface UsageAggregate {
  readonly principal: string;
  readonly action: string;
  /** Resource ARN, or `"*"`. */
  readonly resource: string;
  /** UTC day `YYYY-MM-DD` the usage happened in. */
  readonly window: string;
  readonly origin: ResourceOrigin;
  /** Successful calls. */
  readonly calls: number;
  /** Calls denied by an authorization check. */
  readonly denied: number;
  /** Calls that failed for another reason. */
  readonly errors: number;
  /** Epoch ms of the first and last call of any outcome. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly regions: readonly string[];
  /** Accounts the calls came from (differs from the principal's for cross-account access). */
  readonly sourceAccounts: readonly string[];
  readonly sessions: BoundedSet;
  readonly sourceIdentities: BoundedSet;
  /** Services that made successful calls on the principal's behalf (`invokedBy`), with their region. */
  readonly viaServices: readonly string[];
  /** True when at least one successful call was made directly, not through a service. */
  readonly direct: boolean;
  /** Services a role was passed to (for iam:PassRole). */
  readonly passedTo: readonly string[];
}

/** Twin used while folding: scalar fields change in place, sets are replaced (copy-on-write, often shared). */
export type MutableAggregate = { -readonly [K in keyof UsageAggregate]: UsageAggregate[K] };

/** Most to least trustworthy; merging keeps the most trustworthy origin seen. */
const ORIGIN_RANK: Readonly<Record<ResourceOrigin, number>> = {
  record: 0,
  request: 1,
  'wildcard-only': 2,
  unscoped: 3,
  unresolved: 4,
};

/** The more trustworthy of two resource origins (what merging keeps). */
export function betterOrigin(a: ResourceOrigin, b: ResourceOrigin): ResourceOrigin {
  return ORIGIN_RANK[a] <= ORIGIN_RANK[b] ? a : b;
}

const DAY_MS = 86_400_000;
const windowCache = new Map<number, string>();

/** Returns the UTC day (`YYYY-MM-DD`) of an epoch-ms time: the aggregation window. */
export function windowOf(time: number): string {
  const day = Math.floor(time / DAY_MS);
  let text = windowCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (windowCache.size < 100_000) windowCache.set(day, text);
  }
  return text;
}

/** Returns the map key of an aggregate. NUL cannot occur in ARNs or action names. */
export function aggregateKey(principal: string, action: string, resource: string, window: string): string {
  return `${principal}\u0000${action}\u0000${resource}\u0000${window}`;
}

/** Creates the aggregate for a first call. */
export function newAggregate(
  call: ApiCall,
  action: string,
  resource: ResourceRef,
  window: string,
): MutableAggregate {
  return {
    principal: call.principal.arn,
    action,
    resource: resource.arn,
    window,
    origin: resource.origin,
    calls: 0,
    denied: 0,
    errors: 0,
    firstSeen: call.time,
    lastSeen: call.time,
    regions: EMPTY_SET,
    sourceAccounts: EMPTY_SET,
    sessions: EMPTY_BOUNDED,
    sourceIdentities: EMPTY_BOUNDED,
    viaServices: EMPTY_SET,
    direct: false,
    passedTo: EMPTY_SET,
  };
}

/** Folds one call's use of an action on a resource into an aggregate, in place. */
export function addCall(agg: MutableAggregate, call: ApiCall, passedTo: string | undefined): void {
  const outcome = call.outcome.kind;
  if (outcome === 'success') {
    agg.calls++;
    if (call.invokedBy)
      agg.viaServices = withValue(agg.viaServices, viaServiceOf(call.invokedBy, call.region));
    else agg.direct = true;
    if (passedTo) agg.passedTo = withValue(agg.passedTo, passedTo);
  } else if (outcome === 'denied') agg.denied++;
  else agg.errors++;
  if (call.time < agg.firstSeen) agg.firstSeen = call.time;
  if (call.time > agg.lastSeen) agg.lastSeen = call.time;
  if (call.region) agg.regions = withValue(agg.regions, call.region);
  if (call.sourceAccount) agg.sourceAccounts = withValue(agg.sourceAccounts, call.sourceAccount);
  if (call.sessionName) agg.sessions = withBoundedValue(agg.sessions, call.sessionName);
  if (call.sourceIdentity) agg.sourceIdentities = withBoundedValue(agg.sourceIdentities, call.sourceIdentity);
}

/**
 * Turns `invokedBy` into the value of `kms:ViaService`-style keys: `<service>.<region>.amazonaws.com`.
 * The region is where the call happened, which is where the calling service endpoint was.
 */
export function viaServiceOf(invokedBy: string, region: string): string {
  const service = invokedBy.replace(/\.amazonaws\.com(\.cn)?$/, '');
  const suffix = invokedBy.endsWith('.cn') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return region ? `${service}.${region}.${suffix}` : invokedBy;
}

/** Merges two aggregates of the same key. Associative and commutative. */
export function mergeAggregates(a: UsageAggregate, b: UsageAggregate): UsageAggregate {
  return {
    principal: a.principal,
    action: a.action,
    resource: a.resource,
    window: a.window,
    origin: betterOrigin(a.origin, b.origin),
    calls: a.calls + b.calls,
    denied: a.denied + b.denied,
    errors: a.errors + b.errors,
    firstSeen: Math.min(a.firstSeen, b.firstSeen),
    lastSeen: Math.max(a.lastSeen, b.lastSeen),
    regions: unionSorted(a.regions, b.regions),
    sourceAccounts: unionSorted(a.sourceAccounts, b.sourceAccounts),
    sessions: mergeBounded(a.sessions, b.sessions),
    sourceIdentities: mergeBounded(a.sourceIdentities, b.sourceIdentities),
    viaServices: unionSorted(a.viaServices, b.viaServices),
    direct: a.direct || b.direct,
    passedTo: unionSorted(a.passedTo, b.passedTo),
  };
}

/** Orders aggregates deterministically: principal, action, resource, window. */
export function compareAggregates(a: UsageAggregate, b: UsageAggregate): number {
  return (
    compare(a.principal, b.principal) ||
    compare(a.action, b.action) ||
    compare(a.resource, b.resource) ||
    compare(a.window, b.window)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
