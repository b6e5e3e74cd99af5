import { existsSync } from 'node:fs';
import { Analyzer } from '../../core/analysis/analyzer.js';
import type { AnalysisDocument } from '../../core/analysis/document.js';
import { parseFlags } from '../args.js';
import { loadConfig } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { ANALYZE_HELP } from '../help.js';
import { InputError, type InputProblem, listInputFiles, readRecords } from '../input/index.js';
import { writeOutput } from '../output.js';
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
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `iamlp analyze`: CloudTrail files → analysis JSON. */
export async function runAnalyze(args: string[]): Promise<number> {
  const flags = parseFlags('analyze', withPositionalInputs(args), OPTIONS);
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
  const { document, failures } = await analyzeInputs(inputs, { start, end, quiet: flags.quiet === true });
  await writeOutput(out, stringifyAnalysis(document));
  for (const failure of failures) process.stderr.write(`iamlp: ${failure}\n`);
  if (!flags.quiet) process.stderr.write(summarise(document, out, performance.now() - began));
  return failures.length > 0 ? EXIT.FAILURE : EXIT.OK;
}

/** Result of analysing inputs: the document, and one-line messages for files that could not be read. */
export interface AnalyzeResult {
  readonly document: AnalysisDocument;
  readonly failures: readonly string[];
}

/** Streams every input through the core analyzer. Unreadable files are reported, the rest still analysed. */
export async function analyzeInputs(
  inputs: readonly string[],
  options: { start?: number | undefined; end?: number | undefined; quiet?: boolean },
): Promise<AnalyzeResult> {
  const analyzer = new Analyzer({
    ...(options.start !== undefined ? { start: options.start } : {}),
    ...(options.end !== undefined ? { end: options.end } : {}),
  });
  const failures: string[] = [];
  const progress = new Progress(options.quiet !== true);
  const onProblem = (problem: InputProblem) => {
    const origin =
      problem.line === undefined
        ? { source: problem.source }
        : { source: problem.source, line: problem.line };
    analyzer.addQuarantined({ code: 'INVALID_JSON', reason: problem.message }, origin);
  };
  for await (const file of expandInputs(inputs)) {
    progress.file();
    try {
      for await (const batch of readRecords([file], { onProblem })) {
        for (const record of batch) {
          analyzer.addRecord(
            record.value,
            record.line === undefined
              ? { source: record.source }
              : { source: record.source, line: record.line },
          );
        }
        progress.records(batch.length);
      }
    } catch (error) {
      // One unreadable file must not lose the others: report it, count it, carry on.
      if (!(error instanceof InputError)) throw error;
      failures.push(error.message);
      analyzer.addQuarantined({ code: 'INVALID_JSON', reason: error.message }, { source: file });
    }
  }
  progress.done();
  return { document: analyzer.toDocument(VERSION), failures };
}

/** Serialises the analysis readably: document header indented, one line per principal and usage row. */
export function stringifyAnalysis(doc: AnalysisDocument): string {
  const { principals, usage, ...head } = doc;
  const rows = (items: readonly unknown[]) =>
    items.length === 0 ? '[]' : `[\n${items.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
  const headText = JSON.stringify(head, null, 2);
  return `${headText.slice(0, -2)},\n  "principals": ${rows(principals)},\n  "usage": ${rows(usage)}\n}\n`;
}

function summarise(doc: AnalysisDocument, out: string, ms: number): string {
  const t = doc.totals;
  const draftable = doc.principals.filter((p) => p.draftable).length;
  const unmappedNames = doc.unmapped.length;
  const n = (v: number) => v.toLocaleString('en-US');
  return [
    `analyzed ${n(t.records)} records in ${(ms / 1000).toFixed(1)}s → ${out}`,
    `  ${n(t.calls)} calls: ${n(t.success)} allowed, ${n(t.denied)} denied, ${n(t.errors)} failed, ${n(t.notAGrant)} not grants`,
    `  ${n(doc.principals.length)} principals (${n(draftable)} draftable), ${n(doc.usage.length)} usage rows`,
    `  ${n(t.quarantined)} quarantined, ${n(t.duplicates)} duplicates, ${n(t.outOfWindow)} outside --start/--end`,
    `  ${n(t.unmapped)} events with ${n(unmappedNames)} unmapped event names${unmappedNames > 0 ? ' (see "unmapped" in the analysis)' : ''}`,
    '',
  ].join('\n');
}

/** Words after `analyze` that are not flag values are inputs too: `iamlp analyze logs/ more/`. */
function withPositionalInputs(args: string[]): string[] {
  const out: string[] = [];
  const takesValue = new Set(['--out', '-o', '--start', '--end', '--config', '-c']);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--input' || arg === '-i') continue;
    if (arg.startsWith('-') && arg !== '-') {
      out.push(arg);
      if (takesValue.has(arg) && i + 1 < args.length) out.push(args[++i] as string);
    } else {
      out.push('--input', arg);
    }
  }
  return out;
}

/** Expands directories into their files (sorted); '-' stays stdin. */
async function* expandInputs(inputs: readonly string[]): AsyncIterable<string> {
  for (const input of inputs) {
    if (input === '-') yield input;
    else yield* listInputFiles([input]);
  }
}
