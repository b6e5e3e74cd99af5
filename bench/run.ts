/**
 * Analyze + generate benchmark: times `iamlp analyze` and `iamlp generate --all` on a generated CloudTrail workload
 * next to a bare gunzip + JSON.parse pass over the same files, in the same run, and prints a Markdown table.
 *
 *   npm run bench -- [--events 100000] [--rounds 3] [--workers auto]
 *
 * `--workers` is passed to `iamlp analyze` (default 1). The workload is generated into bench/out/<events> on first use (see bench/README.md).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBenchLogs } from './generate-events.js';

interface Measure {
  readonly wallMs: number;
  readonly maxRssKb: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    workers: { type: 'string', default: '1' },
  },
});
const events = Number(values.events);
const rounds = Number(values.rounds);
const dir = join(root, 'bench', 'out', String(events));

if (!existsSync(join(dir, 'AWSLogs'))) {
  process.stderr.write(`generating ${events} events into ${dir} …\n`);
  await generateBenchLogs({
    inputs: [join(root, 'fixtures', 'real')],
    out: dir,
    events,
    seed: 'iamlp',
    startMs: Date.parse('2024-01-01T00:00:00Z'),
    days: 30,
    principals: 200,
    accounts: 5,
    minPerFile: 1000,
    maxPerFile: 2000,
    force: false,
  });
}

/** Runs a Node script in a child process; it reports its peak RSS as JSON on fd 3 (or stdout for the bare pass). */
function measure(script: string, args: readonly string[], reportFd: 1 | 3): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'ignore', 'pipe'],
    });
    let report = '';
    const stream = reportFd === 3 ? child.stdio[3] : child.stdout;
    stream?.on('data', (d: Buffer) => {
      report += d.toString();
    });
    child.stdout?.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - began;
      if (code !== 0) reject(new Error(`${script} exited with ${code}`));
      else
        resolve({
          wallMs,
          maxRssKb: (JSON.parse(report.trim().split('\n').pop() ?? '{}') as Measure).maxRssKb,
        });
    });
  });
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const out = mkdtempSync(join(tmpdir(), 'iamlp-bench-'));
const analysis = join(out, 'analysis.json');
const runs = { bare: [] as Measure[], analyze: [] as Measure[], generate: [] as Measure[] };
for (let round = 0; round < rounds; round++) {
  runs.bare.push(await measure(join(here, 'bare-pass.js'), [dir], 1));
  runs.analyze.push(
    await measure(
      join(here, 'measured-cli.js'),
      ['analyze', dir, '--out', analysis, '--quiet', '--workers', values.workers],
      3,
    ),
  );
  runs.generate.push(
    await measure(
      join(here, 'measured-cli.js'),
      ['generate', '--analysis', analysis, '--all', '--out', join(out, 'p.json')],
      3,
    ),
  );
}

const doc = JSON.parse(readFileSync(analysis, 'utf8')) as { totals: { records: number }; usage: unknown[] };
const bare = median(runs.bare.map((m) => m.wallMs));
const analyze = median(runs.analyze.map((m) => m.wallMs));
const generate = median(runs.generate.map((m) => m.wallMs));
const peak = (ms: Measure[]) => Math.max(...ms.map((m) => m.maxRssKb)) / 1024;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const rows = [
  ['bare gunzip + JSON.parse', bare, peak(runs.bare)],
  ['iamlp analyze', analyze, peak(runs.analyze)],
  ['iamlp generate --all', generate, peak(runs.generate)],
  ['analyze + generate', analyze + generate, Math.max(peak(runs.analyze), peak(runs.generate))],
] as const;
process.stdout.write(
  [
    `workload: ${doc.totals.records.toLocaleString('en-US')} records (${dir.replace(`${root}/`, '')}), ${doc.usage.length.toLocaleString('en-US')} usage rows`,
    `machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; median of ${rounds} rounds, --workers ${values.workers}`,
    '',
    '| step | wall (median) | events/s | peak RSS |',
    '|---|---:|---:|---:|',
    ...rows.map(
      ([name, ms, rss]) =>
        `| ${name} | ${(ms / 1000).toFixed(2)} s | ${Math.round(events / (ms / 1000)).toLocaleString('en-US')} | ${rss.toFixed(0)} MB |`,
    ),
    '',
    `ratio (analyze + generate) / bare: ${((analyze + generate) / bare).toFixed(2)}×`,
    '',
  ].join('\n'),
);
