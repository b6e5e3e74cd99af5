import { basename } from 'node:path';
import { z } from 'zod';
import type { Guardrails, SimulationCase } from '../../core/simulate/index.js';
import { CliError } from '../errors.js';
import { readJsonFile } from '../read-json.js';
import { policyOrThrow } from './policy-files.js';

const contextSchema = z.record(z.string().min(1).max(256), z.union([z.string(), z.array(z.string())]));
const documents = z.union([z.looseObject({}), z.array(z.looseObject({}))]);

/** `--cases` file: guardrails for every request (context, SCP levels, boundary) and extra cases. */
export const CasesFileSchema = z.strictObject({
  /** Context keys added to every request, e.g. `aws:SourceIp`, `aws:PrincipalTag/team`. */
  context: contextSchema.optional(),
  /** SCP levels from the root to the account; each level one document or an array of documents. */
  scps: z.array(documents).optional(),
  /** The permissions boundary; replaces a boundary from --granted. */
  permissionsBoundary: documents.optional(),
  cases: z
    .array(
      z.strictObject({
        name: z.string().max(200).optional(),
        action: z.string().regex(/^[a-zA-Z0-9-]+:[a-zA-Z0-9]+$/, 'expected service:Action'),
        resource: z.string().min(1).optional(),
        context: contextSchema.optional(),
        expect: z.enum(['allow', 'deny']).optional(),
      }),
    )
    .optional(),
});

const listOf = (d: Record<string, unknown> | Record<string, unknown>[]) => (Array.isArray(d) ? d : [d]);

/** Reads a `--cases` file into guardrails and cases; errors name the file and the field. */
export async function readCasesFile(
  path: string,
): Promise<{ guardrails: Guardrails; cases: SimulationCase[] }> {
  const parsed = CasesFileSchema.safeParse(await readJsonFile(path, 'cases file'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'document';
    throw new CliError('INVALID_INPUT', `${path}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const { context, scps, permissionsBoundary, cases } = parsed.data;
  const name = basename(path);
  const guardrails: Guardrails = {
    ...(context ? { context } : {}),
    ...(scps
      ? {
          scpLevels: scps.map((level, i) =>
            listOf(level).map((d, j) => policyOrThrow(path, d, `scps[${i}][${j}]`)),
          ),
        }
      : {}),
    ...(permissionsBoundary
      ? {
          permissionsBoundary: listOf(permissionsBoundary).map((d, j) =>
            policyOrThrow(path, d, `${name} boundary[${j}]`),
          ),
        }
      : {}),
  };
  return {
    guardrails,
    cases: (cases ?? []).map((c) => ({
      action: c.action,
      ...(c.name === undefined ? {} : { name: c.name }),
      ...(c.resource === undefined ? {} : { resource: c.resource }),
      ...(c.context === undefined ? {} : { context: c.context }),
      ...(c.expect === undefined ? {} : { expect: c.expect }),
    })),
  };
}
