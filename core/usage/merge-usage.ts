import { aggregateKey, compareAggregates, mergeAggregates, type UsageAggregate } from './aggregate.js';

/** Merges lists of aggregates (from workers, shards or days) into one list, deterministic order. */
export function mergeUsage(...lists: readonly (readonly UsageAggregate[])[]): UsageAggregate[] {
  const byKey = new Map<string, UsageAggregate>();
  for (const list of lists) {
    for (const agg of list) {
      const key = aggregateKey(agg.principal, agg.action, agg.resource, agg.window);
      const existing = byKey.get(key);
      byKey.set(key, existing ? mergeAggregates(existing, agg) : agg);
    }
  }
  return [...byKey.values()].sort(compareAggregates);
}
