import type { PrincipalListItem, PrincipalsQuery, PrincipalsResponse } from '../contract.js';
import type { Overview } from '../read-model/ports.js';
import { pageByOffset } from './paging.js';
import { iso } from './time.js';

/** Drift scores by principal ARN (null: no granted permissions known); missing entries count as null. */
export type DriftScores = ReadonlyMap<string, number | null>;

/** The principals matching a /principals query, in its order (the drift sort needs the scores). */
export function filterPrincipals(overview: Overview, query: PrincipalsQuery): Overview['summaries'] {
  const text = query.q?.toLowerCase();
  return overview.summaries.filter(
    (s) =>
      (query.account === undefined || s.accountId === query.account) &&
      (query.type === undefined || s.kind === query.type) &&
      (text === undefined || s.arn.toLowerCase().includes(text)),
  );
}

/** The /principals body: one page of the filtered principals in the requested order. */
export function principalsView(
  overview: Overview,
  query: PrincipalsQuery,
  scores: DriftScores,
): PrincipalsResponse {
  const alerts = new Map<string, number>();
  for (const alert of overview.alerts) alerts.set(alert.principal, (alerts.get(alert.principal) ?? 0) + 1);
  const rows: PrincipalListItem[] = filterPrincipals(overview, query).map((s) => ({
    arn: s.arn,
    kind: s.kind,
    accountId: s.accountId,
    partition: s.partition,
    flags: [...s.flags],
    draftable: s.draftable,
    events: s.events,
    success: s.success,
    denied: s.denied,
    errors: s.errors,
    firstSeen: iso(s.firstSeen),
    lastSeen: iso(s.lastSeen),
    driftScore: scores.get(s.arn) ?? null,
    alerts: alerts.get(s.arn) ?? 0,
  }));
  rows.sort(ORDER[query.sort]);
  const page = pageByOffset(rows, query.limit, query.cursor);
  return { items: page.items, total: rows.length, nextCursor: page.nextCursor };
}

type Order = (a: PrincipalListItem, b: PrincipalListItem) => number;

const byArn: Order = (a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0);

const ORDER: Readonly<Record<PrincipalsQuery['sort'], Order>> = {
  arn: byArn,
  lastSeen: (a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : byArn(a, b)),
  events: (a, b) => b.events - a.events || byArn(a, b),
  drift: (a, b) => (b.driftScore ?? -1) - (a.driftScore ?? -1) || byArn(a, b),
};
