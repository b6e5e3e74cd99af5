import { z } from 'zod';
import { GrantedError } from './errors.js';
import { decodePolicyDocument, describeIssue, type PolicyDocumentJson } from './policy-document.js';
import type { GrantedPermissions, GrantedPolicy } from './types.js';

// Loose objects throughout: IAM adds fields (Tags, RoleLastUsed, …) and iamlp reads only what it needs.
const InlinePolicy = z.looseObject({ PolicyName: z.string(), PolicyDocument: z.unknown() });
const AttachedPolicy = z.looseObject({ PolicyName: z.string(), PolicyArn: z.string() });
const Boundary = z.looseObject({ PermissionsBoundaryArn: z.string() });
const list = <T extends z.ZodType>(item: T) => z.array(item).default([]);

const RoleDetail = z.looseObject({
  Path: z.string().default('/'),
  RoleName: z.string().min(1),
  Arn: z.string(),
  RolePolicyList: list(InlinePolicy),
  AttachedManagedPolicies: list(AttachedPolicy),
  PermissionsBoundary: Boundary.optional(),
});

const UserDetail = z.looseObject({
  Path: z.string().default('/'),
  UserName: z.string().min(1),
  Arn: z.string(),
  UserPolicyList: list(InlinePolicy),
  AttachedManagedPolicies: list(AttachedPolicy),
  GroupList: list(z.string()),
  PermissionsBoundary: Boundary.optional(),
});

const GroupDetail = z.looseObject({
  GroupName: z.string().min(1),
  GroupPolicyList: list(InlinePolicy),
  AttachedManagedPolicies: list(AttachedPolicy),
});

const ManagedPolicy = z.looseObject({
  PolicyName: z.string(),
  Arn: z.string(),
  DefaultVersionId: z.string().optional(),
  PolicyVersionList: list(
    z.looseObject({
      Document: z.unknown(),
      VersionId: z.string().optional(),
      IsDefaultVersion: z.boolean().optional(),
    }),
  ),
});

/** The output of `aws iam get-account-authorization-details` (all pages merged, as the CLI prints it). */
export const AuthorizationDetailsSchema = z.looseObject({
  UserDetailList: list(UserDetail),
  GroupDetailList: list(GroupDetail),
  RoleDetailList: list(RoleDetail),
  Policies: list(ManagedPolicy),
});

type AuthorizationDetails = z.infer<typeof AuthorizationDetailsSchema>;
type ManagedPolicyDetail = z.infer<typeof ManagedPolicy>;
type GroupDetailEntry = z.infer<typeof GroupDetail>;

const DETAIL_LISTS = ['RoleDetailList', 'UserDetailList', 'GroupDetailList', 'Policies'] as const;
const PRINCIPAL_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):(role|user)(\/.*)$/;

/**
 * Parses a `get-account-authorization-details` snapshot into the granted permissions of every role and user in
 * it, keyed by principal ARN (path kept, as iamlp aggregates principals); throws a {@link GrantedError} naming
 * the offending field when the snapshot is malformed.
 */
export function parseAuthorizationDetails(json: unknown, fetchedAt: number): Map<string, GrantedPermissions> {
  const details = decodeSnapshot(json);
  const managed = new ManagedPolicies(details.Policies);
  const groups = new Map(details.GroupDetailList.map((g) => [g.GroupName, g]));
  const result = new Map<string, GrantedPermissions>();
  details.RoleDetailList.forEach((role, i) => {
    const where = `RoleDetailList[${i}] (role ${role.RoleName})`;
    const principal = principalArn(role.Arn, 'role', role.Path, role.RoleName, where);
    const policies = [
      ...inlinePolicies(role.RolePolicyList, 'inline', '', where),
      ...managedPolicies(role.AttachedManagedPolicies, 'managed', '', managed, where),
    ];
    result.set(principal, permissions(principal, fetchedAt, policies, role.PermissionsBoundary, managed));
  });
  details.UserDetailList.forEach((user, i) => {
    const where = `UserDetailList[${i}] (user ${user.UserName})`;
    const principal = principalArn(user.Arn, 'user', user.Path, user.UserName, where);
    const policies = [
      ...inlinePolicies(user.UserPolicyList, 'inline', '', where),
      ...managedPolicies(user.AttachedManagedPolicies, 'managed', '', managed, where),
      ...user.GroupList.flatMap((name) => groupPolicies(groupNamed(groups, name, where), managed)),
    ];
    result.set(principal, permissions(principal, fetchedAt, policies, user.PermissionsBoundary, managed));
  });
  return result;
}

function decodeSnapshot(json: unknown): AuthorizationDetails {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new GrantedError('INVALID_SNAPSHOT', 'the snapshot is not a JSON object');
  }
  if (!DETAIL_LISTS.some((key) => Object.hasOwn(json, key))) {
    throw new GrantedError(
      'INVALID_SNAPSHOT',
      `the snapshot has none of ${DETAIL_LISTS.join(', ')}: it is not get-account-authorization-details output`,
    );
  }
  const parsed = AuthorizationDetailsSchema.safeParse(json);
  if (!parsed.success) throw new GrantedError('INVALID_SNAPSHOT', describeIssue(parsed.error));
  return parsed.data;
}

function principalArn(arn: string, kind: 'role' | 'user', path: string, name: string, where: string): string {
  const match = PRINCIPAL_ARN.exec(arn);
  const expected = `${path.endsWith('/') ? path : `${path}/`}${name}`;
  if (match?.[3] !== kind || match[4] !== expected) {
    throw new GrantedError(
      'INVALID_PRINCIPAL_ARN',
      `${where}: Arn is not the ${kind} ARN of path ${path} and name ${name}`,
    );
  }
  return arn;
}

function inlinePolicies(
  entries: readonly z.infer<typeof InlinePolicy>[],
  type: 'inline' | 'group-inline',
  prefix: string,
  where: string,
): GrantedPolicy[] {
  return entries.map((entry) => ({
    name: `${prefix}${entry.PolicyName}`,
    type,
    document: decodePolicyDocument(entry.PolicyDocument, `${where}, inline policy ${entry.PolicyName}`),
  }));
}

function managedPolicies(
  entries: readonly z.infer<typeof AttachedPolicy>[],
  type: 'managed' | 'group-managed',
  prefix: string,
  managed: ManagedPolicies,
  where: string,
): GrantedPolicy[] {
  return entries.map((entry) => {
    const document = managed.document(entry.PolicyArn);
    if (document === undefined) {
      throw new GrantedError(
        'UNKNOWN_MANAGED_POLICY',
        `${where}: managed policy ${entry.PolicyArn} is attached but not in Policies ` +
          '(take the snapshot without --filter, or with LocalManagedPolicy and AWSManagedPolicy)',
      );
    }
    return { name: `${prefix}${entry.PolicyName}`, type, arn: entry.PolicyArn, document };
  });
}

function groupNamed(groups: ReadonlyMap<string, GroupDetailEntry>, name: string, where: string) {
  const group = groups.get(name);
  if (group === undefined) {
    throw new GrantedError(
      'UNKNOWN_GROUP',
      `${where}: group ${name} is not in GroupDetailList (take the snapshot without --filter)`,
    );
  }
  return group;
}

function groupPolicies(group: GroupDetailEntry, managed: ManagedPolicies): GrantedPolicy[] {
  const where = `GroupDetailList (group ${group.GroupName})`;
  const prefix = `${group.GroupName}/`;
  return [
    ...inlinePolicies(group.GroupPolicyList, 'group-inline', prefix, where),
    ...managedPolicies(group.AttachedManagedPolicies, 'group-managed', prefix, managed, where),
  ];
}

function permissions(
  principal: string,
  fetchedAt: number,
  policies: readonly GrantedPolicy[],
  boundary: z.infer<typeof Boundary> | undefined,
  managed: ManagedPolicies,
): GrantedPermissions {
  let permissionsBoundary: GrantedPermissions['permissionsBoundary'] = null;
  if (boundary !== undefined) {
    const arn = boundary.PermissionsBoundaryArn;
    const document = managed.document(arn);
    permissionsBoundary = document === undefined ? { arn } : { arn, document };
  }
  return { principal, source: 'snapshot', fetchedAt, policies: [...policies], permissionsBoundary };
}

/** Default versions of the snapshot's managed policies, decoded once each however many principals use them. */
class ManagedPolicies {
  readonly #byArn: ReadonlyMap<string, { policy: ManagedPolicyDetail; index: number }>;
  readonly #decoded = new Map<string, PolicyDocumentJson>();

  constructor(policies: readonly ManagedPolicyDetail[]) {
    this.#byArn = new Map(policies.map((policy, index) => [policy.Arn, { policy, index }]));
  }

  /** The default version's document, or undefined when the snapshot does not hold the policy. */
  document(arn: string): PolicyDocumentJson | undefined {
    const cached = this.#decoded.get(arn);
    if (cached !== undefined) return cached;
    const entry = this.#byArn.get(arn);
    if (entry === undefined) return undefined;
    const { policy, index } = entry;
    const versions = policy.PolicyVersionList;
    const version =
      versions.find((v) => v.IsDefaultVersion === true) ??
      versions.find((v) => v.VersionId !== undefined && v.VersionId === policy.DefaultVersionId) ??
      (versions.length === 1 ? versions[0] : undefined);
    const where = `Policies[${index}] (${policy.Arn})`;
    if (version === undefined) {
      throw new GrantedError('UNKNOWN_MANAGED_POLICY', `${where}: PolicyVersionList has no default version`);
    }
    const document = decodePolicyDocument(version.Document, `${where}, version ${version.VersionId ?? '?'}`);
    this.#decoded.set(arn, document);
    return document;
  }
}
