import { IAM_REFERENCE_VERSION } from '../actions/reference-data.js';
import { normaliseRecord } from '../cloudtrail/normalise.js';
import type { ApiCall, Quarantined } from '../types.js';
import {
  addCall,
  betterOrigin,
  compareAggregates,
  type MutableAggregate,
  newAggregate,
  type UsageAggregate,
  windowOf,
} from '../usage/aggregate.js';
import { EventIdSet } from '../usage/event-id-set.js';
import {
  addToSummary,
  type MutablePrincipalSummary,
  newPrincipalSummary,
  type PrincipalSummary,
} from '../usage/principal-summary.js';
import {
  ANALYSIS_FORMAT,
  ANALYSIS_VERSION,
  type AnalysisDocument,
  type QuarantineSample,
  type UsageRow,
} from './document.js';
import { compareUnmapped, toPrincipalRow, toUsageRow } from './rows.js';

/** Inclusive time filter, epoch ms. */
export interface AnalyzeWindow {
  readonly start?: number;
  readonly end?: number;
}

/** Where a record came from, for error reports. */
export interface RecordOrigin {
  readonly source: string;
  readonly line?: number;
}

/** What happened to one record. */
export type AddResult = 'added' | 'duplicate' | 'out-of-window' | 'quarantined';

/** Number of quarantine samples kept in the document; the counts stay exact. */
export const MAX_QUARANTINE_SAMPLES = 100;

/**
 * Folds CloudTrail records into usage aggregates and per-principal totals, deduplicating by eventID.
 * Memory grows with distinct aggregates and principals, not with events (plus 16 bytes per eventID).
 */
export class Analyzer {
  private readonly ids = new EventIdSet();
  /** principal → action → resource → window → aggregate: nested maps avoid building a key string per call. */
  private readonly aggregates = new Map<string, Map<string, Map<string, Map<string, MutableAggregate>>>>();
  private readonly principals = new Map<string, MutablePrincipalSummary>();
  private readonly unmapped = new Map<
    string,
    { eventSource: string; eventName: string; count: number; reason: string }
  >();
  private readonly notAGrant: Record<string, number> = {};
  private readonly quarantineByCode: Record<string, number> = {};
  private readonly samples: QuarantineSample[] = [];
  private aggregateCount = 0;
  private records = 0;
  private duplicates = 0;
  private outOfWindow = 0;
  private quarantined = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;

  /**
   * @param seen eventID hash pairs (from another Analyzer's `eventIdHashes()`) to treat as already analysed, so
   * analyzers running in parallel over different files can exclude events another one counted.
   */
  constructor(
    private readonly window: AnalyzeWindow = {},
    seen?: Uint32Array,
  ) {
    if (seen)
      for (let i = 0; i + 1 < seen.length; i += 2) this.ids.addHash(seen[i] as number, seen[i + 1] as number);
  }

  /** Hash pairs of every eventID seen so far. */
  eventIdHashes(): Uint32Array {
    return this.ids.hashes();
  }

  /** Normalises and folds one raw record (bare CloudTrail record or EventBridge envelope). */
  addRecord(raw: unknown, origin?: RecordOrigin): AddResult {
    const result = normaliseRecord(raw);
    if (result.kind === 'quarantined') {
      this.addQuarantined(result.quarantined, origin);
      return 'quarantined';
    }
    return this.addCall(result.call);
  }

  /** Counts a record that could not be analysed, keeping a bounded sample of reasons. */
  addQuarantined(quarantined: Quarantined, origin?: RecordOrigin): void {
    this.records++;
    this.quarantined++;
    this.quarantineByCode[quarantined.code] = (this.quarantineByCode[quarantined.code] ?? 0) + 1;
    if (this.samples.length < MAX_QUARANTINE_SAMPLES) {
      this.samples.push({
        source: origin?.source ?? '-',
        ...(origin?.line !== undefined ? { line: origin.line } : {}),
        code: quarantined.code,
        reason: quarantined.reason,
        ...(quarantined.eventId !== undefined ? { eventId: quarantined.eventId } : {}),
      });
    }
  }

  /** Folds one normalised call. */
  addCall(call: ApiCall): AddResult {
    this.records++;
    if (!this.ids.add(call.eventId)) {
      this.duplicates++;
      return 'duplicate';
    }
    if (
      (this.window.start !== undefined && call.time < this.window.start) ||
      (this.window.end !== undefined && call.time > this.window.end)
    ) {
      this.outOfWindow++;
      return 'out-of-window';
    }
    if (call.time < this.first) this.first = call.time;
    if (call.time > this.last) this.last = call.time;
    addToSummary(this.summaryOf(call), call);
    if (call.outcome.kind === 'not-a-grant') {
      this.notAGrant[call.outcome.reason] = (this.notAGrant[call.outcome.reason] ?? 0) + 1;
      return 'added';
    }
    if (call.mapping.kind === 'unmapped') {
      this.countUnmapped(call, call.mapping.reason);
      return 'added';
    }
    const window = windowOf(call.time);
    const byAction = child(this.aggregates, call.principal.arn);
    for (const use of call.mapping.actions) {
      const byResource = child(byAction, use.action);
      for (const resource of use.resources) {
        const byWindow = child(byResource, resource.arn);
        let agg = byWindow.get(window);
        if (!agg) {
          agg = newAggregate(call, use.action, resource, window);
          byWindow.set(window, agg);
          this.aggregateCount++;
        } else if (agg.origin !== resource.origin) {
          // Keep the most trustworthy origin, as merging does, whatever the order of the calls.
          agg.origin = betterOrigin(agg.origin, resource.origin);
        }
        addCall(agg, call, use.passedToService);
      }
    }
    return 'added';
  }

  /** Aggregates folded so far, deterministic order. */
  usage(): UsageAggregate[] {
    const out: UsageAggregate[] = [];
    for (const byAction of this.aggregates.values()) {
      for (const byResource of byAction.values()) {
        for (const byWindow of byResource.values()) out.push(...byWindow.values());
      }
    }
    return out.sort(compareAggregates);
  }

  /** Principal totals folded so far, ordered by ARN. */
  principalSummaries(): PrincipalSummary[] {
    return [...this.principals.values()]
      .map(({ firstEventId: _, ...summary }) => summary)
      .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  }

  /** Serialises everything into the versioned analysis document. */
  toDocument(generatorVersion: string): AnalysisDocument {
    const streaming = this.toStreamingDocument(generatorVersion);
    return { ...streaming, usage: [...streaming.usage] };
  }

  /**
   * The analysis document with usage rows produced one at a time while it is written, so a million-event analysis
   * never holds all rows and their JSON text at once.
   */
  toStreamingDocument(generatorVersion: string): StreamingDocument {
    const totals = { success: 0, denied: 0, errors: 0, notAGrant: 0, unmapped: 0 };
    for (const p of this.principals.values()) {
      totals.success += p.success;
      totals.denied += p.denied;
      totals.errors += p.errors;
      totals.notAGrant += p.notAGrant;
      totals.unmapped += p.unmapped;
    }
    const calls = this.records - this.quarantined - this.duplicates - this.outOfWindow;
    return {
      format: ANALYSIS_FORMAT,
      version: ANALYSIS_VERSION,
      generator: { name: 'iamlp', version: generatorVersion, iamReference: IAM_REFERENCE_VERSION },
      filter: { start: isoOrNull(this.window.start), end: isoOrNull(this.window.end) },
      span: {
        first: Number.isFinite(this.first) ? isoOrNull(this.first) : null,
        last: Number.isFinite(this.last) ? isoOrNull(this.last) : null,
      },
      totals: {
        records: this.records,
        calls,
        duplicates: this.duplicates,
        outOfWindow: this.outOfWindow,
        quarantined: this.quarantined,
        ...totals,
      },
      quarantine: { byCode: sortKeys(this.quarantineByCode), samples: [...this.samples] },
      notAGrant: sortKeys(this.notAGrant),
      unmapped: [...this.unmapped.values()].sort(compareUnmapped),
      principals: this.principalSummaries().map(toPrincipalRow),
      usageRows: this.aggregateCount,
      usage: mapIterable(this.usage(), toUsageRow),
    };
  }

  private summaryOf(call: ApiCall): MutablePrincipalSummary {
    let summary = this.principals.get(call.principal.arn);
    if (!summary) {
      summary = newPrincipalSummary(call.principal, call.time, call.eventId);
      this.principals.set(call.principal.arn, summary);
    }
    return summary;
  }

  private countUnmapped(call: ApiCall, reason: string): void {
    const key = `${call.eventSource}\u0000${call.eventName}`;
    const entry = this.unmapped.get(key);
    if (entry) entry.count++;
    else
      this.unmapped.set(key, { eventSource: call.eventSource, eventName: call.eventName, count: 1, reason });
  }
}

/** An analysis document whose usage rows are produced lazily; `usageRows` says how many there will be. */
export type StreamingDocument = Omit<AnalysisDocument, 'usage'> & {
  readonly usageRows: number;
  readonly usage: Iterable<UsageRow>;
};

function* mapIterable<T, U>(items: readonly T[], map: (item: T) => U): Iterable<U> {
  for (const item of items) yield map(item);
}

/** Returns the map stored under `key`, creating it on first use. */
function child<V>(parent: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = parent.get(key);
  if (!map) {
    map = new Map();
    parent.set(key, map);
  }
  return map;
}

function isoOrNull(time: number | undefined): string | null {
  return time === undefined ? null : new Date(time).toISOString();
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
