import type { UsageAggregate } from '../../core/usage/aggregate.js';
import { mergeUsage } from '../../core/usage/merge-usage.js';
import type { StoredSummary } from '../../stream/store/index.js';
import type { TimelineResponse, UsageQuery, UsageResponse } from '../contract.js';
import type { DailyUsage } from '../read-model/ports.js';
import { pageByOffset } from './paging.js';
import { iso } from './time.js';

/** The usage of the days within an inclusive range (either end open), merged across days. */
export function usageWithin(days: DailyUsage, start?: string, end?: string): UsageAggregate[] {
  const lists: (readonly UsageAggregate[])[] = [];
  for (const [day, list] of days)
    if ((start === undefined || day >= start) && (end === undefined || day <= end)) lists.push(list);
  return mergeUsage(...lists);
}

/** The identity fields of a principal as the API shows them. */
export function identityOf(summary: StoredSummary): UsageResponse['principal'] {
  return {
    arn: summary.arn,
    kind: summary.kind,
    accountId: summary.accountId,
    partition: summary.partition,
    flags: [...summary.flags],
    draftable: summary.draftable,
  };
}

/** The /principals/{arn}/usage body: action × resource rows, most recently used first. */
export function usageView(summary: StoredSummary, days: DailyUsage, query: UsageQuery): UsageResponse {
  const rows = usageWithin(days, query.start, query.end)
    .map((agg) => ({
      action: agg.action,
      resource: agg.resource,
      calls: agg.calls,
      denied: agg.denied,
      errors: agg.errors,
      firstSeen: iso(agg.firstSeen),
      lastSeen: iso(agg.lastSeen),
    }))
    .sort(
      (a, b) =>
        (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0) ||
        (a.action < b.action ? -1 : a.action > b.action ? 1 : 0) ||
        (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0),
    );
  const page = pageByOffset(rows, query.limit, query.cursor);
  return {
    principal: identityOf(summary),
    items: page.items,
    total: rows.length,
    nextCursor: page.nextCursor,
  };
}

/** The /principals/{arn}/timeline body: calls, denials, errors and distinct actions per UTC day. */
export function timelineView(
  principal: string,
  days: DailyUsage,
  start?: string,
  end?: string,
): TimelineResponse {
  const out: TimelineResponse['days'] = [];
  for (const [day, list] of days) {
    if ((start !== undefined && day < start) || (end !== undefined && day > end)) continue;
    const actions = new Set<string>();
    let calls = 0;
    let denied = 0;
    let errors = 0;
    for (const agg of list) {
      actions.add(agg.action);
      calls += agg.calls;
      denied += agg.denied;
      errors += agg.errors;
    }
    out.push({ day, calls, denied, errors, actions: actions.size });
  }
  return { principal, days: out };
}
