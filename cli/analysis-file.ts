import type { z } from 'zod';
import {
  type AnalysisDocument,
  AnalysisDocumentSchema,
  PrincipalRowSchema,
  UsageRowSchema,
} from '../core/analysis/document.js';
import { readAnalysisLines } from './analysis-lines.js';
import { CliError } from './errors.js';
import { readJsonFile } from './read-json.js';

/** Reads and validates an analysis document written by `iamlp analyze`. */
export async function readAnalysis(path: string): Promise<AnalysisDocument> {
  const fast = await readAnalysisLines(path).catch(() => undefined);
  if (fast?.format === 'iamlp-analysis') return validate(path, fast);
  const raw = await readJsonFile(path, 'analysis', {
    missing: "analysis not found (run 'iamlp analyze' first)",
    invalidCode: 'INVALID_ANALYSIS',
  });
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== 'iamlp-analysis') {
    throw new CliError('INVALID_ANALYSIS', `${path}: not an iamlp analysis (no "format": "iamlp-analysis")`);
  }
  return validate(path, raw as Record<string, unknown>);
}

/**
 * Validates the header with the document schema and the rows one at a time. Valid rows are kept as parsed from
 * JSON (zod's copy is dropped at once, while still young), so a large analysis is never held twice in memory;
 * unknown extra fields in rows are harmless and ignored downstream.
 */
function validate(path: string, raw: Record<string, unknown>): AnalysisDocument {
  const { usage, principals, ...head } = raw;
  const header = AnalysisDocumentSchema.omit({ usage: true, principals: true }).safeParse(head);
  if (!header.success) throw invalid(path, header.error.issues[0]);
  return {
    ...header.data,
    principals: validateRows(path, 'principals', principals, PrincipalRowSchema),
    usage: validateRows(path, 'usage', usage, UsageRowSchema),
  };
}

function validateRows<T>(path: string, key: string, rows: unknown, schema: z.ZodType<T>): T[] {
  if (!Array.isArray(rows)) throw invalid(path, { path: [key], message: 'expected an array' });
  const out = rows as unknown[];
  for (let i = 0; i < out.length; i++) {
    const parsed = schema.safeParse(out[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(path, { path: [key, i, ...(issue?.path ?? [])], message: issue?.message ?? 'invalid' });
    }
  }
  return out as T[];
}

function invalid(path: string, issue: { path: PropertyKey[]; message: string } | undefined): CliError {
  const where = issue?.path.map(String).join('.') || 'document';
  return new CliError(
    'INVALID_ANALYSIS',
    `${path}: invalid analysis at ${where}: ${issue?.message ?? 'invalid'}`,
  );
}
