import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStream,
  describeEvent,
  type Invocation,
  type KinesisHarness,
  memoryLogger,
  putRecords,
  startKinesisHarness,
  waitFor,
} from './kinesis-test-harness.js';
import type { FailedBatchInfo } from './options.js';
import { startPoller } from './poller.js';

let harness: KinesisHarness;

beforeAll(async () => {
  harness = await startKinesisHarness();
});

afterAll(async () => {
  await harness.close();
});

const payloads = (count: number): string[] => Array.from({ length: count }, (_, i) => `r${i}`);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const countOf = (invocations: readonly Invocation[], payload: string): number =>
  invocations.flatMap((call) => call.payloads).filter((seen) => seen === payload).length;
const common = { startingPosition: 'TRIM_HORIZON', pollIntervalMs: 20, retryDelayMs: 1 } as const;

describe('local event source mapping: function errors', () => {
  it('isolates a poison record by bisecting, reports it after retryAttempts and processes every other record', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'poison', 1);
    const put = await putRecords(kinesis, 'poison', payloads(16));
    const invocations: Invocation[] = [];
    const failures: FailedBatchInfo[] = [];

    const poller = await startPoller({
      ...common,
      kinesis,
      streamName: 'poison',
      batchSize: 16,
      bisectBatchOnFunctionError: true,
      retryAttempts: 2,
      onFailure: (info) => void failures.push(info),
      logger: memoryLogger().logger,
      handler: async (event) => {
        const call = describeEvent(event);
        invocations.push(call);
        if (call.payloads.includes('r5')) throw new Error('poison record');
      },
    });
    await waitFor(() => invocations.length === 11, '11 invocations');
    await pause(100);
    await poller.stop();

    expect(invocations.map((call) => call.payloads.length)).toEqual([16, 8, 4, 4, 2, 1, 1, 1, 1, 2, 8]);
    const successes = invocations
      .filter((call) => !call.payloads.includes('r5'))
      .flatMap((call) => call.payloads);
    expect(successes.sort()).toEqual(
      payloads(16)
        .filter((payload) => payload !== 'r5')
        .sort(),
    );
    const poison = put[5];
    expect(failures).toEqual([
      {
        reason: 'RetryAttemptsExhausted',
        shardId: 'shardId-000000000000',
        streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/poison',
        startSequenceNumber: poison?.sequenceNumber,
        endSequenceNumber: poison?.sequenceNumber,
        approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        approximateArrivalOfLastRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        batchSize: 1,
      },
    ]);
    expect(poller.stats()[0]).toMatchObject({
      invocations: 11,
      retries: 10,
      failures: 7,
      discardedRecords: 1,
      checkpoint: put[15]?.sequenceNumber,
    });
  });

  it('redelivers the lowest failed record of a partial batch response and the records after it, not those before', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'partial', 1);
    const put = await putRecords(kinesis, 'partial', payloads(30));
    const seq = (index: number): string => put[index]?.sequenceNumber ?? '';
    const invocations: Invocation[] = [];

    const poller = await startPoller({
      ...common,
      kinesis,
      streamName: 'partial',
      batchSize: 10,
      reportBatchItemFailures: true,
      retryAttempts: 3,
      logger: memoryLogger().logger,
      handler: async (event) => {
        const call = describeEvent(event);
        invocations.push(call);
        if (countOf(invocations, 'r14') > 1) return { batchItemFailures: [] };
        const failed = [seq(17), seq(14)].filter((s) => call.sequenceNumbers.includes(s));
        return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
      },
    });
    await waitFor(() => countOf(invocations, 'r29') === 1, 'the last record');
    await poller.stop();

    expect(invocations.map((call) => `${call.payloads[0]}..${call.payloads.at(-1)}`)).toEqual([
      'r0..r9',
      'r10..r19',
      'r14..r19',
      'r20..r29',
    ]);
    const counts = payloads(30).map((payload) => countOf(invocations, payload));
    expect(counts).toEqual(payloads(30).map((_, i) => (i >= 14 && i <= 19 ? 2 : 1)));
  });

  it('retries the whole batch when a partial batch response names no record of the batch', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'bad-identifier', 1);
    await putRecords(kinesis, 'bad-identifier', payloads(5));
    const invocations: Invocation[] = [];
    const { logger, entries } = memoryLogger();

    const poller = await startPoller({
      ...common,
      kinesis,
      streamName: 'bad-identifier',
      reportBatchItemFailures: true,
      logger,
      handler: async (event) => {
        invocations.push(describeEvent(event));
        return invocations.length === 1 ? { batchItemFailures: [{ itemIdentifier: '' }] } : undefined;
      },
    });
    await waitFor(() => invocations.length === 2, 'the retry');
    await poller.stop();

    expect(invocations.map((call) => call.payloads)).toEqual([payloads(5), payloads(5)]);
    expect(entries.find((entry) => entry.msg === 'batch')).toMatchObject({
      outcome: 'function-error',
      error: 'unusable itemIdentifier',
      attempt: 1,
      records: 5,
    });
  });

  it('skips records older than maxRecordAgeSeconds and reports them, without invoking the function', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'too-old', 1);
    const put = await putRecords(kinesis, 'too-old', payloads(20));
    const invocations: Invocation[] = [];
    const failures: FailedBatchInfo[] = [];

    const poller = await startPoller({
      ...common,
      kinesis,
      streamName: 'too-old',
      maxRecordAgeSeconds: 60,
      now: () => Date.now() + 61_000,
      onFailure: (info) => void failures.push(info),
      logger: memoryLogger().logger,
      handler: async (event) => void invocations.push(describeEvent(event)),
    });
    await waitFor(() => failures.length > 0, 'the on-failure report');
    await poller.stop();

    expect(invocations).toEqual([]);
    expect(failures).toMatchObject([
      {
        reason: 'RecordAgeExceeded',
        batchSize: 20,
        startSequenceNumber: put[0]?.sequenceNumber,
        endSequenceNumber: put[19]?.sequenceNumber,
      },
    ]);
  });

  it('moves on when the on-failure destination itself fails, and logs it', async () => {
    const { kinesis } = harness;
    await createStream(kinesis, 'bad-destination', 1);
    await putRecords(kinesis, 'bad-destination', payloads(3));
    const invocations: Invocation[] = [];
    const { logger, entries } = memoryLogger();

    const poller = await startPoller({
      ...common,
      kinesis,
      streamName: 'bad-destination',
      batchSize: 1,
      retryAttempts: 0,
      onFailure: () => {
        throw new Error('queue unavailable');
      },
      logger,
      handler: async (event) => {
        const call = describeEvent(event);
        invocations.push(call);
        if (call.payloads.includes('r1')) throw new Error('bad record');
      },
    });
    await waitFor(() => countOf(invocations, 'r2') === 1, 'the record after the failure');
    await poller.stop();

    expect(invocations.map((call) => call.payloads)).toEqual([['r0'], ['r1'], ['r2']]);
    expect(entries.map((entry) => entry.msg)).toContain('on-failure-destination-error');
  });
});
