import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  QueryCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { backoffMs, sleep } from '../timing.js';
import type { QuarantineEntry, QuarantineSink } from './ports.js';

/** Items per BatchWriteItem request (the DynamoDB maximum). */
const BATCH = 25;
/** Quarantined records are kept a month (DynamoDB TTL on `expiresAt`). */
const KEEP_SECONDS = 30 * 24 * 3600;
const MAX_ATTEMPTS = 8;

/**
 * Stores quarantined records in the state table (`pk = Q#<arrival day>`, `sk = <shardId>#<sequence number>`), so the
 * API can list and count them by day. Keys are deterministic: writing an entry again on a retried batch overwrites
 * it with the same content.
 */
export class DynamoQuarantineSink implements QuarantineSink {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async put(entries: readonly QuarantineEntry[]): Promise<number> {
    let writes = 0;
    for (let i = 0; i < entries.length; i += BATCH) {
      let pending: WriteRequest[] = entries
        .slice(i, i + BATCH)
        .map((e) => ({ PutRequest: { Item: item(e) } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= MAX_ATTEMPTS) throw new Error(`quarantine: ${pending.length} items left unprocessed`);
        if (attempt > 0) await sleep(backoffMs(attempt, 50, 5_000));
        const result = await this.client.send(
          new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        writes++;
        pending = result.UnprocessedItems?.[this.tableName] ?? [];
      }
    }
    return writes;
  }
}

function item(e: QuarantineEntry) {
  return {
    pk: { S: `Q#${new Date(e.at).toISOString().slice(0, 10)}` },
    sk: { S: `${e.shardId}#${e.sequenceNumber.padStart(128, '0')}` },
    code: { S: e.code },
    reason: { S: e.reason.slice(0, 512) },
    bytes: { N: String(e.bytes) },
    at: { N: String(e.at) },
    expiresAt: { N: String(Math.ceil(e.at / 1000) + KEEP_SECONDS) },
  };
}

/** Quarantined records per reason code. */
export interface QuarantineCounts {
  readonly total: number;
  readonly byCode: Readonly<Record<string, number>>;
}

/** Counts the records quarantined on the given arrival days (`YYYY-MM-DD`), reading only their codes. */
export async function countQuarantined(
  client: DynamoDBClient,
  tableName: string,
  days: readonly string[],
): Promise<QuarantineCounts> {
  const byCode: Record<string, number> = {};
  let total = 0;
  await Promise.all(
    days.map(async (day) => {
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: `Q#${day}` } },
            ProjectionExpression: 'code',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          const code = item.code?.S ?? 'UNKNOWN';
          byCode[code] = (byCode[code] ?? 0) + 1;
          total++;
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return { total, byCode };
}
