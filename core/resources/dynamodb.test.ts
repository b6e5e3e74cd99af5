// biome-ignore-all lint/suspicious/noTemplateCurlyInString: map.json templates use ${…} syntax.
import { describe, expect, it } from 'vitest';
import { fromRecord, fromRequest, resolve, UNRESOLVED } from './test-support.js';

const tableArn = (name: string, account = '111122223333', region = 'us-east-1', partition = 'aws') =>
  `arn:${partition}:dynamodb:${region}:${account}:table/${name}`;

describe('DynamoDB tables', () => {
  it('builds the table ARN in the recipient account', () => {
    const params = { tableName: 'Orders', key: { pk: { S: 'order#1' } }, consistentRead: false };
    expect(resolve('dynamodb:GetItem', params)).toEqual(fromRequest(tableArn('Orders')));
  });

  it('uses the recipient (resource owner) account, not the caller', () => {
    // ctx.account is recipientAccountId: a caller from 999988887777 reading a table owned by 444455556666.
    const params = { tableName: 'Shared' };
    expect(resolve('dynamodb:GetItem', params, { account: '444455556666', region: 'eu-west-1' })).toEqual(
      fromRequest(tableArn('Shared', '444455556666', 'eu-west-1')),
    );
  });

  it('follows the partition', () => {
    expect(
      resolve('dynamodb:PutItem', { tableName: 'T' }, { partition: 'aws-cn', region: 'cn-northwest-1' }),
    ).toEqual(fromRequest(tableArn('T', '111122223333', 'cn-northwest-1', 'aws-cn')));
  });

  it('uses a table ARN as is, even in another account', () => {
    const arn = tableArn('Remote', '999988887777', 'us-west-2');
    expect(resolve('dynamodb:GetItem', { tableName: arn })).toEqual(fromRequest(arn));
  });

  it('ignores a malformed record ARN and builds from the request', () => {
    // panther fixture: resources[].ARN "arn::::table/table"
    const resources = [
      { accountId: '123456789012', type: 'AWS::DynamoDB::Table', arn: 'arn::::table/table' },
    ];
    expect(
      resolve('dynamodb:DescribeTable', { tableName: 'table' }, { resources, region: 'us-west-2' }),
    ).toEqual(fromRequest(tableArn('table', '111122223333', 'us-west-2')));
  });

  it('prefers a well-formed record ARN', () => {
    const resources = [{ type: 'AWS::DynamoDB::Table', arn: tableArn('FromRecord') }];
    expect(resolve('dynamodb:GetItem', { tableName: 'FromRecord' }, { resources })).toEqual(
      fromRecord(tableArn('FromRecord')),
    );
  });

  it('falls back on hostile table names', () => {
    expect(resolve('dynamodb:GetItem', { tableName: 'Orders*' })).toEqual(UNRESOLVED);
    expect(resolve('dynamodb:GetItem', { tableName: 'a/b' })).toEqual(UNRESOLVED);
    expect(
      resolve('dynamodb:GetItem', { tableName: 'arn:aws:dynamodb:us-east-1:111122223333:table/*' }),
    ).toEqual(UNRESOLVED);
    expect(resolve('dynamodb:GetItem', { key: {} })).toEqual(UNRESOLVED);
  });
});

describe('DynamoDB indexes and streams', () => {
  it('resolves a Query on an index to the index, not the whole table', () => {
    const params = { tableName: 'Orders', indexName: 'byCustomer', keyConditionExpression: 'c = :c' };
    expect(resolve('dynamodb:Query', params)).toEqual(fromRequest(`${tableArn('Orders')}/index/byCustomer`));
  });

  it('drops the recorded table when the request names an index', () => {
    const resources = [{ type: 'AWS::DynamoDB::Table', arn: tableArn('Orders') }];
    const params = { tableName: 'Orders', indexName: 'byCustomer' };
    expect(resolve('dynamodb:Query', params, { resources })).toEqual(
      fromRequest(`${tableArn('Orders')}/index/byCustomer`),
    );
  });

  it('resolves a Query without an index to the table', () => {
    expect(resolve('dynamodb:Scan', { tableName: 'Orders' })).toEqual(fromRequest(tableArn('Orders')));
  });

  it('uses streamArn for stream actions', () => {
    const stream = `${tableArn('Orders')}/stream/2024-05-20T20:51:10.252`;
    expect(resolve('dynamodb:DescribeStream', { streamArn: stream })).toEqual(fromRequest(stream));
    expect(
      resolve('dynamodb:GetShardIterator', {
        streamArn: stream,
        shardId: 'shardId-1',
        shardIteratorType: 'LATEST',
      }),
    ).toEqual(fromRequest(stream));
  });

  it('reads the stream ARN that prefixes a shard iterator', () => {
    const stream = `${tableArn('Forum')}/stream/2015-05-20T20:51:10.252`;
    const iterator = `${stream}|1|AAAAAAAAAAEvJp6D+zaQ...`;
    expect(resolve('dynamodb:GetRecords', { shardIterator: iterator })).toEqual(fromRequest(stream));
    expect(resolve('dynamodb:GetRecords', null)).toEqual(UNRESOLVED);
  });

  it('tags a stream or a table depending on resourceArn', () => {
    const stream = `${tableArn('Orders')}/stream/2024-05-20T20:51:10.252`;
    expect(resolve('dynamodb:TagResource', { resourceArn: stream, tags: [] })).toEqual(fromRequest(stream));
    expect(resolve('dynamodb:TagResource', { resourceArn: tableArn('Orders') })).toEqual(
      fromRequest(tableArn('Orders')),
    );
  });
});

describe('DynamoDB batch and transaction calls', () => {
  it('takes every table of BatchGetItem requestItems, sorted', () => {
    const params = { requestItems: { Users: { keys: [{}] }, Orders: { keys: [{}] } } };
    expect(resolve('dynamodb:BatchGetItem', params)).toEqual(
      fromRequest(tableArn('Orders'), tableArn('Users')),
    );
  });

  it('takes every table of BatchWriteItem, including table ARNs', () => {
    const remote = tableArn('Audit', '999988887777');
    const params = { requestItems: { Events: [{ putRequest: {} }], [remote]: [{ deleteRequest: {} }] } };
    expect(resolve('dynamodb:BatchWriteItem', params)).toEqual(fromRequest(tableArn('Events'), remote));
  });

  it('gives up on BatchWriteItem when any table name is hostile', () => {
    const params = { requestItems: { Events: [], 'Ev*': [] } };
    expect(resolve('dynamodb:BatchWriteItem', params)).toEqual(UNRESOLVED);
  });

  it('assigns TransactWriteItems tables to the operation done on them', () => {
    const params = {
      transactItems: [
        { put: { tableName: 'Orders', item: {} } },
        { update: { tableName: 'Inventory', key: {}, updateExpression: 'SET n = n - :one' } },
        { conditionCheck: { tableName: 'Customers', key: {}, conditionExpression: 'attribute_exists(pk)' } },
        { put: { tableName: 'Ledger', item: {} } },
      ],
      clientRequestToken: 't-1',
    };
    // The record lists all four tables; each action must get only its own.
    const resources = ['Orders', 'Inventory', 'Customers', 'Ledger'].map((name) => ({
      type: 'AWS::DynamoDB::Table',
      arn: tableArn(name),
    }));
    expect(resolve('dynamodb:PutItem', params, { resources })).toEqual(
      fromRequest(tableArn('Ledger'), tableArn('Orders')),
    );
    expect(resolve('dynamodb:UpdateItem', params, { resources })).toEqual(fromRequest(tableArn('Inventory')));
    expect(resolve('dynamodb:ConditionCheckItem', params, { resources })).toEqual(
      fromRequest(tableArn('Customers')),
    );
    expect(resolve('dynamodb:DeleteItem', params, { resources })).toEqual(UNRESOLVED);
  });

  it('reads TransactGetItems for GetItem', () => {
    const params = {
      transactItems: [{ get: { tableName: 'A', key: {} } }, { get: { tableName: 'B', key: {} } }],
    };
    expect(resolve('dynamodb:GetItem', params)).toEqual(fromRequest(tableArn('A'), tableArn('B')));
  });

  it('gives up past the resource bound', () => {
    const requestItems = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`T${i}`, {}]));
    expect(resolve('dynamodb:BatchGetItem', { requestItems })).toEqual(UNRESOLVED);
  });
});

describe('DynamoDB transactions as CloudTrail logs them (requestItems[] with an operation)', () => {
  const inEu = { region: 'eu-west-1' };
  const euTable = (name: string) => tableArn(name, '111122223333', 'eu-west-1');
  const hints = { resourceVars: { TableName: '${requestItems[].tableName}' } };
  const params = {
    requestItems: [
      { operation: 'Put', tableName: 'orders', key: { pk: 'HIDDEN_DUE_TO_SECURITY_REASONS' } },
      { operation: 'Update', tableName: 'inventory', key: { pk: 'HIDDEN_DUE_TO_SECURITY_REASONS' } },
      { operation: 'ConditionCheck', tableName: 'customers', key: { pk: 'HIDDEN_DUE_TO_SECURITY_REASONS' } },
    ],
    clientRequestToken: 'c-1',
  };
  // The record lists every table of the transaction, whatever was done to each.
  const resources = ['orders', 'inventory', 'customers'].map((name) => ({
    accountId: '111122223333',
    type: 'AWS::DynamoDB::Table',
    arn: euTable(name),
  }));
  const ctx = { ...inEu, eventName: 'TransactWriteItems', resources };

  it('gives each item action only the tables of its own operation', () => {
    expect(resolve('dynamodb:PutItem', params, ctx, hints)).toEqual(fromRequest(euTable('orders')));
    expect(resolve('dynamodb:UpdateItem', params, ctx, hints)).toEqual(fromRequest(euTable('inventory')));
    expect(resolve('dynamodb:ConditionCheckItem', params, ctx, hints)).toEqual(
      fromRequest(euTable('customers')),
    );
  });

  it('leaves an item action none of whose items it performed unresolved', () => {
    expect(resolve('dynamodb:DeleteItem', params, ctx, hints)).toEqual(UNRESOLVED);
  });

  it('collects every table of the operation, including table ARNs in other accounts', () => {
    const remote = tableArn('audit', '999988887777', 'eu-west-1');
    const many = {
      requestItems: [
        { operation: 'Delete', tableName: 'orders' },
        { operation: 'Put', tableName: remote },
        { operation: 'Delete', tableName: 'sessions' },
        { operation: 'Put', tableName: 'orders' },
      ],
    };
    expect(resolve('dynamodb:DeleteItem', many, ctx, hints)).toEqual(
      fromRequest(euTable('orders'), euTable('sessions')),
    );
    expect(resolve('dynamodb:PutItem', many, ctx, hints)).toEqual(fromRequest(euTable('orders'), remote));
  });

  it('rejects a hostile table name in an item of the operation', () => {
    const hostile = { requestItems: [{ operation: 'Put', tableName: 'orders*' }] };
    expect(resolve('dynamodb:PutItem', hostile, ctx, hints)).toEqual(UNRESOLVED);
  });

  it('reads TransactGetItems items as Gets, with or without an operation field', () => {
    const gets = { requestItems: [{ operation: 'Get', tableName: 'orders' }, { tableName: 'customers' }] };
    expect(resolve('dynamodb:GetItem', gets, { ...ctx, eventName: 'TransactGetItems' }, hints)).toEqual(
      fromRequest(euTable('customers'), euTable('orders')),
    );
  });

  it('keeps every listed table for BatchWriteItem, which CloudTrail logs in the same shape', () => {
    const batch = {
      requestItems: [
        { operation: 'Put', tableName: 'orders' },
        { operation: 'Delete', tableName: 'inventory' },
      ],
    };
    expect(resolve('dynamodb:BatchWriteItem', batch, { ...inEu, eventName: 'BatchWriteItem' })).toEqual(
      fromRequest(euTable('inventory'), euTable('orders')),
    );
    const listed = { ...inEu, eventName: 'BatchWriteItem', resources: resources.slice(0, 2) };
    expect(resolve('dynamodb:BatchWriteItem', batch, listed)).toEqual(
      fromRecord(euTable('inventory'), euTable('orders')),
    );
  });

  it('still reads a single-item call through the record', () => {
    const single = { tableName: 'orders', key: {} };
    const listed = { ...inEu, resources: [{ type: 'AWS::DynamoDB::Table', arn: euTable('orders') }] };
    expect(resolve('dynamodb:PutItem', single, listed)).toEqual(fromRecord(euTable('orders')));
  });
});
