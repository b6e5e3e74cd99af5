import { basename } from 'node:path';
import { type Policy, parsePolicy } from '../../core/evaluate/index.js';
import type { LabelledPolicies } from '../../core/simulate/index.js';
import { CliError } from '../errors.js';
import { readJsonFile } from '../read-json.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses one document or throws a one-line error naming the file and the statement. */
export function policyOrThrow(path: string, document: unknown, id: string): Policy {
  const parsed = parsePolicy(document, id);
  if (parsed.ok) return parsed.policy;
  throw new CliError('INVALID_INPUT', `${path}: ${id === basename(path) ? '' : `${id}: `}${parsed.error}`);
}

/**
 * The documents a policy file holds: one policy document, an array of them (a split `iamlp generate` output), or
 * an object keyed by principal ARN (`iamlp generate --all`), from which the principal's entry is taken.
 */
function documentsOf(path: string, json: unknown, principal: string): unknown[] {
  if (Array.isArray(json)) return json;
  if (isObject(json) && 'Statement' in json) return [json];
  if (isObject(json)) {
    const entry = json[principal];
    if (entry === undefined) {
      throw new CliError(
        'INVALID_INPUT',
        `${path}: no policy for ${principal} (the file is keyed by principal ARN)`,
      );
    }
    return Array.isArray(entry) ? entry : [entry];
  }
  throw new CliError('INVALID_INPUT', `${path}: not an IAM policy document (no "Statement")`);
}

/** Reads a policy file (`--policy`, `--baseline`) into labelled, parsed policies. */
export async function readPolicyFile(
  path: string,
  principal: string,
  what: string,
): Promise<LabelledPolicies> {
  const json = await readJsonFile(path, what);
  const documents = documentsOf(path, json, principal);
  if (documents.length === 0) throw new CliError('INVALID_INPUT', `${path}: no policy document`);
  const label = basename(path);
  const policies = documents.map((d, i) =>
    policyOrThrow(path, d, documents.length === 1 ? label : `${label}[${i}]`),
  );
  return { label, policies };
}
