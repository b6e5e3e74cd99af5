import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { GrantedError, parseAuthorizationDetails } from '../../core/granted/index.js';
import type { LabelledPolicies } from '../../core/simulate/index.js';
import { CliError } from '../errors.js';
import { policyOrThrow } from './policy-files.js';
import { readJsonFile } from './read-json.js';

/**
 * The baseline from an `aws iam get-account-authorization-details` snapshot: the principal's inline, managed and
 * group policies, and its permissions boundary when the snapshot holds its document.
 */
export async function readGrantedBaseline(
  path: string,
  principal: string,
): Promise<{ baseline: LabelledPolicies; warnings: string[] }> {
  const json = await readJsonFile(path, 'authorization details snapshot');
  const fetchedAt = (await stat(path)).mtimeMs;
  let granted: ReturnType<typeof parseAuthorizationDetails>;
  try {
    granted = parseAuthorizationDetails(json, fetchedAt);
  } catch (error) {
    if (error instanceof GrantedError)
      throw new CliError('INVALID_INPUT', `${path}: ${error.message}`, { cause: error });
    throw error;
  }
  const permissions = granted.get(principal);
  if (permissions === undefined) {
    throw new CliError(
      'UNKNOWN_PRINCIPAL',
      `${path}: no role or user ${principal} in the snapshot (${granted.size} principals)`,
    );
  }
  const policies = permissions.policies.map((p) => policyOrThrow(path, p.document, p.name));
  const boundary = permissions.permissionsBoundary;
  const warnings =
    boundary && !boundary.document
      ? [`${path}: the permissions boundary ${boundary.arn} is not in the snapshot; evaluating without it`]
      : [];
  const label = `${basename(path)} (${policies.length} ${policies.length === 1 ? 'policy' : 'policies'}${boundary?.document ? ' and a boundary' : ''})`;
  return {
    baseline: {
      label,
      policies,
      ...(boundary?.document
        ? { permissionsBoundary: [policyOrThrow(path, boundary.document, boundary.arn)] }
        : {}),
    },
    warnings,
  };
}
