import { describe, expect, it } from 'vitest';
import { ACTION_MAP_DATA } from '../data/action-map.generated.js';
import { decodeRule, type Rule } from './action-map-data.js';
import { EVENT_OVERRIDES, EXTRA_RULES, isKnownService, lookupAction, templateRequestPaths } from './index.js';

const tableRules: [string, Rule][] = Object.entries(ACTION_MAP_DATA.services).flatMap(([prefix, ops]) =>
  Object.entries(ops).flatMap(([op, rules]) =>
    rules.map((r): [string, Rule] => [`${prefix}:${op}`, decodeRule(r)]),
  ),
);
const handRules: [string, Rule][] = [EVENT_OVERRIDES, EXTRA_RULES].flatMap((table) =>
  Object.entries(table).flatMap(([key, rules]) => rules.map((r): [string, Rule] => [key, r])),
);

describe('the action tables', () => {
  it('holds thousands of operations (guards against an empty derivation)', () => {
    expect(tableRules.length).toBeGreaterThan(10_000);
    expect(ACTION_MAP_DATA.services.s3?.GetBucketAcl).toBeDefined();
  });

  it('only names actions the IAM reference data has, in canonical casing', () => {
    const wrong = [...tableRules, ...handRules]
      .filter(([, rule]) => lookupAction(rule.action)?.action !== rule.action)
      .map(([key, rule]) => `${key} → ${rule.action}`);

    expect(wrong).toEqual([]);
  });

  it('keys hand-written rules by a known prefix and an event name', () => {
    const bad = [...Object.keys(EVENT_OVERRIDES), ...Object.keys(EXTRA_RULES)].filter((key) => {
      const [prefix = '', name = ''] = key.split(':');
      return !isKnownService(prefix) || !/^[A-Z][A-Za-z0-9]+$/.test(name);
    });

    expect(bad).toEqual([]);
  });

  it('only implies iam:PassRole on a role the request names', () => {
    const blind = [...tableRules, ...handRules]
      .filter(([, rule]) => rule.action === 'iam:PassRole')
      .filter(([, rule]) => rule.vars !== undefined || templateRequestPaths(rule.arn ?? '').length === 0)
      .map(([key]) => key);

    expect(blind).toEqual([]);
  });

  it('lists the permissionless calls of map.json', () => {
    expect([...ACTION_MAP_DATA.permissionless].sort()).toEqual([
      'dynamodb:DescribeEndpoints',
      'sts:GetCallerIdentity',
      'sts:GetSessionToken',
    ]);
  });

  it('stays compact', () => {
    expect(JSON.stringify(ACTION_MAP_DATA).length).toBeLessThan(1_500_000);
  });
});
