import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStream,
  describeEvent,
  type Invocation,
  isAscending,
  type KinesisHarness,
  memoryLogger,
  putRecords,
  startKinesisHarness,
  waitFor,
} from './kinesis-test-harness.js';
import type { KinesisStreamEvent } from './lambda-kinesis-types.js';
import { startPoller } from './poller.js';

let harness: KinesisHarness;

beforeAll(async () => {
  harness = await startKinesisHarness();
});

afterAll(async () => {
  await harness.close();
});

const payloads = (count: number, prefix = 'r'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const delivered = (invocations: readonly Invocation[]): string[] =>
  invocations.flatMap((call) => call.payloads);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('local event source mapping: delivery', () => {
  it('delivers every record of a 2-shard stream exactly once, in shard order, in batches of at most batchSize', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'delivery', 2);
    const put = await putRecords(kinesis, 'delivery', payloads(600));
    const invocations: Invocation[] = [];
    const events: KinesisStreamEvent[] = [];
    const { logger, entries } = memoryLogger();

    const poller = await startPoller({
      kinesis,
      streamName: 'delivery',
      startingPosition: 'TRIM_HORIZON',
      batchSize: 50,
      pollIntervalMs: 20,
      logger,
      handler: async (event) => {
        events.push(event);
        invocations.push(describeEvent(event));
      },
    });
    await waitFor(() => delivered(invocations).length >= 600, '600 records');
    await poller.stop();

    expect(delivered(invocations).sort()).toEqual(put.map((record) => record.payload).sort());
    const shards = [...new Set(put.map((record) => record.shardId))].sort();
    expect(shards).toHaveLength(2);
    for (const shardId of shards) {
      const seen = invocations
        .filter((call) => call.shardId === shardId)
        .flatMap((call) => call.sequenceNumbers);
      const expected = put
        .filter((record) => record.shardId === shardId)
        .map((record) => record.sequenceNumber);
      expect(seen).toEqual(expected);
      expect(isAscending(seen)).toBe(true);
    }
    expect(Math.max(...invocations.map((call) => call.payloads.length))).toBeLessThanOrEqual(50);
    expect(
      events.every((event) =>
        event.Records.every((r) => r.eventID.startsWith(`${describeEvent(event).shardId}:`)),
      ),
    ).toBe(true);
    expect(
      poller
        .stats()
        .map(({ shardId, records, checkpoint, state }) => ({ shardId, records, checkpoint, state })),
    ).toEqual(
      shards.map((shardId) => ({
        shardId,
        records: put.filter((record) => record.shardId === shardId).length,
        checkpoint: put.filter((record) => record.shardId === shardId).at(-1)?.sequenceNumber,
        state: 'running',
      })),
    );
    expect(
      entries.filter((entry) => entry.msg === 'batch').every((entry) => entry.outcome === 'success'),
    ).toBe(true);
  });

  it('shapes records exactly like the Lambda Kinesis event', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'shape', 1);
    const [put] = await putRecords(kinesis, 'shape', ['{"hello":"world"}'], () => 'pk-1');
    const events: KinesisStreamEvent[] = [];
    const poller = await startPoller({
      kinesis,
      streamName: 'shape',
      startingPosition: 'TRIM_HORIZON',
      pollIntervalMs: 20,
      logger: memoryLogger().logger,
      handler: async (event) => {
        events.push(event);
      },
    });
    await waitFor(() => events.length > 0, 'one event');
    await poller.stop();

    const record = events[0]?.Records[0];
    expect(record).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'pk-1',
        sequenceNumber: put?.sequenceNumber,
        data: Buffer.from('{"hello":"world"}').toString('base64'),
        approximateArrivalTimestamp: expect.any(Number),
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:${put?.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::000000000000:role/iamlp-local-poller',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/shape',
    });
    expect(Math.abs((record?.kinesis.approximateArrivalTimestamp ?? 0) - Date.now() / 1000)).toBeLessThan(30);
  });

  it('waits up to the batching window to group records put apart from each other', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'window', 1);
    await createStream(kinesis, 'no-window', 1);
    const grouped: Invocation[] = [];
    const ungrouped: Invocation[] = [];
    const common = {
      kinesis,
      startingPosition: 'LATEST',
      pollIntervalMs: 20,
      logger: memoryLogger().logger,
    } as const;
    const windowed = await startPoller({
      ...common,
      streamName: 'window',
      maximumBatchingWindowMs: 5_000,
      handler: async (event) => void grouped.push(describeEvent(event)),
    });
    const immediate = await startPoller({
      ...common,
      streamName: 'no-window',
      handler: async (event) => void ungrouped.push(describeEvent(event)),
    });

    for (const payload of payloads(5)) {
      await putRecords(kinesis, 'window', [payload]);
      await putRecords(kinesis, 'no-window', [payload]);
      await pause(150);
    }
    await waitFor(
      () => delivered(grouped).length === 5 && delivered(ungrouped).length === 5,
      'both streams',
      15_000,
    );
    await Promise.all([windowed.stop(), immediate.stop()]);

    expect(grouped.map((call) => call.payloads)).toEqual([payloads(5)]);
    expect(ungrouped.length).toBeGreaterThan(1);
    expect(delivered(ungrouped)).toEqual(payloads(5));
  });

  it('caps a batch at 6 MB of event, like the Lambda payload limit', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'big', 1);
    for (let i = 0; i < 9; i += 1) await putRecords(kinesis, 'big', [`${i}`.padEnd(1_000_000, 'x')]);
    const sizes: number[] = [];
    const bytes: number[] = [];
    const poller = await startPoller({
      kinesis,
      streamName: 'big',
      startingPosition: 'TRIM_HORIZON',
      pollIntervalMs: 20,
      logger: memoryLogger().logger,
      handler: async (event) => {
        sizes.push(event.Records.length);
        bytes.push(Buffer.byteLength(JSON.stringify(event)));
      },
    });
    await waitFor(() => sizes.reduce((a, b) => a + b, 0) === 9, '9 big records');
    await poller.stop();

    expect(sizes).toEqual([4, 4, 1]);
    expect(Math.max(...bytes)).toBeLessThanOrEqual(6 * 1024 * 1024);
  });

  it('with LATEST, delivers only records put after it started', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'latest', 2);
    await putRecords(kinesis, 'latest', payloads(20, 'old'));
    const invocations: Invocation[] = [];
    const poller = await startPoller({
      kinesis,
      streamName: 'latest',
      startingPosition: 'LATEST',
      pollIntervalMs: 20,
      logger: memoryLogger().logger,
      handler: async (event) => void invocations.push(describeEvent(event)),
    });

    await putRecords(kinesis, 'latest', payloads(20, 'new'));
    await waitFor(() => delivered(invocations).length >= 20, '20 new records');
    await pause(300);
    await poller.stop();

    expect(delivered(invocations).sort()).toEqual(payloads(20, 'new').sort());
  });
});
