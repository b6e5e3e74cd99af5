import type { AnalysisDocument, PrincipalRow, UsageRow } from '../../core/analysis/document.js';
import { fromUsageRow } from '../../core/analysis/rows.js';
import { type DraftOptions, draftPolicy, type PolicyDraft } from '../../core/policy/index.js';
import { toSarif } from '../../core/sarif/index.js';
import { readAnalysis } from '../analysis-file.js';
import { parseFlags } from '../args.js';
import { type Config, loadConfig } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { GENERATE_HELP } from '../help.js';
import { writeOutput } from '../output.js';
import { checkWindow, parseTimeOption } from '../time.js';
import { VERSION } from '../version.js';
import { DEFAULT_ANALYSIS_PATH } from './analyze.js';
import { selectPrincipals } from './select-principals.js';

const OPTIONS = {
  analysis: { type: 'string', short: 'a' },
  principal: { type: 'string', short: 'p' },
  all: { type: 'boolean' },
  mode: { type: 'string' },
  format: { type: 'string' },
  'allow-actions': { type: 'string', multiple: true },
  'exclude-actions': { type: 'string', multiple: true },
  start: { type: 'string' },
  end: { type: 'string' },
  'collapse-objects': { type: 'string' },
  'no-conditions': { type: 'boolean' },
  'include-service-roles': { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof OPTIONS>>;

/** Most notes printed to stderr before summarising the rest. */
const MAX_NOTES = 20;

/** `iamlp generate`: analysis → IAM policy documents or SARIF. */
export async function runGenerate(args: string[]): Promise<number> {
  const flags = parseFlags('generate', args, OPTIONS);
  if (flags.help) {
    process.stdout.write(GENERATE_HELP);
    return EXIT.OK;
  }
  const config = (await loadConfig(flags.config)).generate ?? {};
  const format = oneOf(flags.format ?? config.format ?? 'json', ['json', 'sarif'] as const, '--format');
  const analysisPath = flags.analysis ?? config.analysis ?? DEFAULT_ANALYSIS_PATH;
  const out = flags.out ?? config.out;
  const doc = await readAnalysis(analysisPath);
  const includeServiceRoles = flags['include-service-roles'] ?? config.includeServiceRoles ?? false;
  const principalQuery = flags.principal ?? config.principal;

  if (format === 'sarif') {
    const principals = principalQuery
      ? selectPrincipals(doc, { query: principalQuery, includeServiceRoles })
      : undefined;
    const sarif = toSarif(doc, {
      analysisUri: analysisPath,
      toolVersion: VERSION,
      ...(principals ? { principals: principals.map((p) => p.arn) } : {}),
    });
    await emit(out, `${JSON.stringify(sarif, null, 2)}\n`);
    return EXIT.OK;
  }

  const options = draftOptions(flags, config);
  const selected = selectPrincipals(doc, {
    query: principalQuery,
    all: flags.all === true,
    includeServiceRoles,
  });
  const drafts = draft(doc, selected, options);
  if (flags.all) printNotesSummary(drafts);
  else for (const d of drafts) printNotes(d);
  const only = drafts[0];
  if (!flags.all && only && only.documents.length === 0) {
    throw new CliError(
      'NOTHING_TO_DRAFT',
      `${only.principal}: no successful call left to grant (${only.notes.length} notes: denied-only, excluded or filtered actions)`,
    );
  }
  const body = flags.all
    ? Object.fromEntries(
        drafts.filter((d) => d.documents.length > 0).map((d) => [d.principal, documentsOf(d)]),
      )
    : documentsOf(only as PolicyDraft);
  await emit(out, `${JSON.stringify(body, null, 2)}\n`);
  return EXIT.OK;
}

function draft(
  doc: AnalysisDocument,
  principals: readonly PrincipalRow[],
  options: DraftOptions,
): PolicyDraft[] {
  const wanted = new Set(principals.map((p) => p.arn));
  const byPrincipal = new Map<string, UsageRow[]>();
  for (const row of doc.usage) {
    if (!wanted.has(row.principal)) continue;
    const rows = byPrincipal.get(row.principal) ?? [];
    if (rows.length === 0) byPrincipal.set(row.principal, rows);
    rows.push(row);
  }
  // One principal at a time, so only its rows are converted at once.
  return principals.map((p) => draftPolicy((byPrincipal.get(p.arn) ?? []).map(fromUsageRow), p.arn, options));
}

/** A single document prints as itself; a split policy prints as an array of documents. */
function documentsOf(d: PolicyDraft): unknown {
  return d.documents.length === 1 ? d.documents[0] : d.documents;
}

function draftOptions(flags: Flags, config: NonNullable<Config['generate']>): DraftOptions {
  const start = parseTimeOption(flags.start ?? config.start, '--start');
  const end = parseTimeOption(flags.end ?? config.end, '--end');
  checkWindow(start, end);
  const collapse = flags['collapse-objects'] ?? config.collapseObjectsAbove?.toString();
  if (collapse !== undefined && !/^\d+$/.test(collapse)) {
    throw new CliError('USAGE', '--collapse-objects: expected a whole number (0 disables collapsing)');
  }
  const allow = flags['allow-actions'] ?? config.allowActions;
  const exclude = flags['exclude-actions'] ?? config.excludeActions;
  return {
    mode: oneOf(flags.mode ?? config.mode ?? 'resources', ['resources', 'actions'] as const, '--mode'),
    conditions: flags['no-conditions'] ? false : (config.conditions ?? true),
    ...(allow ? { allowActions: checkPatterns(allow, '--allow-actions') } : {}),
    ...(exclude ? { excludeActions: checkPatterns(exclude, '--exclude-actions') } : {}),
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
    ...(collapse !== undefined ? { collapseObjectsAbove: Number(collapse) } : {}),
  };
}

const ACTION_PATTERN = /^(\*|[a-z0-9*?-]+:[A-Za-z0-9*?]+)$/;

function checkPatterns(patterns: readonly string[], flag: string): string[] {
  for (const p of patterns) {
    if (!ACTION_PATTERN.test(p)) {
      throw new CliError(
        'USAGE',
        `${flag}: '${p.slice(0, 64)}' is not an action pattern like s3:Get* or *:List*`,
      );
    }
  }
  return [...patterns];
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError('USAGE', `${flag}: expected one of ${allowed.join(', ')}`);
}

function printNotes(d: PolicyDraft): void {
  // Wildcard-only actions and the actions the user filtered out are expected: no need to say so.
  const notes = d.notes.filter((n) => n.kind !== 'wildcard-only' && n.kind !== 'excluded');
  for (const note of notes.slice(0, MAX_NOTES))
    process.stderr.write(`note: ${d.principal}: ${note.detail}\n`);
  if (notes.length > MAX_NOTES)
    process.stderr.write(`note: ${d.principal}: … and ${notes.length - MAX_NOTES} more\n`);
}

/** With --all, one summary line instead of hundreds of notes. */
function printNotesSummary(drafts: readonly PolicyDraft[]): void {
  const count = (kind: string) =>
    drafts.reduce((n, d) => n + d.notes.filter((x) => x.kind === kind).length, 0);
  const unresolved = count('unresolved-resource');
  const deniedOnly = count('denied-only');
  const split = drafts.filter((d) => d.documents.length > 1).length;
  process.stderr.write(
    `drafted ${drafts.length} policies: ${unresolved} actions granted on "*" because their resources could not be determined, ` +
      `${deniedOnly} denied-only actions left out, ${split} ${split === 1 ? 'policy' : 'policies'} split over several documents ` +
      `(details: --principal ARN, or --format sarif)\n`,
  );
}

async function emit(out: string | undefined, text: string): Promise<void> {
  if (out === undefined) process.stdout.write(text);
  else await writeOutput(out, text);
}
