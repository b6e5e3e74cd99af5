import { lookupAction } from '../actions/reference-data.js';
import { compareCodeUnits } from '../granted/expand-actions.js';
import type { GrantedPermissions } from '../granted/types.js';
import type { UsageAggregate } from '../usage/aggregate.js';
import { prepareGrant } from './prepared-grant.js';
import { driftScore } from './score.js';
import type { DriftDenied, DriftReport, DriftUnusedAction } from './types.js';

interface UsageSummary {
  /** Canonical action → successful calls and the last time a row with successful calls was seen. */
  readonly success: Map<string, { calls: number; lastSeen: number }>;
  readonly denied: Map<string, { action: string; resource: string; denied: number; lastSeen: number }>;
  readonly deniedActions: Set<string>;
}

/**
 * Compares what a principal is granted with what the usage data shows it doing; `usage` rows of other principals
 * are ignored, times are epoch ms. The score is the access-level-weighted share of granted actions without a
 * successful call, `100 × Σ w(unused) / Σ w(granted)` with w = 4 for Permissions management, 2 for Write and 1
 * for Tagging, Read and List, rounded to one decimal; it is null when `granted` is undefined.
 */
export function computeDrift(
  granted: GrantedPermissions | undefined,
  usage: readonly UsageAggregate[],
  principal: string = granted?.principal ?? usage[0]?.principal ?? '',
): DriftReport {
  const summary = summariseUsage(usage, principal);
  const denied = [...summary.denied.values()].sort(compareDenied);
  if (granted === undefined) {
    return {
      principal,
      granted: { source: 'none', fetchedAt: null, policies: [], permissionsBoundary: null, caveats: [] },
      score: null,
      counts: countsOf(0, summary, 0, 0),
      grantedUnused: [],
      usedNotGranted: [],
      denied,
      lastUse: [],
    };
  }
  const grant = prepareGrant(granted);
  const grantedUnused: DriftUnusedAction[] = [];
  let unusedWeight = 0;
  grant.byConcern.forEach((entry, i) => {
    if (summary.success.has(entry.action)) return;
    grantedUnused.push(entry);
    unusedWeight += grant.weights[i] ?? 0;
  });
  const usedNotGranted = [...summary.success]
    .filter(([action]) => !grant.actions.has(action))
    .map(([action, use]) => ({ action, calls: use.calls, lastSeen: use.lastSeen }))
    .sort((a, b) => compareCodeUnits(a.action, b.action));
  return {
    principal,
    granted: {
      source: granted.source,
      fetchedAt: granted.fetchedAt,
      policies: granted.policies.map(({ name, type, arn }) =>
        arn === undefined ? { name, type } : { name, type, arn },
      ),
      permissionsBoundary: granted.permissionsBoundary?.arn ?? null,
      caveats: grant.caveats,
    },
    score: driftScore(unusedWeight, grant.totalWeight),
    counts: countsOf(grant.sorted.length, summary, grantedUnused.length, usedNotGranted.length),
    grantedUnused,
    usedNotGranted,
    denied,
    lastUse: grant.sorted.map((action) => ({
      action,
      lastSeen: summary.success.get(action)?.lastSeen ?? null,
    })),
  };
}

function summariseUsage(usage: readonly UsageAggregate[], principal: string): UsageSummary {
  const summary: UsageSummary = { success: new Map(), denied: new Map(), deniedActions: new Set() };
  for (const row of usage) {
    if (row.principal !== principal) continue;
    // Aggregates carry canonical names already; canonicalising again keeps hand-built input comparable.
    const action = lookupAction(row.action)?.action ?? row.action;
    if (row.calls > 0) {
      const use = summary.success.get(action);
      if (use === undefined) summary.success.set(action, { calls: row.calls, lastSeen: row.lastSeen });
      else {
        use.calls += row.calls;
        use.lastSeen = Math.max(use.lastSeen, row.lastSeen);
      }
    }
    if (row.denied > 0) {
      summary.deniedActions.add(action);
      const key = `${action}\u0000${row.resource}`;
      const entry = summary.denied.get(key);
      if (entry === undefined) {
        summary.denied.set(key, {
          action,
          resource: row.resource,
          denied: row.denied,
          lastSeen: row.lastSeen,
        });
      } else {
        entry.denied += row.denied;
        entry.lastSeen = Math.max(entry.lastSeen, row.lastSeen);
      }
    }
  }
  return summary;
}

function countsOf(
  granted: number,
  summary: UsageSummary,
  grantedUnused: number,
  usedNotGranted: number,
): DriftReport['counts'] {
  return {
    granted,
    used: summary.success.size,
    grantedUnused,
    usedNotGranted,
    deniedActions: summary.deniedActions.size,
  };
}

function compareDenied(a: DriftDenied, b: DriftDenied): number {
  return compareCodeUnits(a.action, b.action) || compareCodeUnits(a.resource, b.resource);
}
