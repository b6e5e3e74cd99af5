import type { PolicyDocumentJson } from './policy-document.js';

/** How a policy reaches the principal: its own inline or managed policy, or one of a group it is in. */
export type GrantedPolicyType = 'inline' | 'managed' | 'group-inline' | 'group-managed';

/** One identity policy in effect for a principal, with its document. */
export interface GrantedPolicy {
  /** Policy name; for group policies `<group>/<policy>`, so two groups' inline policies stay apart. */
  readonly name: string;
  readonly type: GrantedPolicyType;
  /** Managed policy ARN; absent for inline policies. */
  readonly arn?: string;
  readonly document: PolicyDocumentJson;
}

/** The identity policies and permissions boundary of one IAM role or user at one point in time. */
export interface GrantedPermissions {
  /** Role or user ARN with its path, as iamlp aggregates principals. */
  readonly principal: string;
  readonly source: 'snapshot' | 'iam';
  /** Epoch ms when the permissions were read (for a snapshot file, its modification time). */
  readonly fetchedAt: number;
  readonly policies: readonly GrantedPolicy[];
  /** The boundary policy; `document` is absent when the source could not provide it. */
  readonly permissionsBoundary: { readonly arn: string; readonly document?: PolicyDocumentJson } | null;
}
