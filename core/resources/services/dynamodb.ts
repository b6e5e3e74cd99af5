import {
  ABSENT,
  arnOrName,
  type ExtractInput,
  type Extraction,
  found,
  type Named,
  type ServiceRules,
  UNRESOLVABLE,
} from '../extraction.js';
import { field, firstText, keysOf, objects, text } from '../request-params.js';

/**
 * DynamoDB: tables by name or ARN (`tableName`, `tableArn`, `resourceArn`), the tables of batch calls and of
 * transactions, indexes (`tableName` + `indexName`) and streams (`streamArn`, or the ARN that prefixes a shard
 * iterator).
 *
 * CloudTrail logs the items of TransactWriteItems, TransactGetItems and ExecuteTransaction, and of BatchWriteItem,
 * as `requestItems: [{ operation: 'Put', tableName, key }, …]`. core/actions maps a transaction to one item action
 * per operation it contains (dynamodb:PutItem for the Puts, …), so each item action gets only the tables of its own
 * items, while a batch action gets every table. The SDK's shapes are read too: `transactItems[]` with a
 * `put`/`update`/… member, and the `requestItems: { <table>: … }` map of batch calls.
 */

/** The transaction item operation each item-level action performs. */
const ITEM_OPERATION: Readonly<Record<string, string>> = {
  PutItem: 'Put',
  UpdateItem: 'Update',
  DeleteItem: 'Delete',
  ConditionCheckItem: 'ConditionCheck',
  GetItem: 'Get',
};

const TABLE_PARAMS = ['tableName', 'tableArn', 'resourceArn'] as const;
/** TransactGetItems items can only be Gets, whether or not CloudTrail says so. */
const ONLY_GETS = 'TransactGetItems';

/** True when the action's resources are the tables of some of the items, not all of them. */
function isItemLevel(input: Omit<ExtractInput, 'template'>): boolean {
  const isTransaction =
    objects(input.params, 'transactItems').length > 0 || Array.isArray(field(input.params, 'requestItems'));
  return isTransaction && Object.hasOwn(ITEM_OPERATION, input.target.info.name);
}

/** `transactItems[].put.tableName` (SDK shape): the tables of the items whose member is the operation. */
function sdkTransactTables(items: readonly unknown[], operation: string): string[] {
  const member = operation.charAt(0).toLowerCase() + operation.slice(1);
  const names: string[] = [];
  for (const item of items) {
    const name = text(field(item, member) ?? field(item, operation), 'tableName');
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** `requestItems[]` (CloudTrail shape): every table, or those of the items with the given operation. */
function loggedItemTables(input: ExtractInput, items: readonly unknown[], operation?: string): string[] {
  const names: string[] = [];
  for (const item of items) {
    const itemOperation = text(item, 'operation') ?? (input.ctx.eventName === ONLY_GETS ? 'Get' : undefined);
    const name = text(item, 'tableName');
    if (name !== undefined && (operation === undefined || itemOperation === operation)) names.push(name);
  }
  return names;
}

/** Table references of the request; undefined when it names none, [] when none is this action's. */
function tableRefs(input: ExtractInput): string[] | undefined {
  const operation = ITEM_OPERATION[input.target.info.name];
  const transact = objects(input.params, 'transactItems');
  if (transact.length > 0)
    return operation === undefined ? undefined : sdkTransactTables(transact, operation);
  const logged = field(input.params, 'requestItems');
  if (Array.isArray(logged)) return loggedItemTables(input, logged, operation);
  const batch = keysOf(input.params, 'requestItems');
  if (batch !== undefined) return batch;
  const single = firstText(input.params, TABLE_PARAMS);
  return single === undefined ? undefined : [single];
}

function table(input: ExtractInput): Extraction {
  const refs = tableRefs(input);
  if (refs === undefined) return ABSENT;
  // A transaction item action none of whose items we can find: which table it wrote is not known.
  if (refs.length === 0) return isItemLevel(input) ? UNRESOLVABLE : ABSENT;
  const out: Named[] = [];
  for (const ref of refs) {
    // `resourceArn` (TagResource) may name a stream instead; that is the stream type's business.
    const resolved = arnOrName(input, 'TableName', ref);
    if (resolved !== undefined) out.push(resolved);
    else if (!ref.includes('/stream/')) return UNRESOLVABLE;
  }
  return found(out);
}

function index(input: ExtractInput): Extraction {
  const tableRef = text(input.params, 'tableName');
  const indexName = text(input.params, 'indexName');
  if (tableRef === undefined || indexName === undefined) return ABSENT;
  if (!tableRef.startsWith('arn:')) return found([{ vars: { TableName: tableRef, IndexName: indexName } }]);
  return found([{ arn: `${tableRef}/index/${indexName}` }]);
}

function stream(input: ExtractInput): Extraction {
  const arn = firstText(input.params, ['streamArn', 'resourceArn']);
  if (arn !== undefined) return input.template.matches(arn) ? found([{ arn }]) : ABSENT;
  // A shard iterator is `<stream ARN>|<n>|<opaque>`; GetRecords carries nothing else.
  const iterator = text(input.params, 'shardIterator');
  const bar = iterator?.indexOf('|') ?? -1;
  if (iterator === undefined || bar <= 0) return ABSENT;
  return found([{ arn: iterator.slice(0, bar) }]);
}

/** Extractor table for the `dynamodb` prefix. */
export const DYNAMODB_RULES: ServiceRules = {
  types: { table, index, stream },
  // A transaction's record lists every table it touched, whatever the operation on each.
  ignoreRecord: isItemLevel,
};
