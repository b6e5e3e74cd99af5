/**
 * Benchmark workload generator: re-keys real fixture events into CloudTrail-named log files.
 *
 *   npx tsx bench/generate.ts [fixture paths…] --events 100000 [--out bench/out/100000] [--seed iamlp] …
 *
 * See bench/README.md for the options and what is re-keyed.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type GenerateOptions, type GenerateSummary, generateBenchLogs } from './generate-events.js';

const USAGE = `usage: generate [fixture files or directories…] [options]
  --events N          events to write (default 100000)
  --out DIR           output directory (default bench/out/<events>)
  --seed S            PRNG seed; the same seed and inputs give the same files (default iamlp)
  --start ISO         start of the time window (default 2024-01-01T00:00:00Z)
  --days N            length of the time window in days (default 30)
  --principals N      synthetic roles + users (default 200)
  --accounts N        synthetic account IDs (default 5)
  --min-per-file N    records per file, lower bound (default 1000)
  --max-per-file N    records per file, upper bound (default 2000)
  --force             replace an existing <out>/AWSLogs
  --json              print the summary as JSON
inputs default to the repository's fixtures/real directory`;

function positiveInteger(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return value;
}

/** The repository root, found from this file so it works from `bench/` under tsx and from `dist/bench/`. */
function repositoryRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory)
    directory = dirname(directory);
  return directory;
}

function parseOptions(argv: readonly string[]): (GenerateOptions & { json: boolean }) | undefined {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      events: { type: 'string', default: '100000' },
      out: { type: 'string' },
      seed: { type: 'string', default: 'iamlp' },
      start: { type: 'string', default: '2024-01-01T00:00:00Z' },
      days: { type: 'string', default: '30' },
      principals: { type: 'string', default: '200' },
      accounts: { type: 'string', default: '5' },
      'min-per-file': { type: 'string', default: '1000' },
      'max-per-file': { type: 'string', default: '2000' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  const events = positiveInteger('events', values.events);
  const startMs = Date.parse(values.start);
  if (Number.isNaN(startMs)) throw new Error(`--start must be an ISO date, got ${values.start}`);
  const minPerFile = positiveInteger('min-per-file', values['min-per-file']);
  const maxPerFile = positiveInteger('max-per-file', values['max-per-file']);
  if (maxPerFile < minPerFile) throw new Error('--max-per-file must be at least --min-per-file');
  const inputs = positionals.length > 0 ? positionals : [join(repositoryRoot(), 'fixtures', 'real')];
  return {
    inputs,
    out: values.out ?? join('bench', 'out', String(events)),
    events,
    seed: values.seed,
    startMs,
    days: positiveInteger('days', values.days),
    principals: positiveInteger('principals', values.principals),
    accounts: positiveInteger('accounts', values.accounts),
    minPerFile,
    maxPerFile,
    force: values.force,
    json: values.json,
  };
}

function describe(summary: GenerateSummary): string {
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
  return [
    `wrote ${summary.events} events in ${summary.files} files under ${summary.out}`,
    `  templates ${summary.templates} (skipped ${summary.skippedValues} non-CloudTrail values, ${summary.badInputLines} bad lines)`,
    `  principals ${summary.roles} roles + ${summary.users} users in ${summary.accounts} accounts`,
    `  ${mb(summary.bytesUncompressed)} uncompressed, ${mb(summary.bytesCompressed)} gzip, ${summary.seconds.toFixed(1)} s`,
  ].join('\n');
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const summary = await generateBenchLogs(options);
  process.stdout.write(`${options.json ? JSON.stringify(summary) : describe(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
