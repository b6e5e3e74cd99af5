import type { UsageAggregate } from './aggregate.js';

const DAY = Date.UTC(2024, 4, 1);
const HOUR = 3_600_000;

/** Test helper: one successful direct call by `principal` on 2024-05-01, 10:00-11:00 UTC, by default. */
export function usageAggregate(
  principal: string,
  action: string,
  resource: string,
  over: Partial<UsageAggregate> = {},
): UsageAggregate {
  return {
    principal,
    action,
    resource,
    window: '2024-05-01',
    origin: resource === '*' ? 'wildcard-only' : 'record',
    calls: 1,
    denied: 0,
    errors: 0,
    firstSeen: DAY + 10 * HOUR,
    lastSeen: DAY + 11 * HOUR,
    regions: ['us-east-1'],
    sourceAccounts: ['111122223333'],
    sessions: { values: [], truncated: false },
    sourceIdentities: { values: [], truncated: false },
    viaServices: [],
    direct: true,
    passedTo: [],
    ...over,
  };
}
