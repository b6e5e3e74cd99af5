import { CreateTableCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../aws-clients.js';
import { type LocalAws, startLocalAws } from '../local/emulators.js';
import { batchGet } from './dynamo-io.js';

let aws: LocalAws;
let client: DynamoDBClient;

beforeAll(async () => {
  aws = await startLocalAws();
  client = createDynamoClient({ endpoint: aws.dynamodbEndpoint });
  await client.send(
    new CreateTableCommand({
      TableName: 'io-test',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

afterAll(async () => {
  client.destroy();
  await aws.close();
});

describe('batchGet', () => {
  it('reads 100 items of 350 KB although each response holds only a few of them', async () => {
    // dynalite caps a BatchGetItem response near 1.4 MB: 4 of these items per round, so 25 rounds with progress.
    const payload = 'x'.repeat(350_000);
    const keys = Array.from({ length: 100 }, (_, i) => `K#${String(i).padStart(3, '0')}`);
    for (const pk of keys)
      await client.send(
        new PutItemCommand({ TableName: 'io-test', Item: { pk: { S: pk }, data: { S: payload } } }),
      );

    const found = await batchGet(client, 'io-test', keys, { attributes: ['data'] });

    expect([...found.keys()].sort()).toEqual(keys);
    expect([...found.values()].every((item) => item.data?.S?.length === 350_000)).toBe(true);
  });
});
