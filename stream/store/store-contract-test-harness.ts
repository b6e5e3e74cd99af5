/**
 * The DynamoUsageStore's behavioural contract, written once and run against every DynamoDB the tests have:
 * dynalite (dynamo-usage-store.test.ts) and Amazon's DynamoDB Local (dynamodb-local.test.ts). Each scenario
 * delivers real fixture calls (or hand-made ones) through the store, with faults injected on its client, and
 * compares what the store reads back field by field with the core's own fold.
 */
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../bench/generate-prng.js';
import { createDynamoClient } from '../aws-clients.js';
import { DynamoUsageStore } from './dynamo-usage-store.js';
import { type FaultSettings, injectFaults } from './fault-injection.js';
import type { SequencedCall } from './ports.js';
import { createUsageTables } from './tables.js';
import {
  type Delivery,
  deliver,
  type FaultSwitch,
  loadFixtureCalls,
  type Reference,
  readBack,
  referenceOf,
  restartIndex,
  rolePrincipal,
  runSchedule,
  type ShardCalls,
  type Step,
  shardCalls,
  syntheticCall,
} from './test-support.js';

/** Tables made so far in this test file: each scenario gets its own. */
let tables = 0;

/** A fresh table, and a store on it whose client has fault injection installed. */
export interface FreshStore {
  readonly client: DynamoDBClient;
  readonly faults: FaultSettings;
  readonly table: string;
  readonly store: DynamoUsageStore;
}

/** Creates a fresh usage table on `endpoint` and a store on it, with fault injection installed on its client. */
export async function freshStore(endpoint: string): Promise<FreshStore> {
  const client = createDynamoClient({ endpoint });
  const faults = injectFaults(client);
  const names = { usage: `usage-${++tables}` };
  await createUsageTables(client, names);
  return { client, faults, table: names.usage, store: new DynamoUsageStore({ client, tables: names }) };
}

/** A shard's own client and store on a shared table (one Lambda instance per shard), with its fault switch. */
function shardStore(
  endpoint: string,
  table: string,
  bucketBytes: number,
): { store: DynamoUsageStore; faults: FaultSwitch } {
  const client = createDynamoClient({ endpoint });
  const settings = injectFaults(client);
  const faults: FaultSwitch = {
    arm: (action, k) => {
      if (action === 'crash') settings.putsBeforeCrash = k;
      else settings.putsBeforeLostResponse = k;
    },
    disarm: () => {
      settings.putsBeforeCrash = undefined;
      settings.putsBeforeLostResponse = undefined;
    },
  };
  return { store: new DynamoUsageStore({ client, tables: { usage: table }, bucketBytes }), faults };
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  size: fc.integer({ min: 1, max: 80 }),
  action: fc.constantFrom('ok', 'twice', 'crash', 'lost', 'bisect'),
  k: fc.nat(5),
});

function batchesOf(shard: ShardCalls, size: number): SequencedCall[][] {
  const out: SequencedCall[][] = [];
  for (let i = 0; i < shard.calls.length; i += size) out.push(shard.calls.slice(i, i + size));
  return out;
}

/** How a target runs the contract. */
export interface StoreContractOptions {
  /** Runs of the random fault-schedule property (each on a fresh table, two shards writing concurrently). */
  readonly propertyRuns: number;
  /** Registers every scenario as skipped (the target is not available; say why where it is started). */
  readonly skip?: boolean;
}

/**
 * Registers the store's scenarios against the DynamoDB at `endpoint()` (called inside the tests, so it may be
 * started in a `beforeAll` of the caller): (a) in-order delivery and redelivery, (b) whole-batch retries,
 * (c) bisected retries, (d) a crash after k of n writes, (e) throttling, 500s, lost responses and unprocessed
 * keys, (f) concurrent shards, bucket spill, keys of long ARNs, day-range reads, and random fault schedules.
 */
export function describeStoreContract(
  target: string,
  endpoint: () => string,
  options: StoreContractOptions,
): void {
  describe.skipIf(options.skip === true)(
    `DynamoUsageStore against ${target}, compared field by field with the core fold`,
    () => {
      let shards: ShardCalls[];
      let reference: Reference;

      beforeAll(async () => {
        // A few thousand real events over many principals and days, time-sorted, split over two shards.
        const calls = (await loadFixtureCalls()).slice(0, 4000);
        shards = shardCalls(calls, 2);
        reference = referenceOf(calls);
      });

      it('(a) stores in-order batches exactly, and writes nothing when the stream is delivered again', async () => {
        const { store } = await freshStore(endpoint());

        for (const shard of shards) await deliver(store, shard, 500);
        expect(await readBack(store, reference)).toEqual(reference);
        const again = await Promise.all(shards.map((shard) => deliver(store, shard, 500)));

        expect(again.map((d) => d.writes)).toEqual([0, 0]);
        expect(await readBack(store, reference)).toEqual(reference);
      });

      it('(b) writes nothing when a whole applied batch is retried', async () => {
        const { store } = await freshStore(endpoint());
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
        const { store } = await freshStore(endpoint());

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
        const { store, faults } = await freshStore(endpoint());
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
        const { store, faults } = await freshStore(endpoint());
        // Seeded, and one lost response for certain: a run without any would leave the scenario untested.
        const prng = new Prng('store-contract-e');
        Object.assign(faults, {
          throttleRate: 0.03,
          serverErrorRate: 0.15,
          lostResponseRate: 0.05,
          putsBeforeLostResponse: 3,
          unprocessedRate: 0.2,
          random: () => prng.next(),
        });

        const deliveries: Delivery[] = [];
        for (const shard of shards) deliveries.push(await deliver(store, shard, 500));
        Object.assign(faults, {
          throttleRate: 0,
          serverErrorRate: 0,
          lostResponseRate: 0,
          unprocessedRate: 0,
        });

        expect(deliveries.reduce((sum, d) => sum + d.writes - d.items, 0)).toBeGreaterThan(0);
        expect(await readBack(store, reference)).toEqual(reference);
      });

      it('(f) stays exact when two shards write the same principal-days concurrently', async () => {
        const { store } = await freshStore(endpoint());

        const deliveries = await Promise.all(shards.map((shard) => deliver(store, shard, 200)));

        const writes = deliveries.reduce((sum, d) => sum + d.writes, 0);
        const items = deliveries.reduce((sum, d) => sum + d.items, 0);
        expect(writes).toBeGreaterThan(items);
        expect(await readBack(store, reference)).toEqual(reference);
      });

      it('spills a principal-day over several 300 KB buckets within the 400 KB item limit and reads it back exactly', async () => {
        const { client, table, store } = await freshStore(endpoint());
        const reader = rolePrincipal('bulk-reader');
        const day = Date.UTC(2024, 4, 1);
        const many = Array.from({ length: 7_000 }, (_, i) =>
          syntheticCall({
            id: `bulk-${i}`,
            time: day + i * 1_000,
            principal: reader,
            session: `session-${i % 17}`,
            // Objects 0..4,999, then the first 2,000 again: keys of sealed buckets keep merging where they are.
            ...(i % 100 === 99
              ? {}
              : { resource: `arn:aws:s3:::bulk-bucket/${'path/'.repeat(12)}${i % 5_000}` }),
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

      it('keeps the keys of principals with ARNs of any length within the key size limits', async () => {
        const { store } = await freshStore(endpoint());
        const prefix = rolePrincipal('').arn.length;
        const principals = [1_024, 1_025, 4_000].map((bytes) => rolePrincipal('r'.repeat(bytes - prefix)));
        const day = Date.UTC(2024, 4, 1);
        const long = principals.flatMap((principal, p) =>
          [0, 1, 2].map((i) =>
            syntheticCall({
              id: `long-${p}-${i}`,
              time: day + i * 15 * 3_600_000,
              principal,
              resource: `arn:aws:s3:::b/${i}`,
            }),
          ),
        );
        const shard = {
          shardId: 'shardId-000000000000',
          calls: long.map((call, i) => ({ sequenceNumber: `${i + 1}`, call })),
        };
        const expected = referenceOf(long);

        const delivery = await deliver(store, shard, 100);

        expect(delivery.retries).toBe(0);
        expect(await readBack(store, expected)).toEqual(expected);
      });

      it('reads usage back by UTC day range', async () => {
        const { store } = await freshStore(endpoint());
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

      it('gives the core fold under random batching, retries, bisects, crashes and lost responses, with two shards writing concurrently', async () => {
        // Two short stretches of the fixture (240 calls), so that each run, on a fresh table, is quick.
        const all = await loadFixtureCalls();
        const dense = [...all.slice(3000, 3120), ...all.slice(5000, 5120)];
        const denseShards = shardCalls(dense, 2);
        const expected = referenceOf(dense);

        await fc.assert(
          fc.asyncProperty(
            fc.array(stepArb, { minLength: 1, maxLength: 8 }),
            fc.array(stepArb, { minLength: 1, maxLength: 8 }),
            fc.constantFrom(1_500, 4_000, 300_000),
            async (stepsA, stepsB, bucketBytes) => {
              const table = `usage-${++tables}`;
              await createUsageTables(createDynamoClient({ endpoint: endpoint() }), { usage: table });
              const stores = denseShards.map(() => shardStore(endpoint(), table, bucketBytes));

              await Promise.all(
                denseShards.map((shard, i) => {
                  const { store, faults } = stores[i] as (typeof stores)[0];
                  return runSchedule(store, shard, i === 0 ? stepsA : stepsB, faults);
                }),
              );

              expect(await readBack(stores[0]?.store as DynamoUsageStore, expected)).toEqual(expected);
            },
          ),
          { numRuns: options.propertyRuns },
        );
      });
    },
  );
}
