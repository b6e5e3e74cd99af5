import { CreateTableCommand, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient, createKinesisClient } from '../aws-clients.js';
import { type LocalAws, startLocalAws } from './emulators.js';

let aws: LocalAws;

beforeAll(async () => {
  aws = await startLocalAws();
});

afterAll(async () => {
  await aws.close();
});

describe('local AWS emulators over the real SDK wire protocol', () => {
  it('listen on loopback only, on free ports', () => {
    expect(aws.kinesisEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(aws.dynamodbEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(aws.kinesisEndpoint).not.toBe(aws.dynamodbEndpoint);
  });

  it('round-trips Kinesis records across two shards', async () => {
    const kinesis = createKinesisClient({ endpoint: aws.kinesisEndpoint });
    await kinesis.send(new CreateStreamCommand({ StreamName: 'roundtrip', ShardCount: 2 }));
    const put = await kinesis.send(
      new PutRecordsCommand({
        StreamName: 'roundtrip',
        Records: Array.from({ length: 20 }, (_, i) => ({
          PartitionKey: `k${i}`,
          Data: Buffer.from(`r${i}`),
        })),
      }),
    );
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: 'roundtrip' }));
    const read: string[] = [];
    for (const shard of Shards) {
      const { ShardIterator } = await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: 'roundtrip',
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      read.push(...Records.map((r) => Buffer.from(r.Data ?? []).toString()));
    }

    expect(put.FailedRecordCount).toBe(0);
    expect(Shards).toHaveLength(2);
    expect(read.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
  });

  it('applies conditional DynamoDB updates', async () => {
    const dynamo = createDynamoClient({ endpoint: aws.dynamodbEndpoint });
    await dynamo.send(
      new CreateTableCommand({
        TableName: 'roundtrip',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const add = new UpdateItemCommand({
      TableName: 'roundtrip',
      Key: { pk: { S: 'a' } },
      UpdateExpression: 'ADD calls :one SET hw = :seq',
      ConditionExpression: 'attribute_not_exists(hw) OR hw < :seq',
      ExpressionAttributeValues: { ':one': { N: '1' }, ':seq': { S: '0001' } },
    });

    await dynamo.send(add);
    const again = dynamo.send(add);

    await expect(again).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const item = await dynamo.send(new GetItemCommand({ TableName: 'roundtrip', Key: { pk: { S: 'a' } } }));
    expect(item.Item?.calls).toEqual({ N: '1' });
  });
});
