import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../core/analysis/analyzer.js';
import { computeDrift, type DriftReport } from '../../core/drift/index.js';
import type { UsageAggregate } from '../../core/usage/aggregate.js';
import { DriftResponse } from '../contract.js';
import { SnapshotGrantedSource } from './snapshot-granted-source.js';

const SNAPSHOT = fileURLToPath(new URL('../../fixtures/granted/authorization-details.json', import.meta.url));
const EVENTS = fileURLToPath(
  new URL('../../fixtures/real/grycap-cloudtrail-tracker/events.jsonl.gz', import.meta.url),
);
const ACCOUNT = '974349055189';
const ADMIN = `arn:aws:iam::${ACCOUNT}:user/gmolto`;
const CLOSE = `arn:aws:iam::${ACCOUNT}:user/alucloud34`;
const GROUP = `arn:aws:iam::${ACCOUNT}:user/alucloud28`;
const BOUNDED = `arn:aws:iam::${ACCOUNT}:role/aws-opsworks-service-role`;

let usage: UsageAggregate[];
const source = new SnapshotGrantedSource(SNAPSHOT);

async function drift(principal: string): Promise<DriftReport> {
  const granted = await source.grantedFor(principal);
  expect(granted).toBeDefined();
  return computeDrift(granted, usage, principal);
}

beforeAll(async () => {
  const analyzer = new Analyzer();
  const lines = gunzipSync(await readFile(EVENTS))
    .toString('utf8')
    .split('\n');
  for (const line of lines) if (line.trim() !== '') analyzer.addRecord(JSON.parse(line));
  usage = analyzer.usage();
});

describe('the bundled granted-permissions snapshot against the bundled CloudTrail fixtures', () => {
  it('describes principals that appear in the fixtures, each with successful calls', async () => {
    for (const principal of [ADMIN, CLOSE, GROUP, BOUNDED]) {
      const report = await drift(principal);
      expect(report.counts.used, principal).toBeGreaterThan(0);
      expect(report.granted.caveats.filter((c) => c.includes('matches no action'))).toEqual([]);
    }
  });

  it('shows the AdministratorAccess user as almost entirely unused', async () => {
    const report = await drift(ADMIN);
    expect(report.granted.policies).toEqual([
      { name: 'AdministratorAccess', type: 'managed', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ]);
    expect(report.score).toBeGreaterThan(99);
    expect(report.grantedUnused[0]?.highRisk).toBe(true);
    expect(report.denied.map((d) => d.action)).toEqual(['cloudtrail:GetTrailStatus']);
  });

  it('shows the user whose inline policy follows its usage as close, with one call the policy no longer grants', async () => {
    const report = await drift(CLOSE);
    expect(report.score).toBeLessThan(10);
    expect(report.grantedUnused.map((u) => u.action)).toEqual([
      'rds:RebootDBInstance',
      'rds:DescribeDBClusters',
    ]);
    expect(report.usedNotGranted.map((u) => u.action)).toEqual(['rds:CreateDBInstanceReadReplica']);
  });

  it('gives the student its group’s inline and managed (default version) policies, with their caveats', async () => {
    const report = await drift(GROUP);
    expect(report.granted.policies.map((p) => [p.name, p.type])).toEqual([
      ['alucloud-students/StudentsComputeLab', 'group-inline'],
      ['alucloud-students/StudentsDatabaseLab', 'group-managed'],
    ]);
    expect(report.lastUse.some((u) => u.action === 'rds:CreateDBSnapshot')).toBe(false);
    expect(report.granted.caveats).toHaveLength(2);
    expect(report.counts.usedNotGranted).toBe(0);
  });

  it('limits the service role by its permissions boundary', async () => {
    const report = await drift(BOUNDED);
    expect(report.granted.permissionsBoundary).toBe(
      `arn:aws:iam::${ACCOUNT}:policy/boundaries/OpsWorksBoundary`,
    );
    const granted = new Set(report.lastUse.map((u) => u.action));
    expect(granted.has('ec2:RunInstances')).toBe(true);
    expect(granted.has('rds:CreateDBInstance')).toBe(false);
    expect(granted.has('elasticloadbalancing:CreateLoadBalancer')).toBe(false);
    expect(granted.has('ec2:PurchaseReservedInstancesOffering')).toBe(false);
    expect(report.granted.caveats.at(-1)).toMatch(/^Permissions boundary .* is applied/);
    expect(report.counts.usedNotGranted).toBe(0);
  });

  it('converts to the API contract’s DriftResponse once times become ISO strings', async () => {
    for (const principal of [ADMIN, CLOSE, GROUP, BOUNDED]) {
      const report = await drift(principal);
      const iso = (ms: number) => new Date(ms).toISOString();
      const response = {
        ...report,
        granted: {
          ...report.granted,
          fetchedAt: report.granted.fetchedAt === null ? null : iso(report.granted.fetchedAt),
        },
        usedNotGranted: report.usedNotGranted.map((u) => ({ ...u, lastSeen: iso(u.lastSeen) })),
        denied: report.denied.map((d) => ({ ...d, lastSeen: iso(d.lastSeen) })),
        lastUse: report.lastUse.map((u) => ({
          ...u,
          lastSeen: u.lastSeen === null ? null : iso(u.lastSeen),
        })),
      };
      expect(DriftResponse.parse(response)).toEqual(response);
    }
  });
});
