/**
 * DynamoDB usage store: usage aggregates grouped per principal group × UTC day, written with read-merge-write
 * under optimistic concurrency and per-shard high-water marks, so every Kinesis record counts exactly once.
 * A principal's group is `principalGroup(arn)`: the first byte of SHA-256(ARN) modulo 16 (`PRINCIPAL_GROUPS`, a
 * constant of the table format), so a batch writes at most 16 items per UTC day it touches (plus spills).
 *
 * Table `usage` (on demand), partition key `pk` only:
 *
 * | attribute   | type | meaning                                                                           |
 * |-------------|------|-----------------------------------------------------------------------------------|
 * | `pk`        | S    | `U#g<2-digit group>#<YYYY-MM-DD>#<bucket>`                                        |
 * | `pid`       | S    | group key `g00`…`g15` (hash key of the `byPrincipal` index)                       |
 * | `day`       | S    | UTC day of the calls                                                              |
 * | `bucket`    | N    | 0, 1, …: a group-day's aggregates spill into the next bucket past ~300 KB         |
 * | `dayBucket` | S    | `<day>#<bucket as 4 digits>`: sort key of the `byPrincipal` index                 |
 * | `v`         | N    | version: every put is conditional on it (`#v = :v`, or `attribute_not_exists(pk)`) |
 * | `hw`        | M    | shardId → last sequence number of that shard merged here, zero-padded to 128      |
 * | `data`      | S    | JSON object principal ARN → that principal's aggregates here (`entry-codec.ts`)    |
 * | `size`      | N    | bytes of `data`                                                                   |
 * | `summary`   | S    | JSON object principal ARN → totals of the calls counted here (`summary.ts`)        |
 * | `sealed`    | BOOL | full: takes no new aggregate keys, the next bucket does                           |
 *
 * Routing: an aggregate key (principal, action, resource) stays in the bucket of its group-day it first landed
 * in; new keys go to the open (last) bucket; a call's summary counts go to its principal's summary in the bucket
 * of its first aggregate key, or, when it has none (not-a-grant, unmapped), in the lowest bucket already holding
 * the principal, else the open bucket. Reads merge everything a
 * principal has in the range, so how keys spread over buckets never changes a result. ARNs are stored only as
 * JSON keys inside `data` and `summary`, never in a key attribute, so ARNs of any length work.
 *
 * Size: a bucket is sealed when `data` plus the stored `summary` would pass ~300 KB. A sealed bucket still merges
 * updates of the keys and principals it holds (counts, times, bounded sets), which the ~100 KB left under the
 * 400 KB item limit absorb; it never gains a principal, so calls of new principals fill the open bucket.
 * The layout is not compatible with the per-principal one it replaced (`U#<principal>#…` items): a table written
 * by that one has to be emptied first.
 *
 * GSI `byPrincipal`: `pid` (the group) + `dayBucket`, KEYS_ONLY (`usageOf` queries it by the principal's group,
 * then reads the items consistently and keeps that principal's entries). The name is kept from when items were
 * per principal, so existing table definitions stay valid.
 * See plan-day.ts for routing and the exactly-once argument.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { UsageAggregate } from '../../core/usage/aggregate.js';
import { mergeUsage } from '../../core/usage/merge-usage.js';
import type { PrincipalSummary } from '../../core/usage/principal-summary.js';
import { type ApplySettings, applyBatchTo } from './apply-batch.js';
import { ChainHints } from './chain-reader.js';
import { batchGet, dynamoItemTable, type ItemTable, queryPrincipalKeys, scanAll } from './dynamo-io.js';
import { decodeEntries } from './entry-codec.js';
import { StoreError } from './errors.js';
import { principalGroup } from './keys.js';
import type { ApplyBatchInput, ApplyResult, DayRange, UsageStore } from './ports.js';
import { decodeSummaries, mergeStoredSummaries, type StoredSummary, toPrincipalSummary } from './summary.js';
import type { UsageTableNames } from './tables.js';

/** Options of {@link DynamoUsageStore}. */
export interface DynamoUsageStoreOptions {
  /** From `createDynamoClient`. */
  readonly client: DynamoDBClient;
  readonly tables: UsageTableNames;
  /** Size of `data` past which a bucket takes no new keys (default 300,000 bytes; DynamoDB's limit is 400 KB). */
  readonly bucketBytes?: number;
  /** Group-days written in parallel (default 16). */
  readonly concurrency?: number;
  /** Plans tried per group-day when concurrent writers keep winning (default 8). */
  readonly maxAttempts?: number;
}

/** What {@link DynamoUsageStore.overview} returns. */
export interface StoreOverview {
  readonly summaries: readonly StoredSummary[];
  /** Kinesis shards with at least one record merged into some item. */
  readonly shards: readonly string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** {@link UsageStore} on DynamoDB with single-item conditional writes only (works on dynalite and AWS alike). */
export class DynamoUsageStore implements UsageStore {
  private readonly client: DynamoDBClient;
  private readonly table: string;
  private readonly items: ItemTable;
  private readonly settings: ApplySettings;
  /** Open buckets seen by earlier batches: the shard's next batches touch mostly the same group-days. */
  private readonly hints = new ChainHints();

  constructor(options: DynamoUsageStoreOptions) {
    this.client = options.client;
    this.table = options.tables.usage;
    this.items = dynamoItemTable(options.client, options.tables.usage);
    this.settings = {
      bucketBytes: options.bucketBytes ?? 300_000,
      concurrency: options.concurrency ?? 16,
      maxAttempts: options.maxAttempts ?? 8,
    };
  }

  /** Merges a batch of one shard; see plan-day.ts for why any retry of it is exact. */
  async applyBatch(input: ApplyBatchInput): Promise<ApplyResult> {
    return applyBatchTo(this.items, input, this.settings, this.hints);
  }

  /** Aggregates of a principal within the days (inclusive), merged across buckets. */
  async usageOf(principal: string, range: DayRange = {}): Promise<UsageAggregate[]> {
    const days = await this.dailyUsageOf(principal, range);
    return mergeUsage(...days.values());
  }

  /** Aggregates of a principal per UTC day within the days (inclusive), each day merged across buckets. */
  async dailyUsageOf(principal: string, range: DayRange = {}): Promise<Map<string, UsageAggregate[]>> {
    for (const day of [range.start, range.end])
      if (day !== undefined && !DAY.test(day)) throw new StoreError('INVALID_INPUT', 'days are YYYY-MM-DD');
    const gid = principalGroup(principal);
    // '#~' sorts after every `<day>#<bucket>` of the end day.
    const high = `${range.end ?? '9999-12-31'}#~`;
    const keys = await queryPrincipalKeys(this.client, this.table, gid, range.start ?? '0000-00-00', high);
    const items = await batchGet(this.client, this.table, keys, { attributes: ['day', 'data'] });
    const lists = new Map<string, UsageAggregate[][]>();
    for (const item of items.values()) {
      const day = item.day?.S;
      const data = item.data?.S;
      if (day === undefined || data === undefined) continue;
      const entries = decodeEntries(data, day, principal);
      if (entries.size === 0) continue;
      const list = lists.get(day) ?? [];
      list.push([...entries.values()]);
      lists.set(day, list);
    }
    const days = [...lists.keys()].sort();
    return new Map(days.map((day) => [day, mergeUsage(...(lists.get(day) as UsageAggregate[][]))]));
  }

  /**
   * Everything the API's overview needs in one scan: per-principal totals with per-service counts (ordered by
   * ARN), and the shards that have written to the store.
   */
  async overview(): Promise<StoreOverview> {
    const items = await scanAll(this.client, this.table, ['summary', 'hw']);
    const byPrincipal = new Map<string, StoredSummary>();
    const shards = new Set<string>();
    for (const item of items) {
      for (const shard of Object.keys(item.hw?.M ?? {})) shards.add(shard);
      const text = item.summary?.S;
      if (text === undefined) continue;
      for (const [arn, summary] of decodeSummaries(text)) {
        const seen = byPrincipal.get(arn);
        byPrincipal.set(arn, seen ? mergeStoredSummaries(seen, summary) : summary);
      }
    }
    const summaries = [...byPrincipal.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
    return { summaries, shards: [...shards].sort() };
  }

  /** Totals per principal over all stored days, ordered by ARN. */
  async principalSummaries(): Promise<PrincipalSummary[]> {
    return (await this.overview()).summaries.map(toPrincipalSummary);
  }
}
