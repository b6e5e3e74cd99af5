import { describe, expect, it } from 'vitest';
import { allActions, lookupAction } from '../actions/reference-data.js';
import { CURATED_RISKS } from './catalog.js';
import { highRiskActions, RISK_CATEGORIES, RISK_SEVERITIES, riskOf } from './index.js';

const curated = RISK_CATEGORIES.flatMap((category) =>
  CURATED_RISKS[category].map((entry) => ({ ...entry, category })),
);

describe('curated lists', () => {
  it('name only actions that exist in the IAM reference data, in canonical casing', () => {
    const wrong = curated.filter((e) => lookupAction(e.action)?.action !== e.action).map((e) => e.action);
    expect(wrong).toEqual([]);
  });

  it('list every action once across all categories', () => {
    const keys = curated.map((e) => e.action.toLowerCase());
    const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(duplicates).toEqual([]);
  });

  it('give every entry a one-sentence reason', () => {
    const bad = curated.filter((e) => !/^[^\s].{15,}[^.]\.$/.test(e.reason) || e.reason.includes('. '));
    expect(bad.map((e) => e.action)).toEqual([]);
  });

  it('contain no List-level action: enumerating is not high-risk on its own', () => {
    const lists = curated.filter((e) => lookupAction(e.action)?.accessLevel === 'List').map((e) => e.action);
    expect(lists).toEqual([]);
  });

  it('have entries in every category', () => {
    for (const category of RISK_CATEGORIES) expect(CURATED_RISKS[category].length).toBeGreaterThan(0);
  });
});

describe('riskOf', () => {
  it.each([
    ['cloudtrail:StopLogging', 'defense-evasion', 'critical'],
    ['cloudtrail:DeleteTrail', 'defense-evasion', 'critical'],
    ['iam:PassRole', 'privilege-escalation', 'high'],
    ['secretsmanager:GetSecretValue', 'credentials-exposure', 'high'],
    ['s3:PutBucketPolicy', 'resource-exposure', 'high'],
    ['kms:ScheduleKeyDeletion', 'destructive', 'critical'],
    ['iam:CreateAccessKey', 'credentials-exposure', 'critical'],
  ])('classifies %s as %s (%s)', (action, category, severity) => {
    const entry = riskOf(action);
    expect(entry).toMatchObject({ action, category, severity, origin: 'curated' });
  });

  it('does not flag read or list actions that are not curated', () => {
    expect(riskOf('s3:ListAllMyBuckets')).toBeUndefined();
    expect(riskOf('ec2:DescribeInstances')).toBeUndefined();
    expect(riskOf('sts:GetCallerIdentity')).toBeUndefined();
  });

  it('is case-insensitive and returns the canonical casing', () => {
    expect(riskOf('CLOUDTRAIL:stoplogging')?.action).toBe('cloudtrail:StopLogging');
    expect(riskOf('Iam:passrole')).toBe(riskOf('iam:PassRole'));
  });

  it('returns undefined for unknown and malformed actions', () => {
    expect(riskOf('iam:NoSuchAction')).toBeUndefined();
    expect(riskOf('')).toBeUndefined();
    expect(riskOf('iam:*')).toBeUndefined();
  });

  it('classifies uncurated Permissions management actions as medium resource exposure', () => {
    const generated = [...allActions()].find(
      (info) => info.accessLevel === 'Permissions management' && riskOf(info.action)?.origin !== 'curated',
    );
    expect(generated).toBeDefined();
    const entry = riskOf(generated?.action ?? '');
    expect(entry).toMatchObject({
      category: 'resource-exposure',
      severity: 'medium',
      origin: 'permissions-management',
    });
    expect(entry?.reason).toMatch(
      /^Permissions management action: can change who has access to \S+ resources/,
    );
  });

  it('lets a curated entry win over the Permissions management rule', () => {
    expect(lookupAction('s3:PutBucketPolicy')?.accessLevel).toBe('Permissions management');
    expect(riskOf('s3:PutBucketPolicy')?.severity).toBe('high');
    // rds-db:connect is a Permissions management action that is curated into another category.
    expect(riskOf('rds-db:connect')?.category).toBe('credentials-exposure');
  });
});

describe('highRiskActions', () => {
  it('includes every curated action and every Permissions management action', () => {
    const listed = new Set(highRiskActions().map((e) => e.action));
    const pm = [...allActions()]
      .filter((i) => i.accessLevel === 'Permissions management')
      .map((i) => i.action);
    for (const action of [...curated.map((e) => e.action), ...pm]) expect(listed).toContain(action);
    expect(listed.size).toBe(highRiskActions().length);
  });

  it('is ordered by category, then severity, then action, and stable across calls', () => {
    const entries = highRiskActions();
    const rank = (e: (typeof entries)[number]) =>
      [RISK_CATEGORIES.indexOf(e.category), RISK_SEVERITIES.indexOf(e.severity)] as const;
    for (let i = 1; i < entries.length; i++) {
      const [prev, cur] = [entries[i - 1], entries[i]];
      if (prev === undefined || cur === undefined) throw new Error('unreachable');
      const [pc, ps] = rank(prev);
      const [cc, cs] = rank(cur);
      expect(pc < cc || (pc === cc && (ps < cs || (ps === cs && prev.action < cur.action)))).toBe(true);
    }
    expect(highRiskActions()).toBe(entries);
  });

  it('returns entries callers cannot mutate', () => {
    const entries = highRiskActions();
    expect(Object.isFrozen(entries)).toBe(true);
    expect(Object.isFrozen(entries[0])).toBe(true);
  });
});
