import type { StatsResponse } from '../contract.js';
import type { Overview } from '../read-model/ports.js';
import { iso } from './time.js';

/** Services and principals listed in /stats. */
const TOP_SERVICES = 50;
const TOP_PRINCIPALS = 10;

/** The /stats body: totals, per service, top principals, ingest figures, quarantine and alerts. */
export function statsView(overview: Overview): StatsResponse {
  const totals = {
    principals: overview.summaries.length,
    events: 0,
    success: 0,
    denied: 0,
    errors: 0,
    notAGrant: 0,
    unmapped: 0,
    crossAccount: 0,
  };
  const services = new Map<string, { events: number; denied: number }>();
  let lastSeen: number | undefined;
  for (const s of overview.summaries) {
    totals.events += s.events;
    totals.success += s.success;
    totals.denied += s.denied;
    totals.errors += s.errors;
    totals.notAGrant += s.notAGrant;
    totals.unmapped += s.unmapped;
    totals.crossAccount += s.crossAccount;
    if (lastSeen === undefined || s.lastSeen > lastSeen) lastSeen = s.lastSeen;
    for (const [service, [events, denied]] of Object.entries(s.services)) {
      const counts = services.get(service) ?? { events: 0, denied: 0 };
      counts.events += events;
      counts.denied += denied;
      services.set(service, counts);
    }
  }
  return {
    generatedAt: iso(overview.loadedAt),
    totals,
    services: [...services]
      .map(([service, counts]) => ({ service, ...counts }))
      .sort((a, b) => b.events - a.events || (a.service < b.service ? -1 : 1))
      .slice(0, TOP_SERVICES),
    topPrincipals: [...overview.summaries]
      .sort((a, b) => b.events - a.events || (a.arn < b.arn ? -1 : 1))
      .slice(0, TOP_PRINCIPALS)
      .map((s) => ({
        arn: s.arn,
        kind: s.kind,
        events: s.events,
        denied: s.denied,
        lastSeen: iso(s.lastSeen),
      })),
    eventsPerMinute: overview.ingest.perMinute.map((m) => ({ minute: iso(m.minute), events: m.events })),
    lastEventTime: lastSeen === undefined ? null : iso(lastSeen),
    pipelineLagMs: overview.ingest.lagMs ?? null,
    quarantined: { total: overview.quarantine.total, byCode: { ...overview.quarantine.byCode } },
    alerts: overview.alerts.length,
  };
}
