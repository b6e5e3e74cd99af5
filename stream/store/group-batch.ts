import type { ApiCall, ResourceRef } from '../../core/types.js';
import { windowOf } from '../../core/usage/aggregate.js';
import { entryKey } from './entry-codec.js';
import { StoreError } from './errors.js';
import { dayGroupId, padSequence, principalGroup } from './keys.js';
import type { SequencedCall } from './ports.js';

/** One use of an action on a resource by one call: what `Analyzer.addCall` folds into one aggregate. */
export interface Contribution {
  /** Padded sequence number of the call. */
  readonly seq: string;
  readonly call: ApiCall;
  readonly action: string;
  readonly resource: ResourceRef;
  readonly passedTo: string | undefined;
}

/** A call of a group-day with the entry keys it contributes to, in the order the Analyzer folds them. */
export interface DayCall {
  readonly seq: string;
  readonly call: ApiCall;
  /** Empty for not-a-grant and unmapped calls, which only count in the summary. */
  readonly keys: readonly string[];
}

/**
 * The calls of one batch that fall on one principal group × UTC day: the unit that is read, planned and written.
 */
export interface DayGroup {
  readonly id: string;
  /** Principal group key (see `principalGroup`). */
  readonly gid: string;
  readonly day: string;
  readonly calls: readonly DayCall[];
  /** Contributions per entry key in sequence order; iteration order is first appearance. */
  readonly byKey: ReadonlyMap<string, readonly Contribution[]>;
}

/**
 * Splits a batch into group-days (principal group × UTC day), checking the caller's contract: sequence numbers
 * strictly increase and eventIDs are distinct (redeliveries are removed before the store).
 */
export function groupBatch(calls: readonly SequencedCall[]): DayGroup[] {
  type Entry = { group: DayGroup; calls: DayCall[]; byKey: Map<string, Contribution[]> };
  const groups: Entry[] = [];
  // Principal ARN → its group's day-groups by day: no key string is built per call.
  const byPrincipal = new Map<string, { gid: string; days: Map<string, Entry> }>();
  const daysOfGroup = new Map<string, Map<string, Entry>>();
  const eventIds = new Set<string>();
  let previous = '';
  for (const { sequenceNumber, call } of calls) {
    const seq = padSequence(sequenceNumber);
    if (seq <= previous) throw new StoreError('INVALID_INPUT', 'sequence numbers of a batch must increase');
    if (eventIds.has(call.eventId)) throw new StoreError('INVALID_INPUT', 'a batch holds an eventID twice');
    previous = seq;
    eventIds.add(call.eventId);
    const arn = call.principal.arn;
    let principal = byPrincipal.get(arn);
    if (!principal) {
      const gid = groupOf(arn);
      // Principals of one group share its day-groups.
      let days = daysOfGroup.get(gid);
      if (!days) {
        days = new Map();
        daysOfGroup.set(gid, days);
      }
      principal = { gid, days };
      byPrincipal.set(arn, principal);
    }
    // Keyed by the day's text, which is what the item key holds (`windowOf` returns one string per day, so the
    // lookup hashes nothing new): days that share a text (years past 9999 print by month) must share a group.
    const day = windowOf(call.time);
    let entry = principal.days.get(day);
    if (!entry) {
      const dayCalls: DayCall[] = [];
      const byKey = new Map<string, Contribution[]>();
      entry = {
        group: { id: dayGroupId(principal.gid, day), gid: principal.gid, day, calls: dayCalls, byKey },
        calls: dayCalls,
        byKey,
      };
      principal.days.set(day, entry);
      groups.push(entry);
    }
    entry.calls.push({ seq, call, keys: addContributions(entry.byKey, seq, call) });
  }
  return groups.map((entry) => entry.group);
}

const MAX_KNOWN_GROUPS = 100_000;
const groupOfArn = new Map<string, string>();

/** `principalGroup`, remembered across batches (a SHA-256 per principal and batch was ~10 % of the grouping). */
function groupOf(arn: string): string {
  let gid = groupOfArn.get(arn);
  if (gid === undefined) {
    gid = principalGroup(arn);
    if (groupOfArn.size >= MAX_KNOWN_GROUPS) groupOfArn.clear();
    groupOfArn.set(arn, gid);
  }
  return gid;
}

/** Records the call's contributions exactly as `Analyzer.addCall` walks them; returns their keys. */
function addContributions(byKey: Map<string, Contribution[]>, seq: string, call: ApiCall): string[] {
  if (call.outcome.kind === 'not-a-grant' || call.mapping.kind === 'unmapped') return [];
  const keys: string[] = [];
  const principal = call.principal.arn;
  for (const use of call.mapping.actions) {
    for (const resource of use.resources) {
      const key = entryKey(principal, use.action, resource.arn);
      const contribution = { seq, call, action: use.action, resource, passedTo: use.passedToService };
      const list = byKey.get(key);
      if (list) list.push(contribution);
      else byKey.set(key, [contribution]);
      keys.push(key);
    }
  }
  return keys;
}
