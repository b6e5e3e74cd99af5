import { readFile } from 'node:fs/promises';
import { type AnalysisDocument, AnalysisDocumentSchema } from '../core/analysis/document.js';
import { CliError } from './errors.js';
import { describeJsonError, lineColumn } from './input/json-error-position.js';

/** Reads and validates an analysis document written by `iamlp analyze`. */
export async function readAnalysis(path: string): Promise<AnalysisDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CliError('INPUT_NOT_FOUND', `${path}: analysis not found (run 'iamlp analyze' first)`, {
        cause: error,
      });
    }
    throw new CliError('INVALID_INPUT', `${path}: cannot read (${code ?? 'read error'})`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const { position, reason } = describeJsonError(error, text);
    const at =
      position === undefined
        ? ''
        : `:${lineColumn(text, position).line}:${lineColumn(text, position).column}`;
    throw new CliError('INVALID_ANALYSIS', `${path}${at}: invalid JSON (${reason})`, { cause: error });
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== 'iamlp-analysis') {
    throw new CliError('INVALID_ANALYSIS', `${path}: not an iamlp analysis (no "format": "iamlp-analysis")`);
  }
  const parsed = AnalysisDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'document';
    throw new CliError(
      'INVALID_ANALYSIS',
      `${path}: invalid analysis at ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}
