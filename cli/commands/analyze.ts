import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Analyzer, type StreamingDocument } from '../../core/analysis/analyzer.js';
import { listInputFiles } from '../../stream/input/index.js';
import { foldFiles } from '../analyze/fold-files.js';
import { analyzeInParallel } from '../analyze/parallel.js';
import { writeAnalysis } from '../analyze/write-analysis.js';
import { parseFlags, withPositionalInputs } from '../args.js';
import { loadConfig } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { ANALYZE_HELP } from '../help.js';
import { Progress } from '../progress.js';
import { checkWindow, parseTimeOption } from '../time.js';
import { VERSION } from '../version.js';

/** Default location of the analysis document. */
export const DEFAULT_ANALYSIS_PATH = 'artifacts/analysis.json';

const OPTIONS = {
  input: { type: 'string', multiple: true, short: 'i' },
  out: { type: 'string', short: 'o' },
  start: { type: 'string' },
  end: { type: 'string' },
  config: { type: 'string', short: 'c' },
  workers: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `iamlp analyze`: CloudTrail files → analysis JSON. */
export async function runAnalyze(args: string[]): Promise<number> {
  const flags = parseFlags('analyze', withPositionalInputs(args, OPTIONS), OPTIONS);
  if (flags.help) {
    process.stdout.write(ANALYZE_HELP);
    return EXIT.OK;
  }
  const config = loadConfig(flags.config).analyze ?? {};
  const inputs = flags.input ?? config.input ?? [];
  if (inputs.length === 0)
    throw new CliError('USAGE', "analyze: no input given (use --input PATH; '-' for stdin)");
  for (const input of inputs) {
    if (input !== '-' && !existsSync(input))
      throw new CliError('INPUT_NOT_FOUND', `${input}: no such file or directory`);
  }
  const start = parseTimeOption(flags.start ?? config.start, '--start');
  const end = parseTimeOption(flags.end ?? config.end, '--end');
  checkWindow(start, end);
  const out = flags.out ?? config.out ?? DEFAULT_ANALYSIS_PATH;

  const began = performance.now();
  const workers = parseWorkers(flags.workers);
  const { document, failures } = await analyzeInputs(inputs, {
    start,
    end,
    quiet: flags.quiet === true,
    workers,
  });
  await writeAnalysis(out, document);
  for (const failure of failures) process.stderr.write(`iamlp: ${failure}\n`);
  if (!flags.quiet) process.stderr.write(summarise(document, out, performance.now() - began));
  return failures.length > 0 ? EXIT.FAILURE : EXIT.OK;
}

/** Result of analysing inputs: the document, and one-line messages for files that could not be read. */
export interface AnalyzeResult {
  readonly document: StreamingDocument;
  readonly failures: readonly string[];
}

/** With --workers auto, inputs at least this large (in bytes, as stored) are analysed on worker threads. */
const PARALLEL_THRESHOLD = 32 * 1024 * 1024;

/** Options of one analysis run. */
export interface AnalyzeOptions {
  readonly start?: number | undefined;
  readonly end?: number | undefined;
  readonly quiet?: boolean;
  /**
   * Worker threads (default 1). 'auto' uses every core for large inputs: faster on machines with real cores to
   * spare, at the price of one heap (~250 MB at a million events) per worker. Always 1 when reading stdin.
   */
  readonly workers?: number | 'auto';
}

/** Streams every input through the core analyzer. Unreadable files are reported, the rest still analysed. */
export async function analyzeInputs(
  inputs: readonly string[],
  options: AnalyzeOptions,
): Promise<AnalyzeResult> {
  const window = {
    ...(options.start !== undefined ? { start: options.start } : {}),
    ...(options.end !== undefined ? { end: options.end } : {}),
  };
  const progress = new Progress(options.quiet !== true);
  const files: string[] = [];
  for await (const file of expandInputs(inputs)) files.push(file);
  progress.files(files.length);
  const workers = files.includes('-') ? 1 : workerCount(files, options.workers ?? 1);
  try {
    if (workers > 1) {
      const { document, failures } = await analyzeInParallel(files, workers, window, (n) =>
        progress.records(n),
      );
      return { document: { ...document, usageRows: document.usage.length }, failures };
    }
    const analyzer = new Analyzer(window);
    const failures = await foldFiles(analyzer, files, (n) => progress.records(n));
    return { document: analyzer.toStreamingDocument(VERSION), failures };
  } finally {
    progress.done();
  }
}

function workerCount(files: readonly string[], wanted: number | 'auto'): number {
  if (wanted !== 'auto') return Math.max(1, Math.min(wanted, files.length));
  if (files.length < 2) return 1;
  let bytes = 0;
  for (const file of files) bytes += statSync(file).size;
  return bytes < PARALLEL_THRESHOLD ? 1 : Math.min(availableParallelism(), 8, files.length);
}

function summarise(doc: StreamingDocument, out: string, ms: number): string {
  const t = doc.totals;
  const draftable = doc.principals.filter((p) => p.draftable).length;
  const unmappedNames = doc.unmapped.length;
  const n = (v: number) => v.toLocaleString('en-US');
  return [
    `analyzed ${n(t.records)} records in ${(ms / 1000).toFixed(1)}s → ${out}`,
    `  ${n(t.calls)} calls: ${n(t.success)} allowed, ${n(t.denied)} denied, ${n(t.errors)} failed, ${n(t.notAGrant)} not grants`,
    `  ${n(doc.principals.length)} principals (${n(draftable)} draftable), ${n(doc.usageRows)} usage rows`,
    `  ${n(t.quarantined)} quarantined, ${n(t.duplicates)} duplicates, ${n(t.outOfWindow)} outside --start/--end`,
    `  ${n(t.unmapped)} events with ${n(unmappedNames)} unmapped event names${unmappedNames > 0 ? ' (see "unmapped" in the analysis)' : ''}`,
    '',
  ].join('\n');
}

function parseWorkers(value: string | undefined): number | 'auto' {
  if (value === undefined) return 1;
  if (value === 'auto') return 'auto';
  if (!/^[1-9]\d?$/.test(value))
    throw new CliError('USAGE', "--workers: expected 'auto' or a number from 1 to 99");
  return Number(value);
}

/** Expands directories into their files (sorted); '-' stays stdin. */
async function* expandInputs(inputs: readonly string[]): AsyncIterable<string> {
  for (const input of inputs) {
    if (input === '-') yield input;
    else yield* listInputFiles([input]);
  }
}
