import {
  type AttributeValue,
  CreateTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { hash64Into } from '../../core/usage/event-id-set.js';

/**
 * EventBridge delivers at least once: a redelivered CloudTrail event arrives as a NEW Kinesis record (same
 * `detail.eventID`, so the same shard, but a higher sequence number), which sequence high-water marks cannot tell
 * from new data. This window remembers, per shard, the eventIDs applied recently — with the sequence number that
 * carried each — so a redelivery is dropped while a retry of the same record (same sequence number) is not.
 *
 * Storage: one item per applied batch and shard (`pk = D#<shardId>`, `sk = <arrival ms>#<last sequence number>`)
 * whose binary `ids` holds 16 bytes per event (64-bit hash of the eventID, 64-bit hash of the sequence number),
 * plus `fresh` (events not seen before) and `appliedAt`, which the API reads for events per minute and lag:
 * one write per batch, whatever its size. A consumer keeps its shards' windows in memory and loads them with one
 * Query on first use (a cold start or a shard that moved). Items carry `expiresAt` for DynamoDB TTL.
 *
 * The window is exact for redeliveries younger than `windowMs`; the EventBridge target's retry policy
 * (maximum event age) must not exceed it, and infra sets it so.
 */
export interface DedupeWindowOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** How long applied eventIDs are remembered (default 15 minutes). */
  readonly windowMs?: number;
  /** Clock for the `appliedAt` attribute (default Date.now). */
  readonly now?: () => number;
}

/** An event of a batch, as the window sees it. */
export interface WindowEvent {
  readonly eventId: string;
  readonly sequenceNumber: string;
}

interface ShardWindow {
  /** eventID hash → sequence-number hash of the record that carried it. */
  readonly seen: Map<string, string>;
  /** Batches in arrival order, to forget them when they leave the window. */
  readonly batches: { readonly at: number; readonly keys: readonly string[] }[];
}

const DEFAULT_WINDOW_MS = 15 * 60 * 1000;
const BYTES_PER_EVENT = 16;

/** The eventID redelivery window of the stream consumer, kept in DynamoDB. */
export class DynamoDedupeWindow {
  private readonly shards = new Map<string, ShardWindow>();
  private readonly windowMs: number;

  constructor(private readonly options: DedupeWindowOptions) {
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  }

  /**
   * Marks which events of a batch to apply: false for redeliveries of events already applied from another record,
   * and for repeats of an eventID earlier in the same batch. `at` is the batch's arrival time (epoch ms).
   */
  async filter(shardId: string, events: readonly WindowEvent[], at: number): Promise<boolean[]> {
    const window = await this.windowOf(shardId, at);
    const inBatch = new Map<string, string>();
    return events.map((event) => {
      const id = hashKey(event.eventId);
      const seq = hashKey(event.sequenceNumber);
      const carrier = window.seen.get(id) ?? inBatch.get(id);
      if (carrier !== undefined) return carrier === seq;
      inBatch.set(id, seq);
      return true;
    });
  }

  /** Remembers the events of a batch once it has been applied; returns the number of write requests (1). */
  async record(shardId: string, events: readonly WindowEvent[], at: number): Promise<number> {
    const window = await this.windowOf(shardId, at);
    const ids = new Uint32Array(events.length * 4);
    const keys: string[] = [];
    let fresh = 0;
    events.forEach((event, i) => {
      hash64Into(event.eventId, ids, i * 4);
      hash64Into(event.sequenceNumber, ids, i * 4 + 2);
      const key = pairKey(ids, i * 4);
      keys.push(key);
      if (!window.seen.has(key)) fresh++;
    });
    const last = events[events.length - 1]?.sequenceNumber ?? '';
    await this.options.client.send(
      new PutItemCommand({
        TableName: this.options.tableName,
        Item: {
          pk: { S: `D#${shardId}` },
          sk: { S: `${String(at).padStart(15, '0')}#${last.padStart(128, '0')}` },
          at: { N: String(at) },
          ids: { B: new Uint8Array(ids.buffer) },
          // For the API's ingest figures: events seen for the first time (a retried batch re-records its
          // events, which are not fresh then), and when the batch was stored.
          fresh: { N: String(fresh) },
          appliedAt: { N: String((this.options.now ?? Date.now)()) },
          expiresAt: { N: String(Math.ceil((at + this.windowMs) / 1000) + 3600) },
        },
      }),
    );
    // Only once stored: a batch whose write failed is retried, and must count as fresh then.
    keys.forEach((key, i) => {
      window.seen.set(key, pairKey(ids, i * 4 + 2));
    });
    window.batches.push({ at, keys });
    return 1;
  }

  private async windowOf(shardId: string, at: number): Promise<ShardWindow> {
    let window = this.shards.get(shardId);
    if (!window) {
      window = await this.load(shardId, at - this.windowMs);
      this.shards.set(shardId, window);
    }
    forgetBefore(window, at - this.windowMs);
    return window;
  }

  private async load(shardId: string, since: number): Promise<ShardWindow> {
    const window: ShardWindow = { seen: new Map(), batches: [] };
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk AND sk >= :since',
          ExpressionAttributeValues: {
            ':pk': { S: `D#${shardId}` },
            ':since': { S: String(since).padStart(15, '0') },
          },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) addStoredBatch(window, item);
      start = page.LastEvaluatedKey;
    } while (start);
    return window;
  }
}

function addStoredBatch(window: ShardWindow, item: Record<string, AttributeValue>): void {
  const bytes = item.ids?.B;
  if (!bytes || bytes.byteLength % BYTES_PER_EVENT !== 0) return;
  const ids = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const keys: string[] = [];
  for (let i = 0; i < ids.length; i += 4) {
    const key = pairKey(ids, i);
    keys.push(key);
    window.seen.set(key, pairKey(ids, i + 2));
  }
  window.batches.push({ at: Number(item.at?.N ?? 0), keys });
}

function forgetBefore(window: ShardWindow, since: number): void {
  while (window.batches.length > 0 && (window.batches[0]?.at ?? 0) < since) {
    for (const key of window.batches.shift()?.keys ?? []) window.seen.delete(key);
  }
}

const scratch = new Uint32Array(2);

function hashKey(text: string): string {
  hash64Into(text, scratch, 0);
  return pairKey(scratch, 0);
}

function pairKey(values: Uint32Array, offset: number): string {
  // Decimal: V8 turns small integers into strings fastest in base 10 (this runs several times per event).
  return `${values[offset] as number}.${values[offset + 1] as number}`;
}

/** Creates the dedupe table if it does not exist (pk + sk strings, on-demand). */
export async function createDedupeTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

/** One applied batch as the API's ingest figures see it. */
export interface AppliedBatch {
  readonly shardId: string;
  /** Arrival time of the batch in Kinesis, epoch ms. */
  readonly at: number;
  /** When it was stored (absent on items written before this was recorded). */
  readonly appliedAt?: number;
  /** Events stored for the first time. */
  readonly fresh: number;
}

/** Lists the batches applied to the shards since a time (arrival, epoch ms), oldest first per shard. */
export async function listAppliedBatches(
  client: DynamoDBClient,
  tableName: string,
  shards: readonly string[],
  since: number,
): Promise<AppliedBatch[]> {
  const perShard = await Promise.all(
    shards.map(async (shardId) => {
      const batches: AppliedBatch[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk >= :since',
            ExpressionAttributeValues: {
              ':pk': { S: `D#${shardId}` },
              ':since': { S: String(Math.max(0, since)).padStart(15, '0') },
            },
            // Leaves out `ids`, the bulk of each item.
            ProjectionExpression: '#at, fresh, appliedAt',
            ExpressionAttributeNames: { '#at': 'at' },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          const appliedAt = Number(item.appliedAt?.N);
          batches.push({
            shardId,
            at: Number(item.at?.N ?? 0),
            fresh: Number(item.fresh?.N ?? 0),
            ...(Number.isFinite(appliedAt) ? { appliedAt } : {}),
          });
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return batches;
    }),
  );
  return perShard.flat();
}
