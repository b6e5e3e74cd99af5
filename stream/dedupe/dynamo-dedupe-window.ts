import {
  type AttributeValue,
  CreateTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { hash64Into } from '../../core/usage/event-id-set.js';
import { PairMap } from './pair-map.js';

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
  readonly seen: PairMap;
  /** Batches in arrival order, to forget them when they leave the window: 4 words per event (eventID, sequence). */
  readonly batches: { readonly at: number; readonly ids: Uint32Array }[];
  /** The events of the last `filter` and their hashes, which `record` reuses for the events it stores. */
  lastFilter?: { readonly events: readonly WindowEvent[]; readonly hashes: Uint32Array } | undefined;
}

const DEFAULT_WINDOW_MS = 15 * 60 * 1000;
const BYTES_PER_EVENT = 16;
const WORDS_PER_EVENT = BYTES_PER_EVENT / 4;

/** The eventID redelivery window of the stream consumer, kept in DynamoDB. */
export class DynamoDedupeWindow {
  private readonly shards = new Map<string, ShardWindow>();
  private readonly windowMs: number;
  private readonly carrier = new Uint32Array(2);

  constructor(private readonly options: DedupeWindowOptions) {
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  }

  /**
   * Marks which events of a batch to apply: false for redeliveries of events already applied from another record,
   * and for repeats of an eventID earlier in the same batch. `at` is the batch's arrival time (epoch ms).
   */
  async filter(shardId: string, events: readonly WindowEvent[], at: number): Promise<boolean[]> {
    const window = await this.windowOf(shardId, at);
    const hashes = hashEvents(events);
    const inBatch = new PairMap(events.length);
    const carrier = this.carrier;
    const keep = new Array<boolean>(events.length);
    for (let i = 0; i < events.length; i++) {
      const o = i * WORDS_PER_EVENT;
      const id1 = hashes[o] as number;
      const id2 = hashes[o + 1] as number;
      const seq1 = hashes[o + 2] as number;
      const seq2 = hashes[o + 3] as number;
      if (window.seen.get(id1, id2, carrier, 0) || inBatch.get(id1, id2, carrier, 0)) {
        keep[i] = carrier[0] === seq1 && carrier[1] === seq2;
      } else {
        inBatch.set(id1, id2, seq1, seq2);
        keep[i] = true;
      }
    }
    window.lastFilter = { events, hashes };
    return keep;
  }

  /** Remembers the events of a batch once it has been applied; returns the number of write requests (1). */
  async record(shardId: string, events: readonly WindowEvent[], at: number): Promise<number> {
    const window = await this.windowOf(shardId, at);
    const ids = hashEvents(events, window.lastFilter);
    window.lastFilter = undefined;
    let fresh = 0;
    for (let o = 0; o < ids.length; o += WORDS_PER_EVENT) {
      if (!window.seen.get(ids[o] as number, ids[o + 1] as number, this.carrier, 0)) fresh++;
    }
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
    addBatch(window, at, ids);
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
    const window: ShardWindow = { seen: new PairMap(), batches: [] };
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
      for (const item of page.Items ?? []) {
        const bytes = item.ids?.B;
        if (!bytes || bytes.byteLength % BYTES_PER_EVENT !== 0) continue;
        const ids = new Uint32Array(
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
        );
        addBatch(window, Number(item.at?.N ?? 0), ids);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return window;
  }
}

/**
 * The 64-bit hashes of each event's eventID and sequence number, 4 words per event. Events that `previous` (the
 * last filter's events, of which a stored batch is a subsequence in order) already hashed are copied, not hashed
 * again: the events are matched by their strings, so any other list is simply hashed.
 */
function hashEvents(
  events: readonly WindowEvent[],
  previous?: { readonly events: readonly WindowEvent[]; readonly hashes: Uint32Array },
): Uint32Array {
  const out = new Uint32Array(events.length * WORDS_PER_EVENT);
  const known = previous?.events ?? [];
  let j = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as WindowEvent;
    const o = i * WORDS_PER_EVENT;
    while (j < known.length && (known[j] as WindowEvent).sequenceNumber !== event.sequenceNumber) j++;
    if (previous && j < known.length && (known[j] as WindowEvent).eventId === event.eventId) {
      out.set(previous.hashes.subarray(j * WORDS_PER_EVENT, (j + 1) * WORDS_PER_EVENT), o);
      j++;
    } else {
      hash64Into(event.eventId, out, o);
      hash64Into(event.sequenceNumber, out, o + 2);
    }
  }
  return out;
}

function addBatch(window: ShardWindow, at: number, ids: Uint32Array): void {
  for (let o = 0; o < ids.length; o += WORDS_PER_EVENT) {
    window.seen.set(ids[o] as number, ids[o + 1] as number, ids[o + 2] as number, ids[o + 3] as number);
  }
  window.batches.push({ at, ids });
}

function forgetBefore(window: ShardWindow, since: number): void {
  while (window.batches.length > 0 && (window.batches[0]?.at ?? 0) < since) {
    const ids = window.batches.shift()?.ids ?? new Uint32Array(0);
    for (let o = 0; o < ids.length; o += WORDS_PER_EVENT)
      window.seen.delete(ids[o] as number, ids[o + 1] as number);
  }
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
