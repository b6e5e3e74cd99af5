import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { GrantedError, parseAuthorizationDetails } from '../../core/granted/index.js';
import { grantedBaseline, type LabelledPolicies } from '../../core/simulate/index.js';
import { CliError } from '../errors.js';
import { readJsonFile } from '../read-json.js';

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
  const built = grantedBaseline(permissions, basename(path));
  if (!built.ok) throw new CliError('INVALID_INPUT', `${path}: ${built.policy}: ${built.error}`);
  return { baseline: built.baseline, warnings: built.warnings.map((w) => w.replace(basename(path), path)) };
}
