import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SplitShardCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from '../aws-clients.js';
import { InMemoryCheckpointStore, JsonFileCheckpointStore } from './checkpoint-store.js';
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
  waitForActive,
} from './kinesis-test-harness.js';
import { startPoller } from './poller.js';

let harness: KinesisHarness;
let directory: string;

beforeAll(async () => {
  harness = await startKinesisHarness();
  directory = await mkdtemp(join(tmpdir(), 'iamlp-poller-'));
});

afterAll(async () => {
  await harness.close();
  await rm(directory, { recursive: true, force: true });
});

const payloads = (count: number, prefix = 'r'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const delivered = (invocations: readonly Invocation[]): string[] =>
  invocations.flatMap((call) => call.payloads);
const common = { startingPosition: 'TRIM_HORIZON', pollIntervalMs: 20 } as const;
/** Half of the 128-bit hash key space: SplitShard there gives two equal children. */
const MIDDLE_HASH_KEY = (2n ** 127n).toString();

describe('local event source mapping: checkpoints and stop', () => {
  it('resumes after its checkpoints (JSON file) without redelivering processed records', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'resume', 2);
    await putRecords(kinesis, 'resume', payloads(40, 'first'));
    const path = join(directory, 'resume.json');
    const firstRun: Invocation[] = [];
    const secondRun: Invocation[] = [];
    const options = {
      ...common,
      kinesis,
      streamName: 'resume',
      batchSize: 10,
      logger: memoryLogger().logger,
    };

    const first = await startPoller({
      ...options,
      checkpoints: await JsonFileCheckpointStore.open(path),
      handler: async (event) => void firstRun.push(describeEvent(event)),
    });
    await waitFor(() => delivered(firstRun).length === 40, 'the first 40 records');
    await first.stop();
    await putRecords(kinesis, 'resume', payloads(20, 'second'));
    const second = await startPoller({
      ...options,
      checkpoints: await JsonFileCheckpointStore.open(path),
      handler: async (event) => void secondRun.push(describeEvent(event)),
    });
    await waitFor(() => delivered(secondRun).length >= 20, 'the next 20 records');
    await second.stop();

    expect(delivered(firstRun).sort()).toEqual(payloads(40, 'first').sort());
    expect(delivered(secondRun).sort()).toEqual(payloads(20, 'second').sort());
  });

  it('finishes and checkpoints the in-flight batch on stop, and the next start continues after it', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'in-flight', 1);
    const put = await putRecords(kinesis, 'in-flight', payloads(30));
    const checkpoints = new InMemoryCheckpointStore();
    const firstRun: Invocation[] = [];
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = await startPoller({
      ...common,
      kinesis,
      streamName: 'in-flight',
      batchSize: 10,
      checkpoints,
      logger: memoryLogger().logger,
      handler: async (event) => {
        firstRun.push(describeEvent(event));
        if (firstRun.length === 2) await gate;
      },
    });
    await waitFor(() => firstRun.length === 2, 'the second batch to be in flight');

    let stopped = false;
    const stopping = first.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stoppedBeforeRelease = stopped;
    release();
    await stopping;
    const secondRun: Invocation[] = [];
    const second = await startPoller({
      ...common,
      kinesis,
      streamName: 'in-flight',
      batchSize: 10,
      checkpoints,
      logger: memoryLogger().logger,
      handler: async (event) => void secondRun.push(describeEvent(event)),
    });
    await waitFor(() => delivered(secondRun).length >= 10, 'the third batch');
    await second.stop();

    expect(stoppedBeforeRelease).toBe(false);
    expect(firstRun.map((call) => call.payloads)).toEqual([
      payloads(30).slice(0, 10),
      payloads(30).slice(10, 20),
    ]);
    expect(checkpoints.snapshot()).toEqual({ 'shardId-000000000000': put[29]?.sequenceNumber });
    expect(secondRun.map((call) => call.payloads)).toEqual([payloads(30).slice(20, 30)]);
  });

  it('falls back to the starting position when Kinesis rejects a checkpoint (a recreated local stream)', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'elsewhere', 2);
    const foreign = (await putRecords(kinesis, 'elsewhere', payloads(20))).find(
      (record) => record.shardId === 'shardId-000000000001',
    );
    await createStream(kinesis, 'recreated', 1);
    await putRecords(kinesis, 'recreated', payloads(5));
    const checkpoints = new InMemoryCheckpointStore();
    await checkpoints.save('shardId-000000000000', foreign?.sequenceNumber ?? '');
    const invocations: Invocation[] = [];
    const { logger, entries } = memoryLogger();

    const poller = await startPoller({
      ...common,
      kinesis,
      streamName: 'recreated',
      checkpoints,
      logger,
      handler: async (event) => void invocations.push(describeEvent(event)),
    });
    await waitFor(() => delivered(invocations).length === 5, 'the records from the trim horizon');
    await poller.stop();

    expect(entries.find((entry) => entry.msg === 'checkpoint-rejected')).toMatchObject({
      fallback: 'TRIM_HORIZON',
    });
    expect(delivered(invocations)).toEqual(payloads(5));
  });
});

describe('local event source mapping: resharding', () => {
  it('reads the children of a split only after the parent is read to its end', async () => {
    const { kinesis } = harness;
    const [parent] = await createStream(kinesis, 'split', 1);
    const before = await putRecords(kinesis, 'split', payloads(40, 'parent'));
    await kinesis.send(
      new SplitShardCommand({
        StreamName: 'split',
        ShardToSplit: parent,
        NewStartingHashKey: MIDDLE_HASH_KEY,
      }),
    );
    await waitForActive(kinesis, 'split');
    const after = await putRecords(kinesis, 'split', payloads(40, 'child'));
    const invocations: Invocation[] = [];

    const poller = await startPoller({
      ...common,
      kinesis,
      streamName: 'split',
      batchSize: 10,
      logger: memoryLogger().logger,
      handler: async (event) => void invocations.push(describeEvent(event)),
    });
    await waitFor(() => delivered(invocations).length >= 80, 'all 80 records');
    await poller.stop();

    const children = [...new Set(after.map((record) => record.shardId))].sort();
    expect(children).toEqual(['shardId-000000000001', 'shardId-000000000002']);
    const lastParentCall = invocations.findLastIndex((call) => call.shardId === parent);
    const firstChildCall = invocations.findIndex((call) => call.shardId !== parent);
    expect(lastParentCall).toBeLessThan(firstChildCall);
    expect(delivered(invocations).sort()).toEqual(
      [...before, ...after].map((record) => record.payload).sort(),
    );
    for (const shardId of children) {
      expect(
        isAscending(invocations.filter((call) => call.shardId === shardId).flatMap((c) => c.sequenceNumbers)),
      ).toBe(true);
    }
    expect(poller.stats().map((shard) => shard.state)).toEqual(['finished', 'running', 'running']);
  });

  it('picks up the children of a shard split while it runs', async () => {
    const { kinesis } = harness;
    const [parent] = await createStream(kinesis, 'live-split', 1);
    const invocations: Invocation[] = [];
    const poller = await startPoller({
      ...common,
      kinesis,
      streamName: 'live-split',
      logger: memoryLogger().logger,
      handler: async (event) => void invocations.push(describeEvent(event)),
    });
    await putRecords(kinesis, 'live-split', payloads(20, 'parent'));
    await waitFor(() => delivered(invocations).length === 20, 'the parent records');

    await kinesis.send(
      new SplitShardCommand({
        StreamName: 'live-split',
        ShardToSplit: parent,
        NewStartingHashKey: MIDDLE_HASH_KEY,
      }),
    );
    await waitForActive(kinesis, 'live-split');
    await putRecords(kinesis, 'live-split', payloads(20, 'child'));
    await waitFor(() => delivered(invocations).length >= 40, 'the child records');
    await poller.stop();

    expect(delivered(invocations).sort()).toEqual(
      [...payloads(20, 'parent'), ...payloads(20, 'child')].sort(),
    );
    const childCalls = invocations.filter((call) =>
      call.payloads.some((payload) => payload.startsWith('child')),
    );
    expect(childCalls.every((call) => call.shardId !== parent)).toBe(true);
    expect(poller.stats().find((shard) => shard.shardId === parent)?.state).toBe('finished');
  });
});

describe('local event source mapping: Kinesis faults', () => {
  it('re-acquires an expired iterator and backs off when throttled, without skipping or repeating records', async () => {
    // A client of its own, with faults injected before the SDK's retry logic sees the call.
    const kinesis = createKinesisClient({ endpoint: harness.endpoint });
    const faults: string[] = [];
    kinesis.middlewareStack.add(
      (next, context) => async (args) => {
        const fault = context.commandName === 'GetRecordsCommand' ? faults.shift() : undefined;
        if (fault !== undefined) throw Object.assign(new Error(`injected ${fault}`), { name: fault });
        return next(args);
      },
      { step: 'initialize', name: 'injectKinesisFaults' },
    );
    await createStream(kinesis, 'faults', 1);
    await putRecords(kinesis, 'faults', payloads(10));
    const invocations: Invocation[] = [];
    const { logger, entries } = memoryLogger();
    const poller = await startPoller({
      ...common,
      kinesis,
      streamName: 'faults',
      logger,
      handler: async (event) => void invocations.push(describeEvent(event)),
    });
    await waitFor(() => delivered(invocations).length === 10, 'the first records');

    faults.push(
      'ExpiredIteratorException',
      'ProvisionedThroughputExceededException',
      'LimitExceededException',
    );
    await putRecords(kinesis, 'faults', payloads(20).slice(10));
    await waitFor(() => delivered(invocations).length >= 20, 'the records after the faults');
    await poller.stop();
    kinesis.destroy();

    expect(delivered(invocations)).toEqual(payloads(20));
    expect(entries.map((entry) => entry.msg)).toEqual(
      expect.arrayContaining(['iterator-expired', 'throttled']),
    );
    expect(faults).toEqual([]);
  });
});
