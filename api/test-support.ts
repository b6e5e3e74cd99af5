import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Hono } from 'hono';
import { createDynamoClient } from '../stream/aws-clients.js';
import { createConsumerHandler } from '../stream/consumer/index.js';
import { createDedupeTable } from '../stream/dedupe/dynamo-dedupe-window.js';
import { partitionKeyOf, toEventBridgeEvent } from '../stream/eventbridge/index.js';
import { readRecords } from '../stream/input/index.js';
import { buildConsumerDeps } from '../stream/lambda/index.js';
import { type LocalAws, startLocalAws } from '../stream/local/emulators.js';
import { syntheticKinesisEvent } from '../stream/poller/index.js';
import { createUsageTables, DynamoUsageStore } from '../stream/store/index.js';
import { createApp } from './app.js';
import { GrantedDriftEngine, type GrantedLookup } from './drift.js';
import { DynamoApiReader } from './read-model/dynamo-reader.js';

/** The token of test apps. */
export const TEST_TOKEN = 'test-token-0123456789';

/** dynalite with the stream's tables, the real consumer writing into them, and an app reading them. */
export interface ApiFixture {
  readonly aws: LocalAws;
  readonly client: DynamoDBClient;
  readonly store: DynamoUsageStore;
  readonly app: Hono;
  /** Runs records (CloudTrail events or raw bytes) through the consumer as one Kinesis batch of a shard. */
  ingest(records: readonly (Record<string, unknown> | Buffer)[], shardId?: string): Promise<void>;
  /** Sends a request with the bearer token. */
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

let tableCounter = 0;

/** Starts a fixture; `granted` feeds drift. The app re-reads the store on every request (no caching delay). */
export async function startApiFixture(granted?: GrantedLookup): Promise<ApiFixture> {
  const aws = await startLocalAws();
  const client = createDynamoClient({ endpoint: aws.dynamodbEndpoint, region: 'us-east-1' });
  const tables = { usage: `usage-${++tableCounter}`, state: `state-${tableCounter}` };
  await createUsageTables(client, { usage: tables.usage });
  await createDedupeTable(client, tables.state);
  const store = new DynamoUsageStore({ client, tables: { usage: tables.usage } });
  const handler = createConsumerHandler(
    buildConsumerDeps(
      { usageTable: tables.usage, stateTable: tables.state, alertBus: undefined },
      { dynamodb: client },
      () => {},
    ),
  );
  const reader = new DynamoApiReader({
    client,
    store,
    stateTable: tables.state,
    refreshMs: 0,
    maxStaleMs: 0,
  });
  const app = createApp({
    reader,
    drift: new GrantedDriftEngine(granted),
    auth: { kind: 'token', token: TEST_TOKEN },
    version: '0.0.0-test',
  });
  let sequence = 1_000_000n;
  return {
    aws,
    client,
    store,
    app,
    async ingest(records, shardId = 'shardId-000000000000') {
      const event = syntheticKinesisEvent(
        records.map((record) => {
          if (Buffer.isBuffer(record)) return { data: record, partitionKey: 'raw' };
          const envelope = toEventBridgeEvent(record);
          return { data: Buffer.from(JSON.stringify(envelope)), partitionKey: partitionKeyOf(envelope).key };
        }),
        { shardId, firstSequence: sequence, arrivalMs: Date.now() },
      );
      sequence += BigInt(records.length);
      const response = await handler(event);
      if (response.batchItemFailures.length > 0) throw new Error('the consumer asked for a retry');
    },
    get: (path, init = {}) =>
      Promise.resolve(
        app.request(path, {
          ...init,
          headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(init.headers as Record<string, string>) },
        }),
      ),
    async close() {
      client.destroy();
      await aws.close();
    },
  };
}

/** CloudTrail events of fixture paths, as plain objects. */
export async function fixtureEvents(paths: readonly string[]): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  for await (const batch of readRecords(paths))
    for (const record of batch) events.push(record.value as Record<string, unknown>);
  return events;
}
