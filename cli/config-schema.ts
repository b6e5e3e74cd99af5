import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { CliError } from './errors.js';

const patterns = z.array(z.string().min(1).max(256)).max(500);
const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date or time');

/** `iamlp.yml`: optional defaults for every command; each key has an equivalent flag, and flags win. */
export const ConfigSchema = z
  .object({
    analyze: z
      .object({
        input: z.array(z.string().min(1)).optional(),
        out: z.string().min(1).optional(),
        start: isoDate.optional(),
        end: isoDate.optional(),
      })
      .strict()
      .optional(),
    generate: z
      .object({
        analysis: z.string().min(1).optional(),
        principal: z.string().min(1).optional(),
        mode: z.enum(['resources', 'actions']).optional(),
        format: z.enum(['json', 'sarif']).optional(),
        allowActions: patterns.optional(),
        excludeActions: patterns.optional(),
        start: isoDate.optional(),
        end: isoDate.optional(),
        collapseObjectsAbove: z.number().int().nonnegative().optional(),
        conditions: z.boolean().optional(),
        includeServiceRoles: z.boolean().optional(),
        out: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    api: z
      .object({
        /** Port of the local API and dashboard under `iamlp dev` (0: a free one). */
        port: z.number().int().min(0).max(65_535).optional(),
        /** `aws iam get-account-authorization-details` output the API compares usage with (drift). */
        grantedSnapshot: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Config = z.infer<typeof ConfigSchema>;

/** Reads and validates a config file that exists. */
export function parseConfigFile(path: string): Config {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}` : '';
    throw new CliError('INVALID_CONFIG', `${path}${where}: invalid YAML`, { cause: error });
  }
  const parsed = ConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') ?? '';
    const unknownKeys = issue?.code === 'unrecognized_keys' ? ` ${issue.keys.join(', ')}` : '';
    throw new CliError(
      'INVALID_CONFIG',
      `${path}: ${key ? `${key}: ` : ''}${issue?.message ?? 'invalid config'}${unknownKeys}`,
    );
  }
  return parsed.data;
}
