import { lookupAction } from '../actions/reference-data.js';
import type { UsageAggregate } from '../usage/aggregate.js';
import { matchesAnyPattern } from './action-pattern.js';
import type { DraftNote, DraftOptions } from './types.js';

/** Everything the principal did with one action inside the draft's filters. */
export interface ActionUsage {
  /** Canonical casing from the IAM reference data (the recorded spelling when IAM does not know it). */
  readonly action: string;
  /** True when IAM says the action supports no resource-level permissions. */
  readonly wildcardOnly: boolean;
  /** Aggregates with at least one successful call: the evidence behind the grant. */
  readonly granted: readonly UsageAggregate[];
  readonly calls: number;
  readonly denied: number;
}

/** Result of selecting a principal's usage: actions sorted by canonical name, plus notes on what was dropped. */
export interface SelectedUsage {
  readonly actions: readonly ActionUsage[];
  readonly notes: readonly DraftNote[];
}

/** Keeps the principal's aggregates inside the time range and action filters, grouped by canonical action. */
export function selectUsage(
  usage: readonly UsageAggregate[],
  principal: string,
  options: DraftOptions,
): SelectedUsage {
  const byAction = new Map<string, UsageAggregate[]>();
  for (const agg of usage) {
    if (agg.principal !== principal || !inRange(agg, options)) continue;
    const action = lookupAction(agg.action)?.action ?? agg.action;
    const list = byAction.get(action);
    if (list) list.push(agg);
    else byAction.set(action, [agg]);
  }
  const actions: ActionUsage[] = [];
  const notes: DraftNote[] = [];
  for (const action of [...byAction.keys()].sort(compareStrings)) {
    const aggs = byAction.get(action) ?? [];
    const use = toActionUsage(action, aggs);
    const reason = exclusionReason(action, options);
    if (reason === undefined) actions.push(use);
    else if (use.calls > 0)
      notes.push({ kind: 'excluded', action, detail: `${action}: ${reason}; not granted` });
  }
  return { actions, notes };
}

/** Day-granular overlap test: see `DraftOptions.start`. */
function inRange(agg: UsageAggregate, options: DraftOptions): boolean {
  if (options.start !== undefined && agg.lastSeen < options.start) return false;
  if (options.end !== undefined && agg.firstSeen > options.end) return false;
  return true;
}

function exclusionReason(action: string, options: DraftOptions): string | undefined {
  const allow = options.allowActions ?? [];
  if (allow.length > 0 && !matchesAnyPattern(action, allow)) return 'matches no allowActions pattern';
  const exclude = options.excludeActions ?? [];
  if (exclude.length > 0 && matchesAnyPattern(action, exclude)) return 'matches an excludeActions pattern';
  return undefined;
}

function toActionUsage(action: string, aggs: readonly UsageAggregate[]): ActionUsage {
  let calls = 0;
  let denied = 0;
  const granted: UsageAggregate[] = [];
  for (const agg of aggs) {
    calls += agg.calls;
    denied += agg.denied;
    if (agg.calls > 0) granted.push(agg);
  }
  return { action, wildcardOnly: supportsNoResources(action), granted, calls, denied };
}

/** An action without resource types supports no resource-level permissions, whatever the wildcard flag says. */
function supportsNoResources(action: string): boolean {
  const info = lookupAction(action);
  return info !== undefined && (info.wildcardOnly || info.resourceTypes.length === 0);
}

/** Code-unit order: locale-independent, so output is identical on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
