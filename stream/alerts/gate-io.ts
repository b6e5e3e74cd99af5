import {
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { isConditionFailure } from '../store/errors.js';
import { principalKey } from '../store/keys.js';
import { backoffMs, sleep } from '../timing.js';
import type { Alert, AlertDraft } from './alert.js';
import { type Attributes, decodeAlert, encodeAlert } from './alert-codec.js';
import { AlertError, toAlertError } from './errors.js';

/** Where one alert's gate lives in the state table. */
export interface GateKey {
  readonly pk: string;
  readonly sk: string;
}

/** A gate as stored: the alert it admits, and whether that alert went out. */
export interface Gate {
  readonly alert: Alert;
  readonly status: 'pending' | 'sent';
}

/** Only the first writer of a gate may create it; everyone else reads what it wrote. */
const GATE_IS_NEW = 'attribute_not_exists(pk)';
/** Marking a gate sent must never create a stub item without the alert. */
const GATE_EXISTS = 'attribute_exists(pk)';
/** BatchGetItem's limit of keys per request. */
const BATCH_GET = 100;
const MAX_ATTEMPTS = 8;

/** The gate key of an alert: `pk = A#<principal>`, `sk = <kind>#<action>` (actions never contain `#`). */
export function gateKeyOf(draft: Pick<AlertDraft, 'kind' | 'principal' | 'action'>): GateKey {
  return { pk: `A#${principalKey(draft.principal)}`, sk: `${draft.kind}#${draft.action}` };
}

/** A string naming a gate key, for maps and the cache. */
export function gateIdOf(key: GateKey): string {
  return `${key.pk}\u0000${key.sk}`;
}

/** DynamoDB requests of the gate, each translated to AlertError at the boundary. */
export class GateTable {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Reads gates with consistent reads (a gate written a moment ago by another shard must be seen). */
  async readMany(keys: readonly GateKey[]): Promise<Map<string, Gate>> {
    const gates = new Map<string, Gate>();
    for (let i = 0; i < keys.length; i += BATCH_GET) {
      let pending: Attributes[] = keys
        .slice(i, i + BATCH_GET)
        .map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= MAX_ATTEMPTS)
          throw new AlertError('THROTTLED', 'BatchGetItem left alert gates unread');
        if (attempt > 0) await sleep(backoffMs(attempt, 50, 5_000));
        const page = await this.client
          .send(
            new BatchGetItemCommand({
              RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
            }),
          )
          .catch((error: unknown) => Promise.reject(toAlertError(error, 'BatchGetItem alert gates')));
        for (const item of page.Responses?.[this.tableName] ?? []) addGate(gates, item);
        pending = page.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return gates;
  }

  /** Reads one gate consistently; undefined when there is none. */
  async read(key: GateKey): Promise<Gate | undefined> {
    try {
      const result = await this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: keyAttributes(key), ConsistentRead: true }),
      );
      return result.Item === undefined ? undefined : gateOf(result.Item);
    } catch (error) {
      throw toAlertError(error, 'GetItem alert gate');
    }
  }

  /** Creates the gate of an alert as pending; false when a gate exists already (another call won). */
  async claim(alert: Alert): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...keyAttributes(gateKeyOf(alert)), ...encodeAlert(alert), status: { S: 'pending' } },
          ConditionExpression: GATE_IS_NEW,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw toAlertError(error, 'PutItem alert gate');
    }
  }

  /** Records that the gate's alert went out, so no later attempt publishes it again. */
  async markSent(key: GateKey): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: keyAttributes(key),
          UpdateExpression: 'SET #status = :sent',
          ConditionExpression: GATE_EXISTS,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': { S: 'sent' } },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new AlertError('CONFLICT', 'alert gate vanished before it was marked sent');
      throw toAlertError(error, 'UpdateItem alert gate');
    }
  }
}

function keyAttributes(key: GateKey): Attributes {
  return { pk: { S: key.pk }, sk: { S: key.sk } };
}

function addGate(gates: Map<string, Gate>, item: Attributes): void {
  const pk = item.pk?.S;
  const sk = item.sk?.S;
  if (pk === undefined || sk === undefined) return;
  gates.set(gateIdOf({ pk, sk }), gateOf(item));
}

function gateOf(item: Attributes): Gate {
  const alert = decodeAlert(item);
  const status = item.status?.S;
  if (alert === undefined || (status !== 'pending' && status !== 'sent'))
    throw new AlertError('CORRUPT_ITEM', 'an alert gate item does not decode');
  return { alert, status };
}
