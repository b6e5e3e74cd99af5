import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalysisDocumentSchema } from '../core/analysis/document.js';
import { runCli } from './helpers/run-cli.js';

const root = resolve(import.meta.dirname, '..');
const edge = join(root, 'fixtures/edge');
let dir: string;
let analysis: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iamlp-cli-'));
  analysis = join(dir, 'analysis.json');
  const run = await runCli(['analyze', '--input', edge, '--out', analysis]);
  expect(run.stderr).toContain('analyzed');
  expect(run.code).toBe(0);
});

/** Every error is exactly one line starting with "iamlp:" and never a stack trace. */
function expectOneLineError(stderr: string, text: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^iamlp: /);
  expect(lines[0]).toContain(text);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('iamlp analyze', () => {
  it('writes a valid, versioned analysis with a summary on stderr', async () => {
    const doc = AnalysisDocumentSchema.parse(JSON.parse(await readFile(analysis, 'utf8')));

    expect(doc.totals.records).toBe(49);
    expect(doc.quarantine.byCode.UNSUPPORTED_EVENT_VERSION).toBe(1);
    expect(
      doc.principals.some((p) => p.arn === 'arn:aws:iam::111122223333:role/service/app/orders-api'),
    ).toBe(true);
  });

  it('reads stdin, gzipped or not', async () => {
    const text = await readFile(join(edge, 'service-calls.jsonl'));
    const out = join(dir, 'stdin.json');

    const plain = await runCli(['analyze', '-', '--out', out, '--quiet'], { stdin: text });
    const plainDoc = JSON.parse(await readFile(out, 'utf8'));
    const zipped = await runCli(['analyze', '-', '--out', out, '--quiet'], { stdin: gzipSync(text) });
    const zippedDoc = JSON.parse(await readFile(out, 'utf8'));

    expect([plain.code, zipped.code]).toEqual([0, 0]);
    expect(plainDoc.totals.records).toBe(13);
    expect(zippedDoc.usage).toEqual(plainDoc.usage);
  });

  it('names a missing input and exits 1', async () => {
    const run = await runCli(['analyze', '--input', join(dir, 'nope.json')]);

    expect(run.code).toBe(1);
    expectOneLineError(run.stderr, 'nope.json: no such file or directory');
  });

  it('writes into a named pipe given as --out instead of replacing it with a file', async () => {
    const fifo = join(dir, 'analysis.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = readFile(fifo, 'utf8');

    const run = await runCli(['analyze', '--input', edge, '--out', fifo, '--quiet']);

    expect(run.code).toBe(0);
    expect(JSON.parse(await reader).totals.records).toBe(49);
    expect((await stat(fifo)).isFIFO()).toBe(true);
  });

  it('names an output it cannot write and exits 1', async () => {
    // The analysis written before is a file, so nothing can be created under it.
    const run = await runCli(['analyze', '--input', edge, '--out', join(analysis, 'nested.json')]);

    expect(run.code).toBe(1);
    expectOneLineError(
      run.stderr,
      `${join(analysis, 'nested.json')}: cannot write (a parent is not a directory)`,
    );
  });

  it('reports a file with invalid JSON by name and line, still analyses the others, and exits 1', async () => {
    const out = join(dir, 'mixed.json');

    const run = await runCli([
      'analyze',
      join(root, 'fixtures/malformed/syntax-error.json'),
      join(edge, 'identities.json'),
      '--out',
      out,
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/syntax-error\.json:42:\d+: invalid JSON/);
    expect(JSON.parse(await readFile(out, 'utf8')).totals.calls).toBe(14);
  });

  it('rejects unknown flags and bad dates with exit code 2', async () => {
    const unknown = await runCli(['analyze', '--input', edge, '--frobnicate']);
    const badDate = await runCli(['analyze', '--input', edge, '--start', 'last tuesday']);

    expect(unknown.code).toBe(2);
    expectOneLineError(unknown.stderr, "Unknown option '--frobnicate'");
    expect(badDate.code).toBe(2);
    expectOneLineError(badDate.stderr, '--start: expected an ISO-8601 date');
  });

  it('validates iamlp.yml and names the bad key', async () => {
    const config = join(dir, 'bad.yml');
    await writeFile(config, 'analyze:\n  inptu: [logs]\n');

    const run = await runCli(['analyze', '--config', config]);

    expect(run.code).toBe(1);
    expectOneLineError(run.stderr, 'bad.yml');
    expect(run.stderr).toContain('inptu');
  });

  it('takes defaults from iamlp.yml in the working directory', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'iamlp-cfg-'));
    await writeFile(
      join(cwd, 'iamlp.yml'),
      `analyze:\n  input: [${JSON.stringify(join(edge, 'identities.json'))}]\n  out: a.json\n`,
    );

    const run = await runCli(['analyze', '--quiet'], { cwd });

    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(join(cwd, 'a.json'), 'utf8')).totals.records).toBe(14);
  });
});

describe('iamlp generate', () => {
  it('exits 2 listing the principals when several could be drafted', async () => {
    const run = await runCli(['generate', '--analysis', analysis]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^iamlp: \d+ draftable principals: choose one with --principal/);
    expect(run.stderr).toContain('arn:aws:iam::111122223333:role/service/app/orders-api');
  });

  it('prints the policy of one principal, chosen by ARN or by unique name', async () => {
    const byArn = await runCli([
      'generate',
      '--analysis',
      analysis,
      '--principal',
      'arn:aws:iam::111122223333:role/service/app/orders-api',
    ]);
    const byName = await runCli(['generate', '--analysis', analysis, '--principal', 'orders-api']);

    expect(byArn.code).toBe(0);
    const policy = JSON.parse(byArn.stdout);
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.length).toBeGreaterThan(0);
    expect(byName.stdout).toBe(byArn.stdout);
  });

  it('fails with one line for an unknown principal or a missing analysis', async () => {
    const unknown = await runCli([
      'generate',
      '--analysis',
      analysis,
      '--principal',
      'arn:aws:iam::1:role/none',
    ]);
    const missing = await runCli(['generate', '--analysis', join(dir, 'missing.json')]);

    expect(unknown.code).toBe(1);
    expectOneLineError(unknown.stderr, 'no principal arn:aws:iam::1:role/none');
    expect(missing.code).toBe(1);
    expectOneLineError(missing.stderr, "analysis not found (run 'iamlp analyze' first)");
  });

  it('writes SARIF 2.1.0 that validates against the schema', async () => {
    const out = join(dir, 'report.sarif');

    const run = await runCli(['generate', '--analysis', analysis, '--format', 'sarif', '--out', out]);

    expect(run.code).toBe(0);
    const sarif = JSON.parse(await readFile(out, 'utf8'));
    const schema = JSON.parse(await readFile(join(root, 'test/schemas/sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    expect(ajv.validate(schema, sarif), JSON.stringify(ajv.errors?.slice(0, 3))).toBe(true);
    const ruleIds = new Set(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId));
    expect(ruleIds.size).toBeGreaterThan(2);
  });

  it('drafts every draftable principal with --all, honouring action filters', async () => {
    const run = await runCli([
      'generate',
      '--analysis',
      analysis,
      '--all',
      '--exclude-actions',
      's3:*',
      'kms:*',
    ]);

    expect(run.code).toBe(0);
    const policies = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(policies).length).toBeGreaterThan(5);
    expect(run.stdout).not.toMatch(/"(s3|kms):/);
  });

  it('writes into a named pipe given as --out instead of replacing it with a file', async () => {
    const fifo = join(dir, 'policy.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = readFile(fifo, 'utf8');

    const run = await runCli(['generate', '--analysis', analysis, '--all', '--out', fifo]);

    expect(run.code).toBe(0);
    expect(Object.keys(JSON.parse(await reader)).length).toBeGreaterThan(1);
    expect((await stat(fifo)).isFIFO()).toBe(true);
  });

  it('stops quietly with exit code 141 when its reader closes stdout early', async () => {
    const run = await runCli(['generate', '--analysis', analysis, '--all'], { closeStdout: true });

    expect(run.code).toBe(141);
    expect(run.stderr).not.toMatch(/EPIPE|iamlp: |\n\s+at /);
  });

  it('prints help for each command', async () => {
    const main = await runCli(['--help']);
    const gen = await runCli(['generate', '--help']);

    expect(main.stdout).toContain('Commands:');
    expect(gen.stdout).toContain('--exclude-actions');
  });
});

describe('iamlp generate on a damaged analysis', () => {
  it('names the file and the bad row', async () => {
    const doc = JSON.parse(await readFile(analysis, 'utf8'));
    doc.usage[3].window = 'yesterday';
    const damaged = join(dir, 'damaged.json');
    await writeFile(damaged, JSON.stringify(doc));

    const run = await runCli(['generate', '--analysis', damaged, '--all']);

    expect(run.code).toBe(1);
    expectOneLineError(run.stderr, 'damaged.json: invalid analysis at usage.3.window');
  });

  it('rejects a file that is not an analysis', async () => {
    const run = await runCli([
      'generate',
      '--analysis',
      join(root, 'fixtures/edge/single-create-access-key.json'),
    ]);

    expect(run.code).toBe(1);
    expectOneLineError(run.stderr, 'not an iamlp analysis');
  });
});

describe('iamlp analyze on worker threads', () => {
  it('writes the same analysis as one thread, duplicates across workers included', async () => {
    const input = await mkdtemp(join(tmpdir(), 'iamlp-par-'));
    const real = join(root, 'fixtures/real');
    // The copy sorts first and the original last, so they land on different workers: still counted once.
    await cp(real, join(input, 'a'), { recursive: true });
    await cp(join(real, 'stratus-red-team-detonation-logs'), join(input, '0-copy'), { recursive: true });
    const one = join(dir, 'one.json');
    const two = join(dir, 'two.json');

    const sequential = await runCli(['analyze', input, '--workers', '1', '--out', one, '--quiet']);
    const parallel = await runCli(['analyze', input, '--workers', '2', '--out', two, '--quiet']);

    expect([sequential.code, parallel.code]).toEqual([0, 0]);
    const text = await readFile(one, 'utf8');
    expect(await readFile(two, 'utf8')).toBe(text);
    expect(JSON.parse(text).totals.duplicates).toBeGreaterThanOrEqual(310);
  });
});

describe('iamlp analyze reading ahead', () => {
  it('writes the same analysis and reports the same bad files as reading on one thread', async () => {
    const input = await mkdtemp(join(tmpdir(), 'iamlp-ahead-'));
    await cp(join(root, 'fixtures/real'), join(input, 'real'), { recursive: true });
    await cp(join(root, 'fixtures/malformed'), join(input, 'malformed'), { recursive: true });
    // A gzip file whose stream is cut short (the reading thread must leave its error to the analysing one) and one
    // small enough that its bytes share Node's buffer pool (they must be copied, not transferred).
    const whole = gzipSync(await readFile(join(edge, 'identities.json')));
    await writeFile(join(input, 'cut.json.gz'), whole.subarray(0, whole.length >> 1));
    await writeFile(join(input, 'tiny.json.gz'), gzipSync('{"Records":[]}'));
    const file = join(dir, 'ahead.json');

    // Writing to a file analyses on a worker fed by the main thread; writing to stdout analyses on the main thread.
    const ahead = await runCli(['analyze', input, '--out', file, '--quiet']);
    const here = await runCli(['analyze', input, '--out', '-', '--quiet']);

    expect([ahead.code, here.code]).toEqual([1, 1]);
    expect(await readFile(file, 'utf8')).toBe(here.stdout);
    expect(ahead.stderr).toBe(here.stderr);
    expect(ahead.stderr).toContain('cut.json.gz');
    expect(ahead.stderr).toMatch(/syntax-error\.json:42:\d+: invalid JSON/);
  });
});

describe('reading an analysis', () => {
  it('gives the same policies from the streamed layout and from a reformatted file', async () => {
    const reformatted = join(dir, 'reformatted.json');
    await writeFile(reformatted, JSON.stringify(JSON.parse(await readFile(analysis, 'utf8')), null, 4));

    const streamed = await runCli(['generate', '--analysis', analysis, '--all']);
    const whole = await runCli(['generate', '--analysis', reformatted, '--all']);

    expect(streamed.code).toBe(0);
    expect(whole.stdout).toBe(streamed.stdout);
  });
});

describe('iamlp generate with nothing left to grant', () => {
  it('exits 1 with one line instead of printing an empty policy', async () => {
    const run = await runCli([
      'generate',
      '--analysis',
      analysis,
      '-p',
      'orders-api',
      '--allow-actions',
      'xray:*',
    ]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expectOneLineError(run.stderr, 'no successful call left to grant');
  });
});
