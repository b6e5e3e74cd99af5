import type { ApiCall, Principal } from '../types.js';

/** Per-principal totals, counted per event (not per action). Mergeable like aggregates. */
export interface PrincipalSummary extends Principal {
  readonly events: number;
  readonly success: number;
  readonly denied: number;
  readonly errors: number;
  readonly notAGrant: number;
  readonly unmapped: number;
  /** Events where the caller's account differs from the account that received the call. */
  readonly crossAccount: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/**
 * Mutable twin used while folding. `firstEventId` breaks ties between calls of the same millisecond, so the
 * principal's identity fields come from the earliest call whatever the order calls are folded in.
 */
export type MutablePrincipalSummary = { -readonly [K in keyof PrincipalSummary]: PrincipalSummary[K] } & {
  firstEventId: string;
};

/** Creates a summary for a principal's first call. */
export function newPrincipalSummary(
  principal: Principal,
  time: number,
  eventId = '',
): MutablePrincipalSummary {
  return {
    ...principal,
    firstEventId: eventId,
    events: 0,
    success: 0,
    denied: 0,
    errors: 0,
    notAGrant: 0,
    unmapped: 0,
    crossAccount: 0,
    firstSeen: time,
    lastSeen: time,
  };
}

/** Folds one call into a principal summary, in place. */
export function addToSummary(summary: MutablePrincipalSummary, call: ApiCall): void {
  summary.events++;
  switch (call.outcome.kind) {
    case 'success':
      summary.success++;
      break;
    case 'denied':
      summary.denied++;
      break;
    case 'error':
      summary.errors++;
      break;
    case 'not-a-grant':
      summary.notAGrant++;
      break;
  }
  // Not-a-grant events (console sign-ins, service events) need no action, so they never count as unmapped.
  if (call.outcome.kind !== 'not-a-grant' && call.mapping.kind === 'unmapped') summary.unmapped++;
  if (call.crossAccount) summary.crossAccount++;
  if (
    call.time < summary.firstSeen ||
    (call.time === summary.firstSeen && call.eventId < summary.firstEventId)
  ) {
    // Identity fields can differ between calls (an AWS service's accountId): the earliest call decides.
    const { arn: _, ...identity } = call.principal;
    Object.assign(summary, identity);
    summary.firstSeen = call.time;
    summary.firstEventId = call.eventId;
  }
  if (call.time > summary.lastSeen) summary.lastSeen = call.time;
}

/** Merges two summaries of the same principal. Associative and commutative. */
export function mergeSummaries(a: PrincipalSummary, b: PrincipalSummary): PrincipalSummary {
  // The identity of the earlier summary wins, as within one fold.
  const first = b.firstSeen < a.firstSeen ? b : a;
  return {
    ...first,
    events: a.events + b.events,
    success: a.success + b.success,
    denied: a.denied + b.denied,
    errors: a.errors + b.errors,
    notAGrant: a.notAGrant + b.notAGrant,
    unmapped: a.unmapped + b.unmapped,
    crossAccount: a.crossAccount + b.crossAccount,
    firstSeen: Math.min(a.firstSeen, b.firstSeen),
    lastSeen: Math.max(a.lastSeen, b.lastSeen),
  };
}
