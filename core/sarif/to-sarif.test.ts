import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { AnalysisDocument, PrincipalRow, UsageRow } from '../analysis/document.js';
import { toUsageRow } from '../analysis/rows.js';
import { RISK_CATEGORIES } from '../risk/index.js';
import { usageAggregate } from '../usage/test-support.js';
import { type SarifLog, toSarif } from './index.js';

const APP = 'arn:aws:iam::111122223333:role/app';
const SLR = 'arn:aws:iam::111122223333:role/aws-service-role/ops.amazonaws.com/AWSServiceRoleForOps';
const T1 = '2024-05-01T10:00:00.000Z';
const T2 = '2024-05-02T11:30:00.000Z';
const OPTIONS = { analysisUri: 'artifacts/analysis.json', toolVersion: '1.2.3' };

/** One successful direct call at T1, serialised as the analysis document holds it, unless overridden. */
function row(principal: string, action: string, resource: string, over: Partial<UsageRow> = {}): UsageRow {
  const once = usageAggregate(principal, action, resource, { origin: 'record', lastSeen: Date.parse(T1) });
  return { ...toUsageRow(once), ...over };
}

function principal(arn: string, draftable: boolean): PrincipalRow {
  return {
    arn,
    kind: 'role',
    accountId: '111122223333',
    partition: 'aws',
    flags: draftable ? [] : ['service-linked'],
    draftable,
    events: 1,
    success: 1,
    denied: 0,
    errors: 0,
    notAGrant: 0,
    unmapped: 0,
    crossAccount: 0,
    firstSeen: T1,
    lastSeen: T2,
  };
}

const HOSTILE = 'arn:aws:s3:::b/[click](https://evil.example)<script>alert(1)</script>\n**bold**';

function analysis(usage: UsageRow[]): AnalysisDocument {
  return {
    format: 'iamlp-analysis',
    version: 1,
    generator: { name: 'iamlp', version: '1.2.3', iamReference: 'test' },
    filter: { start: null, end: null },
    span: { first: T1, last: T2 },
    totals: {
      records: 10,
      calls: 8,
      duplicates: 0,
      outOfWindow: 0,
      quarantined: 2,
      success: 6,
      denied: 2,
      errors: 0,
      notAGrant: 0,
      unmapped: 3,
    },
    quarantine: {
      byCode: { INVALID_JSON: 2, TOO_LARGE: 0 },
      samples: [
        { source: 'logs/a.json', line: 7, code: 'INVALID_JSON', reason: 'not JSON' },
        { source: 'logs/[b].json', code: 'INVALID_JSON', reason: 'not JSON' },
      ],
    },
    notAGrant: {},
    unmapped: [
      { eventSource: 'newsvc.amazonaws.com', eventName: 'DoThing', count: 3, reason: 'unknown service' },
    ],
    principals: [principal(APP, true), principal(SLR, false)],
    usage,
  };
}

const USAGE: UsageRow[] = [
  row(APP, 'iam:PassRole', 'arn:aws:iam::111122223333:role/fn', { calls: 2 }),
  row(APP, 'iam:PassRole', 'arn:aws:iam::111122223333:role/fn', {
    window: '2024-05-02',
    firstSeen: T2,
    lastSeen: T2,
  }),
  row(APP, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:q'),
  row(APP, 'dynamodb:GetItem', '*', { origin: 'unresolved', calls: 4 }),
  row(APP, 'iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/bob', { calls: 0, denied: 2 }),
  row(APP, 'sqs:DeleteQueue', HOSTILE, { calls: 0, denied: 1 }),
  row(SLR, 'iam:PutRolePolicy', 'arn:aws:iam::111122223333:role/x'),
];

function validator() {
  const schema = JSON.parse(
    readFileSync(new URL('../../test/schemas/sarif-2.1.0.json', import.meta.url), 'utf8'),
  );
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin.
  addFormats.default(ajv);
  return ajv.compile(schema);
}

function results(log: SarifLog) {
  return log.runs[0]?.results ?? [];
}

describe('toSarif', () => {
  it('produces a log that the OASIS SARIF 2.1.0 schema accepts', () => {
    const validate = validator();
    const log = toSarif(analysis(USAGE), OPTIONS);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(toSarif(analysis([]), OPTIONS))).toBe(true);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('describes the tool and one rule per risk category plus the coverage rules', () => {
    const driver = toSarif(analysis([]), OPTIONS).runs[0]?.tool.driver;
    expect(driver?.name).toBe('iamlp');
    expect(driver?.semanticVersion).toBe('1.2.3');
    expect(driver?.rules.map((r) => r.id)).toEqual([
      'IAMLP002',
      'IAMLP003',
      'IAMLP004',
      'IAMLP005',
      ...RISK_CATEGORIES.map((_, i) => `IAMLP${100 + i}`),
    ]);
    for (const rule of driver?.rules ?? []) {
      expect(rule.help.markdown).toMatch(/^\*\*/);
      expect(rule.properties.tags.length).toBeGreaterThan(0);
    }
  });

  it('reports high-risk use, "*" fallbacks, denied calls, unmapped events and quarantine, in order', () => {
    const log = toSarif(analysis(USAGE), OPTIONS);
    const summary = results(log).map((r) => [
      r.ruleId,
      r.level,
      r.locations[0]?.logicalLocations?.[0]?.name ?? '',
    ]);
    expect(summary).toEqual([
      ['IAMLP002', 'warning', 'app'],
      ['IAMLP003', 'note', ''],
      ['IAMLP004', 'note', 'app'],
      ['IAMLP004', 'note', 'app'],
      ['IAMLP005', 'warning', ''],
      ['IAMLP100', 'error', 'app'],
    ]);
    const passRole = results(log).at(-1);
    expect(passRole?.message.text).toBe(
      'Principal arn:aws:iam::111122223333:role/app used high-risk action iam:PassRole on ' +
        'arn:aws:iam::111122223333:role/fn: 3 successful call(s), first seen 2024-05-01T10:00:00.000Z, ' +
        'last seen 2024-05-02T11:30:00.000Z. Privilege escalation (high): iam:PassRole lets the caller hand a ' +
        "role to a service and act with that role's permissions.",
    );
    expect(passRole?.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'artifacts/analysis.json' }, region: { startLine: 1 } },
        logicalLocations: [{ name: 'app', fullyQualifiedName: APP, kind: 'member' }],
      },
    ]);
    expect(results(log)[4]?.message.text).toBe(
      '2 record(s) quarantined with code INVALID_JSON; for example logs/a.json:7, logs/\\[b\\].json.',
    );
  });

  it('covers only the requested principals, and by default skips those iamlp does not draft for', () => {
    const ruleIds = (log: SarifLog) => results(log).map((r) => r.ruleId);
    const names = results(toSarif(analysis(USAGE), OPTIONS)).map(
      (r) => r.locations[0]?.logicalLocations?.[0]?.name,
    );
    expect(names).not.toContain('AWSServiceRoleForOps');
    const slrOnly = toSarif(analysis(USAGE), { ...OPTIONS, principals: [SLR] });
    expect(ruleIds(slrOnly)).toEqual(['IAMLP003', 'IAMLP005', 'IAMLP100']);
    expect(results(slrOnly)[2]?.level).toBe('error');
  });

  it('keeps fingerprints stable across runs and input order, and distinct between findings', () => {
    const a = toSarif(analysis(USAGE), OPTIONS);
    const b = toSarif(analysis([...USAGE].reverse()), OPTIONS);
    expect(b).toEqual(a);
    const fingerprints = results(a).map((r) => `${r.ruleId} ${r.partialFingerprints['iamlpFinding/v1']}`);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    for (const f of fingerprints) expect(f).toMatch(/^IAMLP\d{3} [0-9a-f]{16}$/);
    expect(results(a).at(-1)?.partialFingerprints['iamlpFinding/v1']).toBe(
      results(toSarif(analysis(USAGE.slice(0, 2)), OPTIONS)).at(-1)?.partialFingerprints['iamlpFinding/v1'],
    );
  });

  it('keeps record content out of Markdown and neutralises links and control characters in text', () => {
    const log = toSarif(analysis(USAGE), OPTIONS);
    const hostile = results(log).find((r) => r.message.text.includes('sqs:DeleteQueue'));
    expect(hostile?.message.markdown).toBeUndefined();
    expect(hostile?.message.text).toContain('\\[click\\](https://evil.example)');
    expect(hostile?.message.text).not.toMatch(/[\n\r]/);
    const markdown = JSON.stringify(log.runs[0]?.tool.driver.rules.map((r) => r.help.markdown));
    expect(markdown).not.toContain('evil');
  });

  it('bounds record-derived values', () => {
    const long = `arn:aws:s3:::b/${'k'.repeat(100_000)}`;
    const log = toSarif(analysis([row(APP, 's3:GetObject', long)]), OPTIONS);
    const text = results(log).find((r) => r.ruleId === 'IAMLP103')?.message.text ?? '';
    expect(text.length).toBeLessThan(1000);
    expect(text).toContain('…');
  });
});
