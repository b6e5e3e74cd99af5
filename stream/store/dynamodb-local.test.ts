/**
 * The store's exactly-once scenarios (store-contract-test-harness.ts) again, on Amazon's DynamoDB Local instead of
 * dynalite, and the DynamoDB behaviour the store relies on. Skipped, saying why, without Java; in CI with Java
 * present a failure to fetch or start DynamoDB Local fails the suite.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { tryStartDynamoDbLocal } from '../local/dynamodb-local.js';
import { batchGet, conditionalPut, queryPrincipalKeys } from './dynamo-io.js';
import { isConditionFailure, toStoreError } from './errors.js';
import { describeStoreContract, freshStore } from './store-contract-test-harness.js';

const dynamo = await tryStartDynamoDbLocal(process.env.CI === 'true');
if (dynamo.kind === 'unavailable') console.warn(`DynamoDB Local tests skipped: ${dynamo.reason}`);
const endpoint = dynamo.kind === 'started' ? dynamo.local.endpoint : '';

afterAll(async () => {
  if (dynamo.kind === 'started') await dynamo.local.close();
});

// The random fault-schedule property runs 6 times here (12 times on dynalite).
describeStoreContract('DynamoDB Local', () => endpoint, { propertyRuns: 6, skip: dynamo.kind !== 'started' });

describe.skipIf(dynamo.kind !== 'started')('DynamoDB Local honours what the store relies on', () => {
  const item = (pk: string, v: number, data = '[]') => ({
    pk: { S: pk },
    pid: { S: 'p' },
    dayBucket: { S: `2024-05-01#000${pk.length % 10}` },
    v: { N: String(v) },
    data: { S: data },
  });

  it('fails a conditional put on a stale version or an existing item with ConditionalCheckFailedException', async () => {
    const { client, table } = await freshStore(endpoint);
    await conditionalPut(client, table, item('a', 1), undefined);
    await conditionalPut(client, table, item('a', 2), 1);

    const stale = conditionalPut(client, table, item('a', 3), 1).catch((error: unknown) => error);
    const exists = conditionalPut(client, table, item('a', 3), undefined).catch((error: unknown) => error);

    expect(isConditionFailure(await stale)).toBe(true);
    expect(isConditionFailure(await exists)).toBe(true);
    const stored = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' } } }));
    expect(stored.Item?.v).toEqual({ N: '2' });
  });

  it('reads a put back at once through BatchGetItem and the byPrincipal index', async () => {
    const { client, table } = await freshStore(endpoint);
    const keys = Array.from({ length: 150 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((pk) => conditionalPut(client, table, item(pk, 1), undefined)));

    const read = await batchGet(client, table, [...keys, 'missing']);
    const indexed = await queryPrincipalKeys(client, table, 'p', '0000', '9999');

    expect([...read.keys()].sort()).toEqual([...keys].sort());
    expect(indexed.sort()).toEqual([...keys].sort());
  });

  it('rejects an item over 400 KB with a ValidationException the store reports as REJECTED', async () => {
    const { client, table } = await freshStore(endpoint);

    const error = await conditionalPut(client, table, item('big', 1, 'x'.repeat(410_000)), undefined).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ name: 'ValidationException' });
    expect(toStoreError(error, 'PutItem')).toMatchObject({ code: 'REJECTED', retryable: false });
  });
});
