import type { UsageAggregate } from '../usage/aggregate.js';
import type { PrincipalSummary } from '../usage/principal-summary.js';
import type { PrincipalRow, UnmappedRow, UsageRow } from './document.js';

/** Serialises an aggregate (epoch-ms times become ISO strings). */
export function toUsageRow(agg: UsageAggregate): UsageRow {
  return {
    principal: agg.principal,
    action: agg.action,
    resource: agg.resource,
    window: agg.window,
    origin: agg.origin,
    calls: agg.calls,
    denied: agg.denied,
    errors: agg.errors,
    firstSeen: new Date(agg.firstSeen).toISOString(),
    lastSeen: new Date(agg.lastSeen).toISOString(),
    regions: [...agg.regions],
    sourceAccounts: [...agg.sourceAccounts],
    sessions: { values: [...agg.sessions.values], truncated: agg.sessions.truncated },
    sourceIdentities: { values: [...agg.sourceIdentities.values], truncated: agg.sourceIdentities.truncated },
    viaServices: [...agg.viaServices],
    direct: agg.direct,
    passedTo: [...agg.passedTo],
  };
}

/** Reads a serialised aggregate back. */
export function fromUsageRow(row: UsageRow): UsageAggregate {
  return { ...row, firstSeen: Date.parse(row.firstSeen), lastSeen: Date.parse(row.lastSeen) };
}

/** Serialises a principal summary. */
export function toPrincipalRow(summary: PrincipalSummary): PrincipalRow {
  return {
    arn: summary.arn,
    kind: summary.kind,
    accountId: summary.accountId,
    partition: summary.partition,
    flags: [...summary.flags],
    draftable: summary.draftable,
    events: summary.events,
    success: summary.success,
    denied: summary.denied,
    errors: summary.errors,
    notAGrant: summary.notAGrant,
    unmapped: summary.unmapped,
    crossAccount: summary.crossAccount,
    firstSeen: new Date(summary.firstSeen).toISOString(),
    lastSeen: new Date(summary.lastSeen).toISOString(),
  };
}

/** Reads a serialised principal summary back. */
export function fromPrincipalRow(row: PrincipalRow): PrincipalSummary {
  return { ...row, firstSeen: Date.parse(row.firstSeen), lastSeen: Date.parse(row.lastSeen) };
}

/** Orders unmapped rows: most frequent first, then by source and name (code-unit order, locale-independent). */
export function compareUnmapped(a: UnmappedRow, b: UnmappedRow): number {
  return (
    b.count - a.count ||
    (a.eventSource < b.eventSource ? -1 : a.eventSource > b.eventSource ? 1 : 0) ||
    (a.eventName < b.eventName ? -1 : a.eventName > b.eventName ? 1 : 0)
  );
}
