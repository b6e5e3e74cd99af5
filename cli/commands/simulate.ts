import type { UsageRow } from '../../core/analysis/document.js';
import {
  type Guardrails,
  type LabelledPolicies,
  renderDiffMarkdown,
  type SimulationCase,
  type SimulationInput,
  type SimulationReport,
  simulate,
} from '../../core/simulate/index.js';
import { readAnalysis } from '../analysis-file.js';
import { parseFlags } from '../args.js';
import { CliError, EXIT } from '../errors.js';
import { SIMULATE_HELP } from '../help.js';
import { writeOutput } from '../output.js';
import { readCasesFile } from '../simulate/cases-file.js';
import { readGrantedBaseline } from '../simulate/granted-file.js';
import { readPolicyFile } from '../simulate/policy-files.js';
import { DEFAULT_ANALYSIS_PATH } from './analyze.js';
import { selectPrincipals } from './select-principals.js';

const OPTIONS = {
  analysis: { type: 'string', short: 'a' },
  policy: { type: 'string' },
  baseline: { type: 'string' },
  granted: { type: 'string' },
  principal: { type: 'string', short: 'p' },
  cases: { type: 'string' },
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  aws: { type: 'boolean' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'fail-on-regression': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof OPTIONS>>;

/** Where the report goes without --out, per format. */
export const DEFAULT_DIFF_PATHS = { md: 'artifacts/diff.md', json: 'artifacts/diff.json' } as const;

/** `iamlp simulate`: replay recorded calls against the baseline and a proposed policy, write diff.md. */
export async function runSimulate(args: string[]): Promise<number> {
  const flags = parseFlags('simulate', args, OPTIONS);
  if (flags.help) {
    process.stdout.write(SIMULATE_HELP);
    return EXIT.OK;
  }
  const format = checkFlags(flags);
  const input = await loadInput(flags);
  let report = simulate(input);
  if (flags.aws) report = await withAwsCheck(report, input, flags);
  const out = flags.out ?? DEFAULT_DIFF_PATHS[format];
  const body = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderDiffMarkdown(report);
  await writeOutput(out, body);
  if (!flags.quiet) process.stderr.write(`${summaryLine(report)}; wrote ${out === '-' ? 'stdout' : out}\n`);
  const failed = report.regressions.length > 0 || report.cases.some((c) => !c.ok);
  return flags['fail-on-regression'] && failed ? EXIT.FAILURE : EXIT.OK;
}

function checkFlags(flags: Flags): 'md' | 'json' {
  if (flags.policy === undefined) {
    throw new CliError('USAGE', "simulate: --policy PROPOSED.json is required (run 'iamlp simulate --help')");
  }
  if (flags.baseline !== undefined && flags.granted !== undefined) {
    throw new CliError('USAGE', 'simulate: --baseline and --granted are two baselines; give one');
  }
  if (!flags.aws && (flags.region !== undefined || flags.endpoint !== undefined)) {
    throw new CliError('USAGE', 'simulate: --region and --endpoint only apply with --aws');
  }
  if (flags.endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(flags.endpoint)) {
    throw new CliError(
      'USAGE',
      'simulate: --endpoint: expected an http(s) URL such as http://127.0.0.1:4566',
    );
  }
  const format = flags.format ?? 'md';
  if (format !== 'md' && format !== 'json')
    throw new CliError('USAGE', 'simulate: --format: expected one of md, json');
  return format;
}

async function loadInput(flags: Flags): Promise<SimulationInput> {
  const doc = await readAnalysis(flags.analysis ?? DEFAULT_ANALYSIS_PATH);
  const [principal] = selectPrincipals(doc, { query: flags.principal, includeServiceRoles: false });
  const arn = (principal as { arn: string }).arn;
  const proposed = await readPolicyFile(flags.policy as string, arn, 'proposed policy');
  const baseline = await loadBaseline(flags, arn);
  const extra = flags.cases ? await readCasesFile(flags.cases) : undefined;
  const usage: UsageRow[] = doc.usage.filter((r) => r.principal === arn);
  return assemble(arn, usage, proposed, baseline, extra);
}

function assemble(
  principal: string,
  usage: readonly UsageRow[],
  proposed: LabelledPolicies,
  baseline: LabelledPolicies | undefined,
  extra: { guardrails: Guardrails; cases: SimulationCase[] } | undefined,
): SimulationInput {
  return {
    principal,
    usage,
    proposed,
    ...(baseline ? { baseline } : {}),
    ...(extra ? { guardrails: extra.guardrails, cases: extra.cases } : {}),
  };
}

async function loadBaseline(flags: Flags, principal: string): Promise<LabelledPolicies | undefined> {
  if (flags.baseline !== undefined) return readPolicyFile(flags.baseline, principal, 'baseline policy');
  if (flags.granted === undefined) return undefined;
  const { baseline, warnings } = await readGrantedBaseline(flags.granted, principal);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  return baseline;
}

async function withAwsCheck(
  report: SimulationReport,
  input: SimulationInput,
  flags: Flags,
): Promise<SimulationReport> {
  // Loaded only for --aws: the SDK adds start-up time every other run would pay for nothing.
  const { runAwsCheck } = await import('../simulate/aws-run.js');
  const externalCheck = await runAwsCheck(input, { region: flags.region, endpoint: flags.endpoint });
  return { ...report, externalCheck };
}

function summaryLine(r: SimulationReport): string {
  const a = r.metrics.allowedActionDelta;
  const regressions = `${r.regressions.length} regression${r.regressions.length === 1 ? '' : 's'}`;
  const n = (x: number) => x.toLocaleString('en-US');
  const actions =
    a.before === null ? `${n(a.after)} allowed actions` : `allowed actions ${n(a.before)} → ${n(a.after)}`;
  const d = r.externalCheck?.disagreements.length;
  const aws = d === undefined ? '' : `, ${d} disagreement${d === 1 ? '' : 's'} with IAM`;
  return `simulated ${r.principal}: ${n(r.recorded.rows)} recorded requests, ${regressions}, ${actions}${aws}`;
}
