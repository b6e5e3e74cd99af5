import {
  BatchGetItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { backoffDelay, sleep } from '../timing.js';
import { StoreError, toStoreError } from './errors.js';
import type { Attributes } from './item.js';

/** BatchGetItem takes at most 100 keys per request. */
const BATCH_GET_LIMIT = 100;
/** Rounds of UnprocessedKeys before giving up; with the backoff below that is ~5 s of trying. */
const UNPROCESSED_ROUNDS = 10;
/** Full-jitter backoff for unprocessed keys: ceilings of 40 ms doubling up to 1 s. */
const UNPROCESSED_BACKOFF = { baseDelayMs: 20, maxDelayMs: 1_000 };

/** The item must not exist yet: a new bucket. */
export const CREATE_ONLY = 'attribute_not_exists(pk)';
/** Nobody wrote the item since we read it (optimistic concurrency on the version attribute). */
export const SAME_VERSION = '#v = :v';

/** The two item operations applying a batch needs; DynamoDB in production, a Map in pure tests. */
export interface ItemTable {
  /** Reads items by partition key, strongly consistent; missing keys are absent from the result. */
  read(keys: readonly string[]): Promise<Map<string, Attributes>>;
  /**
   * Puts an item if it is new (`expectedVersion` undefined) or still at `expectedVersion`; otherwise rejects with
   * an error `isConditionFailure` recognises. Other errors are passed through raw.
   */
  put(item: Attributes, expectedVersion: number | undefined): Promise<void>;
}

/** The {@link ItemTable} of a DynamoDB table. */
export function dynamoItemTable(client: DynamoDBClient, table: string): ItemTable {
  return {
    read: (keys) => batchGet(client, table, keys),
    put: (item, expectedVersion) => conditionalPut(client, table, item, expectedVersion),
  };
}

/** Options of {@link batchGet}. */
export interface BatchGetOptions {
  /** Attribute names to return (all when absent). */
  readonly attributes?: readonly string[];
}

/** Reads items by partition key with strongly consistent reads, retrying unprocessed keys with backoff. */
export async function batchGet(
  client: DynamoDBClient,
  table: string,
  keys: readonly string[],
  options: BatchGetOptions = {},
): Promise<Map<string, Attributes>> {
  const found = new Map<string, Attributes>();
  const unique = [...new Set(keys)];
  const projection = projectionOf(['pk', ...(options.attributes ?? [])], options.attributes === undefined);
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
    let pending = unique.slice(i, i + BATCH_GET_LIMIT).map((pk) => ({ pk: { S: pk } }));
    // A response is capped in bytes (16 MB on AWS, far less on dynalite), so large items come back over several
    // rounds: only rounds that return nothing count as throttling.
    for (let stalled = 0; pending.length > 0; ) {
      if (stalled === UNPROCESSED_ROUNDS)
        throw new StoreError('THROTTLED', 'BatchGetItem kept returning unprocessed keys');
      if (stalled > 0) await sleep(backoffDelay(stalled + 1, UNPROCESSED_BACKOFF));
      const output = await send('BatchGetItem', () =>
        client.send(
          new BatchGetItemCommand({
            RequestItems: { [table]: { Keys: pending, ConsistentRead: true, ...projection } },
          }),
        ),
      );
      const items = output.Responses?.[table] ?? [];
      for (const item of items) if (item.pk?.S) found.set(item.pk.S, item);
      pending = (output.UnprocessedKeys?.[table]?.Keys ?? []).map((key) => ({ pk: { S: key.pk?.S ?? '' } }));
      stalled = items.length > 0 ? 0 : stalled + 1;
    }
  }
  return found;
}

/** Puts an item on condition that it is new (`expectedVersion` undefined) or still at `expectedVersion`. */
export async function conditionalPut(
  client: DynamoDBClient,
  table: string,
  item: Attributes,
  expectedVersion: number | undefined,
): Promise<void> {
  const condition =
    expectedVersion === undefined
      ? { ConditionExpression: CREATE_ONLY }
      : {
          ConditionExpression: SAME_VERSION,
          ExpressionAttributeNames: { '#v': 'v' },
          ExpressionAttributeValues: { ':v': { N: String(expectedVersion) } },
        };
  // Errors are left raw: the caller tells a lost race (ConditionalCheckFailedException) from a failure.
  await client.send(new PutItemCommand({ TableName: table, Item: item, ...condition }));
}

/** Partition keys of a principal group's items whose `dayBucket` lies between `low` and `high`, via `byPrincipal`. */
export async function queryPrincipalKeys(
  client: DynamoDBClient,
  table: string,
  gid: string,
  low: string,
  high: string,
): Promise<string[]> {
  const keys: string[] = [];
  let start: Attributes | undefined;
  do {
    const output = await send('Query', () =>
      client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'byPrincipal',
          KeyConditionExpression: 'pid = :pid AND dayBucket BETWEEN :low AND :high',
          ExpressionAttributeValues: { ':pid': { S: gid }, ':low': { S: low }, ':high': { S: high } },
          ExclusiveStartKey: start,
        }),
      ),
    );
    for (const item of output.Items ?? []) if (item.pk?.S) keys.push(item.pk.S);
    start = output.LastEvaluatedKey;
  } while (start);
  return keys;
}

/** Every item of the table, with the given attributes only. */
export async function scanAll(
  client: DynamoDBClient,
  table: string,
  attributes: readonly string[],
): Promise<Attributes[]> {
  const items: Attributes[] = [];
  let start: Attributes | undefined;
  do {
    const output = await send('Scan', () =>
      client.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: start, ...projectionOf(attributes) }),
      ),
    );
    items.push(...(output.Items ?? []));
    start = output.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A projection with every name aliased, since several of ours (`data`, `size`, `day`) are reserved words. */
function projectionOf(
  attributes: readonly string[],
  all = false,
): { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } {
  if (all) return {};
  const names: Record<string, string> = {};
  attributes.forEach((name, i) => {
    names[`#a${i}`] = name;
  });
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}

async function send<T>(doing: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toStoreError(error, doing);
  }
}
