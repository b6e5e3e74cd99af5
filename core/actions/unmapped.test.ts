import { describe, expect, it } from 'vitest';
import { ACTION_MAP_DATA } from '../data/action-map.generated.js';
import { lookupAction } from './index.js';
import { mapCall } from './test-support.js';

describe('events that cannot be mapped', () => {
  it.each([
    ['billingconsole.amazonaws.com', 'GetContactInformation', 'unknown event source'],
    ['example.com', 'GetObject', 'unknown event source'],
    ['signin.amazonaws.com', 'ConsoleLogin', 'no table entry'],
    ['iam.amazonaws.com', 'NotCreateUser', 'no table entry'],
    ['ec2.amazonaws.com', 'PutBucketVersioning', 'no table entry'],
    ['s3.amazonaws.com', '', 'no table entry'],
    ['s3.amazonaws.com', 'x'.repeat(500), 'no table entry'],
    // map.json knows the call but only names actions IAM no longer has (CloudHSM Classic).
    ['cloudhsm.amazonaws.com', 'DescribeHapg', 'action not in IAM reference'],
  ])('%s %s → %s', (source, name, reason) => {
    expect(mapCall(source, name)).toEqual({ kind: 'unmapped', reason });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'does not read prototype keys (%s)',
    (name) => {
      expect(mapCall('s3.amazonaws.com', name).kind).toBe('unmapped');
    },
  );

  it('falls back to prefix:eventName only when IAM has exactly that action', () => {
    // bedrock is newer than the map.json snapshot: the fallback is what maps it.
    expect(ACTION_MAP_DATA.services.bedrock).toBeUndefined();
    expect(lookupAction('bedrock:InvokeModel')).toBeDefined();

    const invoke = mapCall('bedrock.amazonaws.com', 'InvokeModel');
    const made_up = mapCall('bedrock.amazonaws.com', 'InvokeModelPlease');

    expect(invoke.kind === 'mapped' && invoke.targets.map((t) => t.info.action)).toEqual([
      'bedrock:InvokeModel',
    ]);
    expect(made_up).toEqual({ kind: 'unmapped', reason: 'no table entry' });
  });

  it('answers repeated fixed lookups with the same frozen result', () => {
    const first = mapCall('iam.amazonaws.com', 'ListRoles');
    const second = mapCall('iam.amazonaws.com', 'ListRoles');

    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
