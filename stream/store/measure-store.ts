/**
 * Measures the usage store: DynamoDB write requests per 1,000 events, and time per 1,000 events in applyBatch
 * with DynamoDB (dynalite, in process) and without it (the same apply logic over an in-memory table).
 *
 *   npx tsx stream/store/measure-store.ts [inputs…]      (default: fixtures/real; e.g. bench/out/100000)
 *
 * Events are deduplicated, sorted by time and sent on one shard in batches of 1,000 and 10,000.
 */
import { performance } from 'node:perf_hooks';
import { normaliseRecord } from '../../core/cloudtrail/normalise.js';
import type { ApiCall } from '../../core/types.js';
import { windowOf } from '../../core/usage/aggregate.js';
import { createDynamoClient } from '../aws-clients.js';
import { readRecords } from '../input/index.js';
import { startLocalAws } from '../local/emulators.js';
import { applyBatchTo } from './apply-batch.js';
import { ChainHints } from './chain-reader.js';
import { DynamoUsageStore } from './dynamo-usage-store.js';
import { MemoryItemTable } from './memory-table.js';
import type { SequencedCall } from './ports.js';
import { createUsageTables } from './tables.js';

async function load(inputs: readonly string[]): Promise<ApiCall[]> {
  const byId = new Map<string, ApiCall>();
  for await (const batch of readRecords(inputs))
    for (const record of batch) {
      const result = normaliseRecord(record.value);
      if (result.kind === 'call') byId.set(result.call.eventId, result.call);
    }
  return [...byId.values()].sort((a, b) => a.time - b.time || (a.eventId < b.eventId ? -1 : 1));
}

function batches(calls: readonly ApiCall[], size: number): SequencedCall[][] {
  const sequenced = calls.map((call, i) => ({ sequenceNumber: String(1_000_000 + i), call }));
  const out: SequencedCall[][] = [];
  for (let i = 0; i < sequenced.length; i += size) out.push(sequenced.slice(i, i + size));
  return out;
}

async function measureDynamo(endpoint: string, calls: readonly ApiCall[], size: number, run: number) {
  const client = createDynamoClient({ endpoint });
  let inFlight = 0;
  let busySince = 0;
  let busy = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (inFlight++ === 0) busySince = performance.now();
      try {
        return await next(args);
      } finally {
        if (--inFlight === 0) busy += performance.now() - busySince;
      }
    },
    { step: 'initialize', name: 'measureInFlight' },
  );
  const table = `measure-${size}-${run}`;
  await createUsageTables(client, { usage: table });
  const store = new DynamoUsageStore({ client, tables: { usage: table } });
  let writes = 0;
  const start = performance.now();
  for (const batch of batches(calls, size)) {
    const result = await store.applyBatch({ shardId: 'shardId-000000000000', calls: batch });
    if (result.kind !== 'applied') throw new Error(result.message);
    writes += result.writes;
  }
  const wall = performance.now() - start;
  client.destroy();
  return { writes, wall, busy };
}

async function measureMemory(calls: readonly ApiCall[], size: number) {
  const table = new MemoryItemTable(false);
  // Write capacity units: 1 per KB of item written (names and values), rounded up per put.
  let wcu = 0;
  table.beforePut = (item) => {
    wcu += Math.ceil(Buffer.byteLength(JSON.stringify(item)) / 1024);
  };
  const settings = { bucketBytes: 300_000, concurrency: 16, maxAttempts: 8 };
  const hints = new ChainHints();
  const start = performance.now();
  for (const batch of batches(calls, size))
    await applyBatchTo(table, { shardId: 'shardId-000000000000', calls: batch }, settings, hints);
  return { wall: performance.now() - start, puts: table.puts, wcu };
}

const inputs = process.argv.slice(2);
const calls = await load(inputs.length > 0 ? inputs : ['fixtures/real']);
const days = new Set(calls.map((c) => `${c.principal.arn} ${windowOf(c.time)}`)).size;
console.log(`${calls.length} events, ${days} principal-days`);
const aws = await startLocalAws();
try {
  for (const size of [1_000, 10_000]) {
    await measureMemory(calls, size); // warm-up
    const memory = await measureMemory(calls, size);
    const dynamo = await measureDynamo(aws.dynamodbEndpoint, calls, size, 1);
    const per = (value: number) => ((value / calls.length) * 1000).toFixed(1);
    console.log(
      `batch ${size}: ${per(dynamo.writes)} writes/1000 events; dynalite ${per(dynamo.wall)} ms/1000 ` +
        `(outside requests ${per(dynamo.wall - dynamo.busy)}); in memory ${per(memory.wall)} ms/1000 ` +
        `(${per(memory.puts)} puts/1000, ~${per(memory.wcu)} WCU/1000)`,
    );
  }
} finally {
  await aws.close();
}
