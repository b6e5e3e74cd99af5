import { GrantedError } from './errors.js';
import type { PolicyStatementJson } from './policy-document.js';
import type { GrantedPermissions, GrantedPolicy } from './types.js';

/** Test helper: runs `run` and returns the GrantedError it throws; fails when it throws nothing or another error. */
export function grantedErrorOf(run: () => unknown): GrantedError {
  try {
    run();
  } catch (error) {
    if (error instanceof GrantedError) return error;
    throw error;
  }
  throw new Error('expected a GrantedError');
}

/** Test helper: an inline policy named `name` with the given statements. */
export function inlinePolicy(name: string, ...statements: PolicyStatementJson[]): GrantedPolicy {
  return { name, type: 'inline', document: { Version: '2012-10-17', Statement: statements } };
}

/** Test helper: the granted permissions of role `r` in 111122223333 made of `policies`, without a boundary. */
export function grantedOf(
  policies: readonly GrantedPolicy[],
  over: Partial<GrantedPermissions> = {},
): GrantedPermissions {
  return {
    principal: 'arn:aws:iam::111122223333:role/r',
    source: 'snapshot',
    fetchedAt: Date.UTC(2024, 4, 2),
    policies,
    permissionsBoundary: null,
    ...over,
  };
}

/** Test helper: the AWS managed AdministratorAccess policy. */
export const ADMINISTRATOR_ACCESS: GrantedPolicy = {
  name: 'AdministratorAccess',
  type: 'managed',
  arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};
