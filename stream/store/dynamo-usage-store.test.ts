import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../core/types.js';
import { createDynamoClient } from '../aws-clients.js';
import { type LocalAws, startLocalAws } from '../local/emulators.js';
import { DynamoUsageStore } from './dynamo-usage-store.js';
import { injectFaults } from './fault-injection.js';
import type { SequencedCall } from './ports.js';
import { createUsageTables } from './tables.js';
import {
  type Delivery,
  deliver,
  loadFixtureCalls,
  type Reference,
  readBack,
  referenceOf,
  restartIndex,
  rolePrincipal,
  type ShardCalls,
  shardCalls,
  syntheticCall,
} from './test-support.js';

let aws: LocalAws;
let calls: ApiCall[];
let shards: ShardCalls[];
let reference: Reference;
let tables = 0;

beforeAll(async () => {
  aws = await startLocalAws();
  // A few thousand real events over many principals and days, time-sorted, split over two shards.
  calls = (await loadFixtureCalls()).slice(0, 4000);
  shards = shardCalls(calls, 2);
  reference = referenceOf(calls);
});

afterAll(async () => {
  await aws?.close();
});

/** A store on a fresh table, with fault injection installed on its client. */
async function freshStore(options: { bucketBytes?: number } = {}) {
  const client: DynamoDBClient = createDynamoClient({ endpoint: aws.dynamodbEndpoint });
  const faults = injectFaults(client);
  const names = { usage: `usage-${++tables}` };
  await createUsageTables(client, names);
  return {
    client,
    faults,
    table: names.usage,
    store: new DynamoUsageStore({ client, tables: names, ...options }),
  };
}

function batchesOf(shard: ShardCalls, size: number): SequencedCall[][] {
  const out: SequencedCall[][] = [];
  for (let i = 0; i < shard.calls.length; i += size) out.push(shard.calls.slice(i, i + size));
  return out;
}

describe('DynamoUsageStore against dynalite, compared field by field with the core fold', () => {
  it('(a) stores in-order batches exactly', async () => {
    const { store } = await freshStore();

    for (const shard of shards) await deliver(store, shard, 500);

    expect(await readBack(store, reference)).toEqual(reference);
  });

  it('(b) writes nothing when a whole applied batch is retried', async () => {
    const { store } = await freshStore();
    const again: number[] = [];

    for (const shard of shards) {
      for (const batch of batchesOf(shard, 400)) {
        await store.applyBatch({ shardId: shard.shardId, calls: batch });
        const retry = await store.applyBatch({ shardId: shard.shardId, calls: batch });
        again.push(retry.writes);
      }
    }

    expect(again.every((writes) => writes === 0)).toBe(true);
    expect(await readBack(store, reference)).toEqual(reference);
  });

  it('(c) stays exact when a batch is retried bisected', async () => {
    const { store } = await freshStore();

    for (const shard of shards) {
      for (const batch of batchesOf(shard, 300)) {
        const half = Math.ceil(batch.length / 2);
        await store.applyBatch({ shardId: shard.shardId, calls: batch });
        await store.applyBatch({ shardId: shard.shardId, calls: batch.slice(0, half) });
        await store.applyBatch({ shardId: shard.shardId, calls: batch.slice(half) });
      }
    }

    expect(await readBack(store, reference)).toEqual(reference);
  });

  it('(d) resumes exactly from the failed sequence number after a crash after k of n writes', async () => {
    const { store, faults } = await freshStore();
    const crashes: string[] = [];

    for (const shard of shards) {
      for (const [i, batch] of batchesOf(shard, 250).entries()) {
        faults.putsBeforeCrash = i % 7;
        const crashed = await store.applyBatch({ shardId: shard.shardId, calls: batch });
        faults.putsBeforeCrash = undefined;
        if (crashed.kind === 'retryable') crashes.push(crashed.code);
        const rest = batch.slice(restartIndex(batch, crashed));
        const resumed = await store.applyBatch({ shardId: shard.shardId, calls: rest });
        expect(resumed.kind).toBe('applied');
      }
    }

    expect(crashes.length).toBeGreaterThan(5);
    expect(new Set(crashes)).toEqual(new Set(['REJECTED']));
    expect(await readBack(store, reference)).toEqual(reference);
  });

  it('(e) stays exact under throttling, 500s, lost responses and unprocessed keys', async () => {
    const { store, faults } = await freshStore();
    faults.throttleRate = 0.03;
    faults.serverErrorRate = 0.15;
    faults.lostResponseRate = 0.05;
    faults.unprocessedRate = 0.2;

    const deliveries: Delivery[] = [];
    for (const shard of shards) deliveries.push(await deliver(store, shard, 500));
    Object.assign(faults, { throttleRate: 0, serverErrorRate: 0, lostResponseRate: 0, unprocessedRate: 0 });

    expect(deliveries.reduce((sum, d) => sum + d.writes - d.items, 0)).toBeGreaterThan(0);
    expect(await readBack(store, reference)).toEqual(reference);
  });

  it('(f) stays exact when two shards write the same principal-days concurrently', async () => {
    const { store } = await freshStore();

    const deliveries = await Promise.all(shards.map((shard) => deliver(store, shard, 200)));

    const writes = deliveries.reduce((sum, d) => sum + d.writes, 0);
    const items = deliveries.reduce((sum, d) => sum + d.items, 0);
    expect(writes).toBeGreaterThan(items);
    expect(await readBack(store, reference)).toEqual(reference);
  });

  it('spills a principal-day over several 300 KB buckets and still reads it back exactly', async () => {
    const { client, table, store } = await freshStore();
    const reader = rolePrincipal('bulk-reader');
    const day = Date.UTC(2024, 4, 1);
    const many = Array.from({ length: 7_000 }, (_, i) =>
      syntheticCall({
        id: `bulk-${i}`,
        time: day + i * 1_000,
        principal: reader,
        session: `session-${i % 17}`,
        // Objects 0..4,999, then the first 2,000 again: keys of sealed buckets keep merging where they are.
        ...(i % 100 === 99 ? {} : { resource: `arn:aws:s3:::bulk-bucket/${'path/'.repeat(12)}${i % 5_000}` }),
      }),
    );
    const shard = {
      shardId: 'shardId-000000000000',
      calls: many.map((call, i) => ({ sequenceNumber: `${i + 1}`, call })),
    };

    await deliver(store, shard, 1_000);

    const items = await client.send(
      new ScanCommand({
        TableName: table,
        ProjectionExpression: 'pk, sealed, #s',
        ExpressionAttributeNames: { '#s': 'size' },
      }),
    );
    expect(items.Count).toBeGreaterThanOrEqual(4);
    expect(items.Items?.filter((item) => item.sealed?.BOOL).length).toBe((items.Count ?? 0) - 1);
    for (const item of items.Items ?? []) expect(Number(item.size?.N)).toBeLessThan(330_000);
    const expected = referenceOf(many);
    expect(await store.usageOf(reader.arn)).toEqual(expected.usage.get(reader.arn));
    expect(await store.principalSummaries()).toEqual(expected.summaries);
  });

  it('reads usage back by UTC day range', async () => {
    const { store } = await freshStore();
    for (const shard of shards) await deliver(store, shard, 1_000);
    const principal = (
      reference.summaries.find((p) => p.firstSeen < p.lastSeen - 86_400_000) ?? reference.summaries[0]
    )?.arn as string;
    const all = await store.usageOf(principal);
    const days = [...new Set(all.map((agg) => agg.window))].sort();
    const middle = days[Math.floor(days.length / 2)] as string;

    const from = await store.usageOf(principal, { start: middle });
    const upTo = await store.usageOf(principal, { end: middle });
    const only = await store.usageOf(principal, { start: middle, end: middle });

    expect(days.length).toBeGreaterThan(1);
    expect(from).toEqual(all.filter((agg) => agg.window >= middle));
    expect(upTo).toEqual(all.filter((agg) => agg.window <= middle));
    expect(only).toEqual(all.filter((agg) => agg.window === middle));
    await expect(store.usageOf(principal, { start: '2024-5-1' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
