import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../aws-clients.js';
import { type LocalAws, startLocalAws } from '../local/emulators.js';
import { createDedupeTable, DynamoDedupeWindow } from './dynamo-dedupe-window.js';

let aws: LocalAws;
let table = 0;

beforeAll(async () => {
  aws = await startLocalAws();
});

afterAll(async () => {
  await aws.close();
});

/** A fresh table per test, so tests do not see each other's windows. */
async function newWindow(windowMs = 60_000) {
  const client = createDynamoClient({ endpoint: aws.dynamodbEndpoint });
  const tableName = `dedupe-${++table}`;
  await createDedupeTable(client, tableName);
  return { make: () => new DynamoDedupeWindow({ client, tableName, windowMs }) };
}

const ev = (eventId: string, sequenceNumber: string) => ({ eventId, sequenceNumber });
const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('DynamoDedupeWindow', () => {
  it('drops an EventBridge redelivery (same eventID, new record) in a later batch', async () => {
    const { make } = await newWindow();
    const window = make();
    const first = [ev('a', '100'), ev('b', '101')];
    await window.record('shard-0', first, T0);

    const keep = await window.filter('shard-0', [ev('c', '102'), ev('a', '103')], T0 + 1000);

    expect(keep).toEqual([true, false]);
  });

  it('keeps a retry of the same record (same sequence number)', async () => {
    const { make } = await newWindow();
    const window = make();
    await window.record('shard-0', [ev('a', '100'), ev('b', '101')], T0);

    expect(await window.filter('shard-0', [ev('a', '100'), ev('b', '101')], T0 + 1000)).toEqual([true, true]);
  });

  it('keeps the first of two copies within one batch', async () => {
    const { make } = await newWindow();

    expect(await make().filter('shard-0', [ev('a', '100'), ev('x', '101'), ev('a', '102')], T0)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('remembers across consumer restarts (loads the window from DynamoDB)', async () => {
    const { make } = await newWindow();
    await make().record('shard-0', [ev('a', '100')], T0);

    const afterRestart = make();

    expect(await afterRestart.filter('shard-0', [ev('a', '205'), ev('a', '100')], T0 + 5000)).toEqual([
      false,
      true,
    ]);
  });

  it('keeps shards apart and forgets batches older than the window', async () => {
    const { make } = await newWindow(10_000);
    const window = make();
    await window.record('shard-0', [ev('a', '100')], T0);

    expect(await window.filter('shard-1', [ev('a', '900')], T0 + 1000)).toEqual([true]);
    expect(await window.filter('shard-0', [ev('a', '300')], T0 + 20_000)).toEqual([true]);
    expect(await make().filter('shard-0', [ev('a', '300')], T0 + 20_000)).toEqual([true]);
  });

  it('records a stored subset of the filtered batch with the same hashes as from scratch', async () => {
    const { make } = await newWindow();
    const window = make();
    const batch = [ev('a', '100'), ev('b', '101'), ev('c', '102'), ev('d', '103')];
    await window.filter('shard-0', batch, T0);
    // The store took a and c (b was dropped, d failed): only they are remembered, in this and a restarted consumer.
    await window.record(
      'shard-0',
      [batch[0], batch[2]].filter((e) => e !== undefined),
      T0,
    );
    await window.record('shard-1', [ev('c', '102'), ev('a', '100')], T0);

    for (const [shard, consumer] of [
      ['shard-0', window],
      ['shard-0', make()],
      ['shard-1', make()],
    ] as const) {
      expect(
        await consumer.filter(
          shard,
          [ev('a', '200'), ev('b', '201'), ev('c', '202'), ev('d', '203')],
          T0 + 1000,
        ),
      ).toEqual([false, true, false, true]);
    }
  });
});
