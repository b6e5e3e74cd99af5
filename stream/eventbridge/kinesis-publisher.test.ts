import type { KinesisClient, PutRecordsCommandInput } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { KinesisPublisher } from './kinesis-publisher.js';
import { PublishError } from './publish-errors.js';

type Reply = (keys: string[]) => { ErrorCode?: string }[] | Error;

/** A fake Kinesis client answering PutRecords with scripted replies and recording the keys of each request. */
function fakeKinesis(replies: Reply[]) {
  const requests: string[][] = [];
  const client = {
    send: async (command: { input: unknown }) => {
      const input = command.input as PutRecordsCommandInput;
      if (!input.Records) return {};
      const keys = input.Records.map((r) => r.PartitionKey ?? '');
      requests.push(keys);
      const accept: Reply = (k) => k.map(() => ({}));
      const result = (replies.shift() ?? accept)(keys);
      if (result instanceof Error) throw result;
      return { Records: result, FailedRecordCount: result.filter((r) => r.ErrorCode).length };
    },
  } as unknown as KinesisClient;
  return { client, requests };
}

function entries(...keys: string[]) {
  return keys.map((partitionKey) => ({
    partitionKey,
    data: Buffer.from(partitionKey),
    size: 2 * partitionKey.length,
  }));
}

function awsError(name: string, status = 400): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}

const noWait = { sleep: async () => {}, random: () => 0.5 };

describe('KinesisPublisher.put', () => {
  it('resends only the entries a response reports as throttled or failed', async () => {
    const { client, requests } = fakeKinesis([
      (keys) =>
        keys.map((k) =>
          k === 'b' || k === 'd' ? { ErrorCode: 'ProvisionedThroughputExceededException' } : {},
        ),
      (keys) => keys.map((k) => (k === 'd' ? { ErrorCode: 'InternalFailure' } : {})),
    ]);
    const publisher = new KinesisPublisher(client, 's', noWait);

    const outcome = await publisher.put(entries('a', 'b', 'c', 'd'));

    expect(requests).toEqual([['a', 'b', 'c', 'd'], ['b', 'd'], ['d']]);
    expect(outcome).toEqual({ sent: 4, retried: 3, failed: [] });
  });

  it('backs off exponentially with jitter between attempts', async () => {
    const delays: number[] = [];
    const throttled: Reply = (keys) =>
      keys.map(() => ({ ErrorCode: 'ProvisionedThroughputExceededException' }));
    const { client } = fakeKinesis([throttled, throttled, throttled]);
    const publisher = new KinesisPublisher(client, 's', {
      random: () => 0.5,
      sleep: async (ms) => {
        delays.push(ms);
      },
      backoff: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 },
    });

    await publisher.put(entries('a'));

    expect(delays).toEqual([50, 100, 150]);
  });

  it('gives up after the last attempt and reports what was not delivered', async () => {
    const throttled: Reply = (keys) =>
      keys.map((k) => (k === 'b' ? { ErrorCode: 'ProvisionedThroughputExceededException' } : {}));
    const { client, requests } = fakeKinesis([throttled, throttled, throttled]);
    const publisher = new KinesisPublisher(client, 's', {
      ...noWait,
      backoff: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });

    const outcome = await publisher.put(entries('a', 'b'));

    expect(requests).toHaveLength(3);
    expect(outcome.sent).toBe(1);
    expect(outcome.failed.map((f) => [f.entry.partitionKey, f.code])).toEqual([
      ['b', 'ProvisionedThroughputExceededException'],
    ]);
  });

  it('does not resend entries that failed for good', async () => {
    const { client, requests } = fakeKinesis([
      (keys) => keys.map((k) => (k === 'a' ? { ErrorCode: 'KMSAccessDeniedException' } : {})),
    ]);

    const outcome = await new KinesisPublisher(client, 's', noWait).put(entries('a', 'b'));

    expect(requests).toHaveLength(1);
    expect(outcome).toMatchObject({ sent: 1, retried: 0, failed: [{ code: 'KMSAccessDeniedException' }] });
  });

  it('resends a whole request that was throttled or hit a network error', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { client, requests } = fakeKinesis([() => awsError('ThrottlingException'), () => refused]);

    const outcome = await new KinesisPublisher(client, 's', noWait).put(entries('a', 'b'));

    expect(requests).toHaveLength(3);
    expect(outcome).toEqual({ sent: 2, retried: 4, failed: [] });
  });

  it('throws a one-line error naming the stream when it does not exist', async () => {
    const { client } = fakeKinesis([() => awsError('ResourceNotFoundException')]);
    const publisher = new KinesisPublisher(client, 'orders', {
      ...noWait,
      where: 'at http://127.0.0.1:4567',
    });

    const put = publisher.put(entries('a'));

    await expect(put).rejects.toBeInstanceOf(PublishError);
    await expect(put).rejects.toMatchObject({
      code: 'STREAM_NOT_FOUND',
      message: "stream 'orders' not found at http://127.0.0.1:4567 (ResourceNotFoundException)",
    });
  });

  it('stops retrying once aborted', async () => {
    const controller = new AbortController();
    const { client, requests } = fakeKinesis([
      (keys) => {
        controller.abort();
        return keys.map(() => ({ ErrorCode: 'InternalFailure' }));
      },
    ]);
    const publisher = new KinesisPublisher(client, 's', { ...noWait, signal: controller.signal });

    const outcome = await publisher.put(entries('a'));

    expect(requests).toHaveLength(1);
    expect(outcome.failed).toHaveLength(1);
  });
});

describe('KinesisPublisher.checkStream', () => {
  it('reports a missing stream and ignores a missing describe permission', async () => {
    const failWith = (name: string) =>
      ({
        send: async () => {
          throw awsError(name);
        },
      }) as unknown as KinesisClient;

    await expect(
      new KinesisPublisher(failWith('ResourceNotFoundException'), 's').checkStream(),
    ).rejects.toMatchObject({
      code: 'STREAM_NOT_FOUND',
    });
    await expect(
      new KinesisPublisher(failWith('AccessDeniedException'), 's').checkStream(),
    ).resolves.toBeUndefined();
  });
});
