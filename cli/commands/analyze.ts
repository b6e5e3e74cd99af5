import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { listInputFiles } from '../../stream/input/index.js';
import type { AnalysisPlan, AnalyzeResult } from '../analyze/in-thread.js';
import type { AnalysisSummary } from '../analyze/protocol.js';
import { analysisWorkerAvailable, runAnalysisWorker } from '../analyze/run-worker.js';
import { writeAnalysis } from '../analyze/write-analysis.js';
import { parseFlags, withPositionalInputs } from '../args.js';
import { loadConfig } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { ANALYZE_HELP } from '../help.js';
import { Progress } from '../progress.js';
import { checkWindow, parseTimeOption } from '../time.js';

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
  const config = (await loadConfig(flags.config)).analyze ?? {};
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
  const { summary, failures } = await analyzeToFile(inputs, out, {
    start,
    end,
    quiet: flags.quiet === true,
    workers: parseWorkers(flags.workers),
  });
  for (const failure of failures) process.stderr.write(`iamlp: ${failure}\n`);
  if (!flags.quiet) process.stderr.write(summarise(summary, out, performance.now() - began));
  return failures.length > 0 ? EXIT.FAILURE : EXIT.OK;
}

export type { AnalyzeResult } from '../analyze/in-thread.js';

/** With --workers auto, inputs at least this large (in bytes, as stored) are analysed on worker threads. */
const PARALLEL_THRESHOLD = 32 * 1024 * 1024;

/** Options of one analysis run. */
export interface AnalyzeOptions {
  readonly start?: number | undefined;
  readonly end?: number | undefined;
  readonly quiet?: boolean;
  /**
   * Worker threads (default 1). 'auto' uses every core for large inputs: faster on machines with real cores to
   * spare, at the price of one heap per worker (624 MB in all for two at a million events). Always 1 when reading
   * stdin.
   */
  readonly workers?: number | 'auto';
}

/** Streams every input through the core analyzer, in this thread (or on worker threads when asked). */
export async function analyzeInputs(
  inputs: readonly string[],
  options: AnalyzeOptions,
): Promise<AnalyzeResult> {
  return withPlan(inputs, options, async (plan) =>
    (await import('../analyze/in-thread.js')).analyzeHere(plan),
  );
}

/** What `analyzeToFile` reports: the document without its usage rows, and the files that could not be read. */
export interface AnalyzeToFileResult {
  readonly summary: AnalysisSummary;
  readonly failures: readonly string[];
}

/**
 * Analyses the inputs and writes the analysis to `out` ('-': stdout). Files are analysed on a worker thread with a
 * larger young generation (see run-worker.ts), which writes the analysis itself so the rows never cross threads;
 * stdin, stdout and runs from source (no compiled worker) stay on this thread.
 */
export async function analyzeToFile(
  inputs: readonly string[],
  out: string,
  options: AnalyzeOptions,
): Promise<AnalyzeToFileResult> {
  const onThisThread =
    out === '-' || inputs.includes('-') || (options.workers ?? 1) !== 1 || !analysisWorkerAvailable();
  if (onThisThread) {
    const { document, failures } = await analyzeInputs(inputs, options);
    await writeAnalysis(out, document);
    const { usage: _, ...summary } = document;
    return { summary, failures };
  }
  return withPlan(inputs, options, async (plan) => {
    const finished = await runAnalysisWorker(
      { kind: 'write', files: plan.files, window: plan.window, out, readAhead: true },
      plan.onRecords,
    );
    if (finished.kind !== 'written') throw new Error('analysis worker did not write the analysis');
    return { summary: finished.summary, failures: finished.failures };
  });
}

/** Expands the inputs, decides the worker count and shows progress around `run`. */
async function withPlan<T>(
  inputs: readonly string[],
  options: AnalyzeOptions,
  run: (plan: AnalysisPlan) => Promise<T>,
): Promise<T> {
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
    return await run({ files, window, workers, onRecords: (n) => progress.records(n) });
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

function summarise(doc: AnalysisSummary, out: string, ms: number): string {
  const t = doc.totals;
  const draftable = doc.principals.filter((p) => p.draftable);
  // What `generate` lists and drafts: a principal whose calls were all denied or failed has nothing to draft.
  const withPolicy = draftable.filter((p) => p.success > 0).length;
  const unmappedNames = doc.unmapped.length;
  const n = (v: number) => v.toLocaleString('en-US');
  return [
    `analyzed ${n(t.records)} records in ${(ms / 1000).toFixed(1)}s → ${out}`,
    `  ${n(t.calls)} calls: ${n(t.success)} allowed, ${n(t.denied)} denied, ${n(t.errors)} failed, ${n(t.notAGrant)} not grants`,
    `  ${n(doc.principals.length)} principals (${n(draftable.length)} draftable, ${n(withPolicy)} of them with a policy to draft), ${n(doc.usageRows)} usage rows`,
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
