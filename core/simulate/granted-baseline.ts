import type { Policy } from '../evaluate/index.js';
import { parsePolicy } from '../evaluate/index.js';
import type { GrantedPermissions } from '../granted/index.js';
import type { LabelledPolicies } from './types.js';

/** A baseline built from granted permissions, or the first policy that does not parse. */
export type GrantedBaseline =
  | { readonly ok: true; readonly baseline: LabelledPolicies; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly policy: string; readonly error: string };

/**
 * The baseline of a principal from its granted permissions (a snapshot or IAM): its inline, managed and group
 * policies, and its permissions boundary when the document is known (a warning says so when it is not).
 */
export function grantedBaseline(permissions: GrantedPermissions, source: string): GrantedBaseline {
  const policies: Policy[] = [];
  for (const p of permissions.policies) {
    const parsed = parsePolicy(p.document, p.name);
    if (!parsed.ok) return { ok: false, policy: p.name, error: parsed.error };
    policies.push(parsed.policy);
  }
  const boundary = permissions.permissionsBoundary;
  let permissionsBoundary: Policy[] | undefined;
  if (boundary?.document) {
    const parsed = parsePolicy(boundary.document, boundary.arn);
    if (!parsed.ok) return { ok: false, policy: boundary.arn, error: parsed.error };
    permissionsBoundary = [parsed.policy];
  }
  const warnings =
    boundary && !boundary.document
      ? [`${source}: the permissions boundary ${boundary.arn} is not known; evaluating without it`]
      : [];
  const label = `${source} (${policies.length} ${policies.length === 1 ? 'policy' : 'policies'}${permissionsBoundary ? ' and a boundary' : ''})`;
  return {
    ok: true,
    baseline: { label, policies, ...(permissionsBoundary ? { permissionsBoundary } : {}) },
    warnings,
  };
}
