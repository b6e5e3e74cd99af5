import type { UsageAggregate } from '../../core/usage/aggregate.js';
import type { Alert } from '../../stream/alerts/index.js';
import type { QuarantineCounts } from '../../stream/consumer/index.js';
import type { StoredSummary } from '../../stream/store/index.js';

/** Arrivals and storage of the last hour, from the consumer's applied-batch records. */
export interface IngestFigures {
  /** Epoch ms of each minute's start, oldest first, and the events first stored from records arriving in it. */
  readonly perMinute: readonly { readonly minute: number; readonly events: number }[];
  /** Arrival in Kinesis → stored, for the most recently stored batch. */
  readonly lagMs: number | undefined;
}

/** The API's view of the whole store, read in one go and refreshed every few seconds. */
export interface Overview {
  /** When this content was first read (epoch ms): re-reading unchanged data keeps the time. */
  readonly loadedAt: number;
  /** Per-principal totals with per-service counts, ordered by ARN. */
  readonly summaries: readonly StoredSummary[];
  readonly byArn: ReadonlyMap<string, StoredSummary>;
  readonly ingest: IngestFigures;
  readonly quarantine: QuarantineCounts;
  /** Stored alerts, newest event first. */
  readonly alerts: readonly Alert[];
}

/** A principal's usage per UTC day (`YYYY-MM-DD` → aggregates), days ascending. */
export type DailyUsage = ReadonlyMap<string, readonly UsageAggregate[]>;

/** What the API reads; the DynamoDB implementation caches, tests may use it directly. */
export interface ApiReader {
  overview(): Promise<Overview>;
  /**
   * A principal's usage per day. `fingerprint` changes whenever the principal's stored data does (see
   * {@link fingerprintOf}); a cached copy with the same fingerprint is returned without reading the store.
   */
  dailyUsage(principal: string, fingerprint: string): Promise<DailyUsage>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
}

/** Changes whenever anything is merged for the principal: every stored call adds to `events`. */
export function fingerprintOf(summary: Pick<StoredSummary, 'events' | 'lastSeen' | 'firstSeen'>): string {
  return `${summary.events}.${summary.firstSeen}.${summary.lastSeen}`;
}
