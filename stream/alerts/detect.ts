import { riskOf } from '../../core/risk/index.js';
import type { ActionUse, ApiCall } from '../../core/types.js';
import { type AlertDraft, type AlertKind, alertIdOf } from './alert.js';

/** One alert a batch may raise, with every call of the batch that could have raised it. */
export interface AlertCandidate {
  /** The alert as raised by the earliest of those calls (by time, then eventID). */
  readonly draft: AlertDraft;
  /**
   * eventIDs of all the batch's calls of the same kind, principal and action: a pending gate created by any of
   * them (in an earlier, crashed attempt at an overlapping batch) belongs to this shard and is finished here.
   */
  readonly eventIds: ReadonlySet<string>;
}

/**
 * Longest resource ARN kept in an alert: resource names are attacker-influenced, and an alert is small. The other
 * fields are bounded by the CloudTrail schema already (and eventIDs must stay whole: gates compare them).
 */
const MAX_RESOURCE = 2048;

/**
 * The alerts a batch of calls may raise: successful calls (first use) and denied attempts (denied) whose mapped
 * actions are in the core's high-risk catalog, one candidate per kind × principal × action. Calls that failed
 * for other reasons or are not grants raise nothing: they do not show the principal holds the permission.
 * Pure: the result does not depend on the order of `calls`.
 */
export function detectAlerts(calls: readonly ApiCall[]): AlertCandidate[] {
  const byKey = new Map<string, { draft: AlertDraft; eventIds: Set<string>; time: number }>();
  for (const call of calls) {
    const kind = kindOf(call);
    if (kind === undefined || call.mapping.kind !== 'mapped') continue;
    for (const use of call.mapping.actions) {
      const risk = riskOf(use.action);
      if (risk === undefined) continue;
      const key = `${kind}\u0000${call.principal.arn}\u0000${risk.action}`;
      const seen = byKey.get(key);
      if (seen === undefined) {
        byKey.set(key, {
          draft: draftOf(kind, call, use),
          eventIds: new Set([call.eventId]),
          time: call.time,
        });
        continue;
      }
      seen.eventIds.add(call.eventId);
      if (isEarlier(call, seen.time, seen.draft.eventId)) {
        seen.draft = draftOf(kind, call, use);
        seen.time = call.time;
      }
    }
  }
  return [...byKey.values()].map(({ draft, eventIds }) => ({ draft, eventIds }));
}

function kindOf(call: ApiCall): AlertKind | undefined {
  if (call.outcome.kind === 'success') return 'first-use';
  if (call.outcome.kind === 'denied') return 'denied';
  return undefined;
}

function isEarlier(call: ApiCall, time: number, eventId: string): boolean {
  // Code-unit order on ties, like the rest of core: the winner must not depend on the host's locale.
  return call.time < time || (call.time === time && call.eventId < eventId);
}

function draftOf(kind: AlertKind, call: ApiCall, use: ActionUse): AlertDraft {
  // riskOf is case-insensitive; the catalog's casing is canonical, so ids and gates never split on case.
  const risk = riskOf(use.action);
  if (risk === undefined) throw new Error(`not a high-risk action: ${use.action}`);
  const principal = call.principal.arn;
  return {
    id: alertIdOf(kind, principal, risk.action),
    kind,
    principal,
    action: risk.action,
    category: risk.category,
    severity: risk.severity,
    reason: risk.reason,
    resource: (use.resources[0]?.arn ?? '*').slice(0, MAX_RESOURCE),
    eventId: call.eventId,
    eventTime: call.time,
    eventName: call.eventName,
    region: call.region,
    ...(call.outcome.kind === 'denied' ? { errorCode: call.outcome.code } : {}),
  };
}
