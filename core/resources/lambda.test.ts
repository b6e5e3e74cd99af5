import { describe, expect, it } from 'vitest';
import { fromRecord, fromRequest, resolve, UNRESOLVED } from './test-support.js';

const fn = (name: string, account = '111122223333', region = 'us-east-1', partition = 'aws') =>
  `arn:${partition}:lambda:${region}:${account}:function:${name}`;

describe('Lambda functions', () => {
  it('builds the ARN from a plain name', () => {
    const params = {
      functionName: 'stratus-red-team-backdoor-f-func',
      runtime: 'nodejs18.x',
      handler: 'index.test',
    };
    expect(resolve('lambda:CreateFunction', params)).toEqual(
      fromRequest(fn('stratus-red-team-backdoor-f-func')),
    );
  });

  it('uses a full ARN as given (UpdateFunctionCode20150331v2 shape)', () => {
    const params = {
      fullyQualifiedArn: { arnPrefix: { partition: 'aws', region: 'us-east-1', account: '123837392027' } },
      functionName: 'arn:aws:lambda:us-east-1:123837392027:function:stratus-red-team-olc-func-xhfgzaowxc',
      publish: true,
    };
    expect(resolve('lambda:UpdateFunctionCode', params)).toEqual(
      fromRequest(fn('stratus-red-team-olc-func-xhfgzaowxc', '123837392027')),
    );
  });

  it('takes the account of a partial ARN', () => {
    expect(resolve('lambda:InvokeFunction', { functionName: '999988887777:function:shared' })).toEqual(
      fromRequest(fn('shared', '999988887777')),
    );
  });

  it('takes region and partition from a full ARN in another region or partition', () => {
    const arn = fn('gov-fn', '111122223333', 'us-gov-west-1', 'aws-us-gov');
    expect(
      resolve(
        'lambda:GetFunction',
        { functionName: arn },
        { partition: 'aws-us-gov', region: 'us-gov-east-1' },
      ),
    ).toEqual(fromRequest(arn));
  });

  it('produces the qualified ARN for an alias or version in the name', () => {
    expect(resolve('lambda:InvokeFunction', { functionName: 'checkout:prod' })).toEqual(
      fromRequest(fn('checkout:prod')),
    );
    expect(resolve('lambda:InvokeFunction', { functionName: `${fn('checkout')}:7` })).toEqual(
      fromRequest(fn('checkout:7')),
    );
    expect(
      resolve('lambda:InvokeFunction', { functionName: '111122223333:function:checkout:$LATEST' }),
    ).toEqual(fromRequest(fn('checkout:$LATEST')));
  });

  it('produces the qualified ARN for a qualifier parameter', () => {
    expect(resolve('lambda:GetFunction', { functionName: 'checkout', qualifier: '12' })).toEqual(
      fromRequest(fn('checkout:12')),
    );
    expect(resolve('lambda:GetFunction', { functionName: 'checkout', qualifier: '' })).toEqual(
      fromRequest(fn('checkout')),
    );
  });

  it('prefers the request over an unqualified record when a qualifier was used', () => {
    const resources = [{ type: 'AWS::Lambda::Function', arn: fn('checkout') }];
    expect(
      resolve('lambda:InvokeFunction', { functionName: 'checkout', qualifier: 'live' }, { resources }),
    ).toEqual(fromRequest(fn('checkout:live')));
    expect(resolve('lambda:InvokeFunction', { functionName: 'checkout' }, { resources })).toEqual(
      fromRecord(fn('checkout')),
    );
  });

  it('uses the record for a qualified function too', () => {
    const resources = [{ type: 'AWS::Lambda::Function', arn: fn('checkout:live') }];
    expect(resolve('lambda:InvokeFunction', { functionName: 'other' }, { resources })).toEqual(
      fromRecord(fn('checkout:live')),
    );
  });

  it('falls back on malformed or hostile names', () => {
    expect(resolve('lambda:InvokeFunction', { functionName: 'a:b:c:d' })).toEqual(UNRESOLVED);
    expect(resolve('lambda:InvokeFunction', { functionName: 'prod-*' })).toEqual(UNRESOLVED);
    expect(resolve('lambda:InvokeFunction', { functionName: 'f', qualifier: '*' })).toEqual(UNRESOLVED);
    expect(resolve('lambda:InvokeFunction', { functionName: 'f/../g' })).toEqual(UNRESOLVED);
    expect(resolve('lambda:InvokeFunction', {})).toEqual(UNRESOLVED);
  });
});
