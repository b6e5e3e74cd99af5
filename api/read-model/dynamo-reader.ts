import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { listAlerts } from '../../stream/alerts/index.js';
import { countQuarantined } from '../../stream/consumer/index.js';
import { type AppliedBatch, listAppliedBatches } from '../../stream/dedupe/dynamo-dedupe-window.js';
import { StoreError, toStoreError } from '../../stream/store/errors.js';
import type { DynamoUsageStore } from '../../stream/store/index.js';
import { LruCache, RefreshingValue } from './cache.js';
import {
  type ApiReader,
  type DailyUsage,
  fingerprintOf,
  type IngestFigures,
  type Overview,
} from './ports.js';

/** Settings of {@link DynamoApiReader}. */
export interface DynamoApiReaderOptions {
  readonly client: DynamoDBClient;
  readonly store: DynamoUsageStore;
  /** The state table: applied batches, quarantine, alerts. */
  readonly stateTable: string;
  /** Read the overview again when it is older than this (default 2,000 ms). */
  readonly refreshMs?: number;
  /** Serve an older overview while refreshing, up to this age (default 60,000 ms); older ones are waited for. */
  readonly maxStaleMs?: number;
  /** Days of quarantine counted (default 30, the quarantine's retention). */
  readonly quarantineDays?: number;
  /** Principals whose daily usage is kept in memory (default 256). */
  readonly usageCacheSize?: number;
  readonly now?: () => number;
}

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
const HOUR_MINUTES = 60;
/** Alerts kept in the overview; the API pages through them. */
const MAX_ALERTS = 10_000;

/**
 * The API's reader over the stream's DynamoDB tables. The overview (one scan of the usage table's summaries, the
 * last hour of applied batches, quarantine counts and alerts) is refreshed in the background every `refreshMs`,
 * so requests never wait for a scan once it is loaded; a principal's usage is read on demand and kept until the
 * principal's fingerprint changes.
 */
export class DynamoApiReader implements ApiReader {
  private readonly view: RefreshingValue<Overview>;
  private readonly usage: LruCache<
    string,
    { readonly fingerprint: string; readonly days: Promise<DailyUsage> }
  >;
  private readonly now: () => number;
  private last: { readonly signature: string; readonly overview: Overview } | undefined;

  constructor(private readonly options: DynamoApiReaderOptions) {
    this.now = options.now ?? Date.now;
    this.view = new RefreshingValue(() => this.load(), {
      refreshMs: options.refreshMs ?? 2_000,
      maxStaleMs: options.maxStaleMs ?? 60_000,
      now: this.now,
    });
    this.usage = new LruCache(options.usageCacheSize ?? 256);
  }

  async overview(): Promise<Overview> {
    return (await this.view.get()).data;
  }

  async dailyUsage(principal: string, fingerprint: string): Promise<DailyUsage> {
    const cached = this.usage.get(principal);
    if (cached && cached.fingerprint === fingerprint) return cached.days;
    const days = this.options.store.dailyUsageOf(principal);
    this.usage.set(principal, { fingerprint, days });
    // A failed read must not stay cached.
    days.catch(() => this.usage.delete(principal));
    return days;
  }

  async ping(): Promise<void> {
    await this.options.client.send(new DescribeTableCommand({ TableName: this.options.stateTable }));
  }

  private async load(): Promise<Overview> {
    try {
      const fresh = await this.read();
      // Unchanged content keeps the earlier object, and with it its time: responses (and their ETags) then stay
      // identical between polls until something changes.
      const signature = signatureOf(fresh);
      if (this.last && this.last.signature === signature) return this.last.overview;
      this.last = { signature, overview: fresh };
      return fresh;
    } catch (error) {
      throw error instanceof StoreError ? error : toStoreError(error, 'reading the overview');
    }
  }

  private async read(): Promise<Overview> {
    const loadedAt = this.now();
    const { client, stateTable } = this.options;
    const { summaries, shards } = await this.options.store.overview();
    const sinceMinute = Math.floor(loadedAt / MINUTE) * MINUTE - (HOUR_MINUTES - 1) * MINUTE;
    const [batches, quarantine, alerts] = await Promise.all([
      listAppliedBatches(client, stateTable, shards, sinceMinute),
      countQuarantined(client, stateTable, recentDays(loadedAt, this.options.quarantineDays ?? 30)),
      listAlerts(client, stateTable, { limit: MAX_ALERTS, newestFirst: true }),
    ]);
    return {
      loadedAt,
      summaries,
      byArn: new Map(summaries.map((s) => [s.arn, s])),
      ingest: ingestFigures(batches, sinceMinute),
      quarantine,
      alerts,
    };
  }
}

function signatureOf(overview: Overview): string {
  return JSON.stringify([
    overview.summaries.map((s) => [s.arn, fingerprintOf(s), s.denied]),
    overview.ingest,
    overview.quarantine,
    overview.alerts.length,
    overview.alerts[0]?.id,
  ]);
}

/** Events per minute of arrival over the hour starting at `sinceMinute`, and the lag of the last stored batch. */
export function ingestFigures(batches: readonly AppliedBatch[], sinceMinute: number): IngestFigures {
  const perMinute = Array.from({ length: HOUR_MINUTES }, (_, i) => ({
    minute: sinceMinute + i * MINUTE,
    events: 0,
  }));
  let latest: AppliedBatch | undefined;
  for (const batch of batches) {
    const slot = perMinute[Math.floor((batch.at - sinceMinute) / MINUTE)];
    if (slot) slot.events += batch.fresh;
    if (
      batch.appliedAt !== undefined &&
      (latest?.appliedAt === undefined || batch.appliedAt > latest.appliedAt)
    )
      latest = batch;
  }
  const lagMs = latest?.appliedAt === undefined ? undefined : Math.max(0, latest.appliedAt - latest.at);
  return { perMinute, lagMs };
}

function recentDays(now: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(now - i * DAY_MS).toISOString().slice(0, 10));
}
