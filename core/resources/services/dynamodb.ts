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
 * DynamoDB: tables by name or ARN (`tableName`, `tableArn`, `resourceArn`), the tables of batch calls (keys of
 * `requestItems`) and of transactions (`transactItems[].<op>.tableName`, matched to the action), indexes
 * (`tableName` + `indexName`) and streams (`streamArn`, or the ARN that prefixes a shard iterator).
 */

/** The member of a `transactItems[]` entry that each item-level action corresponds to. */
const TRANSACT_MEMBER: Readonly<Record<string, string>> = {
  PutItem: 'put',
  UpdateItem: 'update',
  DeleteItem: 'delete',
  ConditionCheckItem: 'conditionCheck',
  GetItem: 'get',
};

const TABLE_PARAMS = ['tableName', 'tableArn', 'resourceArn'] as const;

function transactTables(input: ExtractInput, items: readonly unknown[]): string[] {
  const member = TRANSACT_MEMBER[input.target.info.name];
  if (member === undefined) return [];
  const upper = member.charAt(0).toUpperCase() + member.slice(1);
  const names: string[] = [];
  for (const item of items) {
    const name = text(field(item, member) ?? field(item, upper), 'tableName');
    if (name !== undefined) names.push(name);
  }
  return names;
}

function tableRefs(input: ExtractInput): string[] | undefined {
  const transact = objects(input.params, 'transactItems');
  if (transact.length > 0) return transactTables(input, transact);
  const batch = keysOf(input.params, 'requestItems');
  if (batch !== undefined) return batch;
  const single = firstText(input.params, TABLE_PARAMS);
  return single === undefined ? undefined : [single];
}

function table(input: ExtractInput): Extraction {
  const refs = tableRefs(input);
  if (refs === undefined) return ABSENT;
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
  ignoreRecord: (input) => objects(input.params, 'transactItems').length > 0,
};
