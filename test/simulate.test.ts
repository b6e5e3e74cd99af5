import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main, reportError } from '../cli/main.js';
import { type FakeIam, startFakeIam } from '../cli/simulate/fake-iam-test-harness.js';
import { type AnalysisDocument, AnalysisDocumentSchema } from '../core/analysis/document.js';
import { fromUsageRow } from '../core/analysis/rows.js';
import { parsePolicy } from '../core/evaluate/index.js';
import { draftPolicy } from '../core/policy/index.js';
import { simulate } from '../core/simulate/index.js';

const root = resolve(import.meta.dirname, '..');
const ROLE = 'arn:aws:iam::111122223333:role/service/app/orders-api';
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
let dir: string;
let edge: string;
let proposal: string;
let admin: string;

/**
 * Runs the CLI in this process (the source, not dist/, so the suite needs no build) and captures its output;
 * errors go through the same reporter as bin.ts.
 */
async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args).catch(reportError);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** `iamlp simulate` for the orders-api role of the edge fixtures, with more arguments. */
function simulateRole(args: readonly string[]) {
  return run(['simulate', '-a', edge, '-p', ROLE, ...args]);
}

async function json(path: string, value: unknown): Promise<string> {
  await writeFile(path, JSON.stringify(value));
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iamlp-simulate-'));
  edge = join(dir, 'edge.json');
  proposal = join(dir, 'proposal.json');
  admin = await json(join(dir, 'admin.json'), ADMIN);
  expect((await run(['analyze', join(root, 'fixtures/edge'), '-o', edge, '-q'])).code).toBe(0);
  expect((await run(['generate', '-a', edge, '-p', ROLE, '-o', proposal])).code).toBe(0);
});

describe('iamlp simulate', () => {
  it('writes diff.md with the four metrics and no regression for a drafted policy', async () => {
    const out = join(dir, 'diff.md');

    const result = await simulateRole(['--policy', proposal, '--baseline', admin, '-o', out]);

    const md = await readFile(out, 'utf8');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^simulated .*orders-api: \d+ recorded requests, 0 regressions, allowed actions [\d,]+ → \d+; wrote /,
    );
    for (const heading of [
      '## 1. Allowed action delta',
      '## 2. Resource concreteness',
      '## 3. AccessDenied change',
      '## 4. High-risk permission reductions',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('> **No regression:**');
    expect(md).not.toContain('<script>');
  });

  it('writes the same content as JSON, and lists a regression', async () => {
    const narrow = await json(join(dir, 'narrow.json'), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }],
    });
    const out = join(dir, 'diff.json');

    const result = await simulateRole([
      '--policy',
      narrow,
      '--baseline',
      proposal,
      '--format',
      'json',
      '-o',
      out,
      '--fail-on-regression',
    ]);

    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(result.code).toBe(1);
    expect(Object.keys(report.metrics)).toEqual([
      'allowedActionDelta',
      'resourceConcretenessRatio',
      'accessDeniedChange',
      'highRiskReductions',
    ]);
    expect(report.regressions).toContainEqual(
      expect.objectContaining({
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::example-orders-111122223333',
        calls: 1,
      }),
    );
    expect(report.regressions.some((r: { action: string }) => r.action.startsWith('dynamodb:'))).toBe(false);
  });

  it('takes SCP levels, a boundary, context and cases from --cases', async () => {
    const cases = join(root, 'fixtures/evaluation/simulate/cases.json');
    const out = join(dir, 'cases.md');

    const result = await simulateRole([
      '--policy',
      proposal,
      '--baseline',
      admin,
      '--cases',
      cases,
      '-o',
      out,
    ]);

    const md = await readFile(out, 'utf8');
    expect(result.code).toBe(0);
    expect(md).toContain('2 cases, 1 with an unexpected outcome');
    expect(md).toContain('| stop the audit trail | deny | ExplicitDeny | ExplicitDeny | ok |');
    expect(md).toContain(
      '| read an order outside the invoices prefix | allow | Allow | ImplicitDeny | **unexpected** |',
    );
    // The recorded StopLogging call succeeded, but the SCP denies it before and after: a baseline gap, no regression.
    expect(md).toContain('- Successful calls the baseline itself denies: 1 (the baseline misses a grant');
    expect(md).toContain('> **No regression:**');
  });

  it('takes the baseline from an authorization details snapshot with --granted', async () => {
    const snapshot = join(root, 'fixtures/evaluation/simulate/authorization-details.json');
    const out = join(dir, 'granted.json');

    const result = await simulateRole([
      '--policy',
      proposal,
      '--granted',
      snapshot,
      '--format',
      'json',
      '-o',
      out,
    ]);

    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(result.code).toBe(0);
    expect(report.baseline).toBe('authorization-details.json (2 policies)');
    expect(report.metrics.accessDeniedChange.baselineGaps).toBeGreaterThan(0);
    expect(report.metrics.allowedActionDelta.removed.every((a: string) => /^(s3|dynamodb):/.test(a))).toBe(
      true,
    );
  });

  it.each([
    [
      ['--baseline', 'x.json'],
      2,
      "simulate: --policy PROPOSED.json is required (run 'iamlp simulate --help')",
    ],
    [
      ['--policy', 'p.json', '--baseline', 'a', '--granted', 'b'],
      2,
      'simulate: --baseline and --granted are two baselines; give one',
    ],
    [['--policy', 'p.json', '--format', 'html'], 2, 'simulate: --format: expected one of md, json'],
    [
      ['--policy', 'p.json', '--endpoint', 'http://x'],
      2,
      'simulate: --region and --endpoint only apply with --aws',
    ],
  ])('rejects a bad command line %j with exit %i', async (args, code, message) => {
    const result = await simulateRole([...args]);

    expect(result.code).toBe(code);
    expect(result.stderr).toBe(`iamlp: ${message}\n`);
  });

  it('names the file and the problem of a bad policy on one line, exit 1', async () => {
    const bad = await json(join(dir, 'bad.json'), {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringEqual: { 'aws:SourceIp': 'x' } },
        },
      ],
    });
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"Statement": [\n  {"Effect": "Allow",,}]}');

    const results = [
      await simulateRole(['--policy', bad]),
      await simulateRole(['--policy', broken]),
      await simulateRole(['--policy', join(dir, 'missing.json')]),
    ];

    expect(results.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(results[0]?.stderr).toBe(
      `iamlp: ${bad}: Statement[0].Condition: unknown operator 'StringEqual'\n`,
    );
    expect(results[1]?.stderr).toMatch(new RegExp(`^iamlp: ${broken}:2:\\d+: invalid JSON \\(.+\\)\\n$`));
    expect(results[2]?.stderr).toBe(`iamlp: ${join(dir, 'missing.json')}: proposed policy not found\n`);
  });

  it('prints its help', async () => {
    const result = await run(['simulate', '--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: iamlp simulate --policy PROPOSED.json');
  });
});

describe('drafted policies on the real fixtures', () => {
  it('cause no regression for any draftable principal', async () => {
    const out = join(dir, 'real.json');
    expect((await run(['analyze', join(root, 'fixtures/real'), '-o', out, '-q'])).code).toBe(0);
    const doc: AnalysisDocument = AnalysisDocumentSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    const principals = doc.principals.filter((p) => p.draftable && p.success > 0);

    const regressions = principals.flatMap((p) => {
      const usage = doc.usage.filter((r) => r.principal === p.arn);
      const draft = draftPolicy(usage.map(fromUsageRow), p.arn);
      const parsed = draft.documents.map((d, i) => parsePolicy(d, `${i}`));
      const policies = parsed.flatMap((r) => (r.ok ? [r.policy] : []));
      expect(policies.length).toBe(draft.documents.length);
      return simulate({ principal: p.arn, usage, proposed: { label: 'draft', policies } }).regressions;
    });

    expect(principals.length).toBeGreaterThan(100);
    expect(regressions).toEqual([]);
  });
});

describe('iamlp simulate --aws', () => {
  let iam: FakeIam;
  beforeAll(async () => {
    iam = await startFakeIam();
  });
  afterAll(async () => {
    await iam.close();
  });

  it('adds the cross-check to diff.md through the command line', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const out = join(dir, 'aws.md');
    try {
      const result = await simulateRole(['--policy', proposal, '--aws', '--endpoint', iam.url, '-o', out]);

      const md = await readFile(out, 'utf8');
      expect(result.code).toBe(0);
      // The fake IAM allows what the local evaluator denies (3 recorded denials) and denies the 3 s3:PutObject rows.
      expect(result.stderr).toMatch(/, 6 disagreements with IAM; wrote /);
      expect(md).toContain('## Cross-check with IAM SimulateCustomPolicy');
      expect(md).toMatch(
        /\| `s3:PutObject` \| `arn:aws:s3:::example-orders-111122223333\/invoices\/2025\/03\/INV-100232.pdf` \| Allow \| ImplicitDeny \|/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('reports an IAM error on one line and exits 1', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    const denied = await json(join(dir, 'denied.json'), {
      Version: '2012-10-17',
      Statement: [{ Sid: 'NotAllowedToSimulate', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
    try {
      const result = await simulateRole(['--policy', denied, '--aws', '--endpoint', iam.url, '-o', '-']);

      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'iamlp: --aws: IAM SimulateCustomPolicy failed: AccessDenied: User is not authorized to perform: iam:SimulateCustomPolicy\n',
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
