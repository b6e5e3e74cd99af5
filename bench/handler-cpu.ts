/**
 * Handler CPU excluding I/O: the production consumer handler — base64 and JSON decoding, quarantine checks, the
 * redelivery window's hashing, normalisation, and the store's planning, merging and item encoding — run over the
 * same records with its tables in memory, so no time goes to the SDK, HTTP or the emulators. Batches have the size
 * the event source mapping delivered in the measured run.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createConsumerHandler } from '../stream/consumer/index.js';
import { DynamoDedupeWindow } from '../stream/dedupe/dynamo-dedupe-window.js';
import { partitionKeyOf, toEventBridgeEvent } from '../stream/eventbridge/index.js';
import { readRecords } from '../stream/input/index.js';
import { syntheticKinesisEvent } from '../stream/poller/index.js';
import { applyBatchTo } from '../stream/store/apply-batch.js';
import { ChainHints } from '../stream/store/chain-reader.js';
import type { UsageStore } from '../stream/store/index.js';
import { MemoryItemTable } from '../stream/store/memory-table.js';

/** A DynamoDB client for the redelivery window that stores nothing and answers at once: its hashing still runs. */
const NO_IO_CLIENT = { send: async () => ({ Items: [] }) } as unknown as DynamoDBClient;

/** Handler CPU in ms per 1,000 events over `files`, in batches of `batchSize` records on one shard. */
export async function measureHandlerCpu(
  files: readonly string[],
  events: number,
  batchSize: number,
): Promise<number> {
  const table = new MemoryItemTable(false);
  const hints = new ChainHints();
  const settings = { bucketBytes: 300_000, concurrency: 16, maxAttempts: 8 };
  const store: UsageStore = {
    applyBatch: (input) => applyBatchTo(table, input, settings, hints),
    usageOf: async () => [],
    principalSummaries: async () => [],
  };
  const handler = createConsumerHandler({
    store,
    window: new DynamoDedupeWindow({ client: NO_IO_CLIENT, tableName: 'none' }),
    quarantine: { put: async () => 1 },
  });
  // The producer's work — reading the files, wrapping each record in its EventBridge envelope — is done first, so
  // neither its time nor its garbage lands in the timed handler calls (in Lambda the handler has the process
  // alone). The prepared batches are kept off the JavaScript heap (one buffer of data per batch, the partition
  // keys as one string), so they do not make the garbage collector's work bigger than the handler's own.
  const batches: { data: Buffer; ends: Uint32Array; keys: string }[] = [];
  let pending: { data: Buffer; key: string }[] = [];
  let prepared = 0;
  const pack = () => {
    const ends = new Uint32Array(pending.length);
    let end = 0;
    pending.forEach((record, i) => {
      end += record.data.length;
      ends[i] = end;
    });
    batches.push({
      data: Buffer.concat(pending.map((record) => record.data)),
      ends,
      keys: pending.map((record) => record.key).join('\n'),
    });
    pending = [];
  };
  for await (const batch of readRecords(files)) {
    for (const record of batch) {
      if (prepared >= events) break;
      const envelope = toEventBridgeEvent(record.value as Record<string, unknown>);
      pending.push({ data: Buffer.from(JSON.stringify(envelope)), key: partitionKeyOf(envelope).key });
      prepared++;
      if (pending.length === batchSize) pack();
    }
    if (prepared >= events) break;
  }
  if (pending.length > 0) pack();
  let sequence = 1n;
  let micros = 0;
  for (const { data, ends, keys } of batches) {
    const partitionKeys = keys.split('\n');
    const records = partitionKeys.map((partitionKey, i) => ({
      data: data.subarray(i === 0 ? 0 : ends[i - 1], ends[i]),
      partitionKey,
    }));
    const event = syntheticKinesisEvent(records, {
      shardId: 'shardId-000000000000',
      firstSequence: sequence,
      arrivalMs: Date.now(),
    });
    sequence += BigInt(records.length);
    // Only the handler is timed: building the Lambda event is the runtime's work.
    const before = process.cpuUsage();
    await handler(event);
    const used = process.cpuUsage(before);
    micros += used.user + used.system;
  }
  return micros / 1000 / (prepared / 1000);
}
