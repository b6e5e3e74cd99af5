import { CreateTableCommand, type DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { toStoreError } from './errors.js';

/** Physical names of the store's tables. */
export interface UsageTableNames {
  /** Usage items: one per principal group × UTC day × bucket. */
  readonly usage: string;
}

/** Seconds to wait for a new table to become ACTIVE (instant on the emulators, seconds on AWS). */
const MAX_WAIT_SECONDS = 120;

/**
 * Creates the store's tables if they do not exist (on-demand capacity) and waits until they are ACTIVE.
 * The `byPrincipal` index (`pid` = principal group, `dayBucket`) is KEYS_ONLY: readers fetch the items themselves
 * with consistent reads, and a rewrite of an item whose keys did not change costs the index nothing.
 */
export async function createUsageTables(client: DynamoDBClient, names: UsageTableNames): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: names.usage,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'pid', AttributeType: 'S' },
          { AttributeName: 'dayBucket', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byPrincipal',
            KeySchema: [
              { AttributeName: 'pid', KeyType: 'HASH' },
              { AttributeName: 'dayBucket', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
  } catch (error) {
    // Already there (or being created): idempotent, so just wait for it below.
    if ((error as { name?: unknown }).name !== 'ResourceInUseException')
      throw toStoreError(error, 'CreateTable');
  }
  try {
    await waitUntilTableExists(
      { client, minDelay: 1, maxDelay: 5, maxWaitTime: MAX_WAIT_SECONDS },
      { TableName: names.usage },
    );
  } catch (error) {
    throw toStoreError(error, `waiting for table ${names.usage}`);
  }
}
