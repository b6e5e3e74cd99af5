import {
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  type IAMClient,
  paginateListAttachedGroupPolicies,
  paginateListAttachedRolePolicies,
  paginateListAttachedUserPolicies,
  paginateListGroupPolicies,
  paginateListGroupsForUser,
  paginateListRolePolicies,
  paginateListUserPolicies,
} from '@aws-sdk/client-iam';
import {
  decodePolicyDocument,
  type GrantedPermissions,
  type GrantedPolicy,
  type PolicyDocumentJson,
} from '../../core/granted/index.js';
import { isNoSuchEntity, toIamError } from './errors.js';

/** A role or user to read from IAM: its kind, name, and the full ARN the answer must match. */
export interface IamPrincipalRef {
  readonly kind: 'role' | 'user';
  readonly name: string;
  readonly arn: string;
}

interface AttachedPolicyRef {
  readonly PolicyName?: string | undefined;
  readonly PolicyArn?: string | undefined;
}

/** The three IAM calls that list and read the policies of one kind of holder, with their names for errors. */
interface HolderCalls {
  readonly names: readonly [list: string, get: string, listAttached: string];
  listInline(client: IAMClient, name: string): AsyncIterable<{ PolicyNames?: string[] | undefined }>;
  getInline(
    client: IAMClient,
    name: string,
    policy: string,
  ): Promise<{ PolicyDocument?: string | undefined }>;
  listAttached(
    client: IAMClient,
    name: string,
  ): AsyncIterable<{ AttachedPolicies?: AttachedPolicyRef[] | undefined }>;
}

const HOLDERS: Readonly<Record<'role' | 'user' | 'group', HolderCalls>> = {
  role: {
    names: ['ListRolePolicies', 'GetRolePolicy', 'ListAttachedRolePolicies'],
    listInline: (client, RoleName) => paginateListRolePolicies({ client }, { RoleName }),
    getInline: (client, RoleName, PolicyName) =>
      client.send(new GetRolePolicyCommand({ RoleName, PolicyName })),
    listAttached: (client, RoleName) => paginateListAttachedRolePolicies({ client }, { RoleName }),
  },
  user: {
    names: ['ListUserPolicies', 'GetUserPolicy', 'ListAttachedUserPolicies'],
    listInline: (client, UserName) => paginateListUserPolicies({ client }, { UserName }),
    getInline: (client, UserName, PolicyName) =>
      client.send(new GetUserPolicyCommand({ UserName, PolicyName })),
    listAttached: (client, UserName) => paginateListAttachedUserPolicies({ client }, { UserName }),
  },
  group: {
    names: ['ListGroupPolicies', 'GetGroupPolicy', 'ListAttachedGroupPolicies'],
    listInline: (client, GroupName) => paginateListGroupPolicies({ client }, { GroupName }),
    getInline: (client, GroupName, PolicyName) =>
      client.send(new GetGroupPolicyCommand({ GroupName, PolicyName })),
    listAttached: (client, GroupName) => paginateListAttachedGroupPolicies({ client }, { GroupName }),
  },
};

/**
 * Reads one principal's identity policies and permissions boundary from IAM. Undefined when IAM has no such
 * principal, or when the one it has is not `ref.arn` (another path, or the credentials' account is another).
 */
export async function fetchGrantedPermissions(
  client: IAMClient,
  ref: IamPrincipalRef,
  fetchedAt: number,
  concurrency: number,
): Promise<GrantedPermissions | undefined> {
  const reader = new IamPolicyReader(client, concurrency);
  const entity = await reader.entity(ref);
  if (entity?.Arn !== ref.arn) return undefined;
  const policies = await reader.policiesOf(ref.kind, ref.name, '');
  if (ref.kind === 'user') {
    const groups = await collect(
      `ListGroupsForUser ${ref.name}`,
      paginateListGroupsForUser({ client }, { UserName: ref.name }),
      (p) => p.Groups,
    );
    // Groups one after another: each already fans out to its policies.
    for (const { GroupName } of groups)
      if (GroupName) policies.push(...(await reader.policiesOf('group', GroupName, `${GroupName}/`)));
  }
  const boundaryArn = entity.PermissionsBoundary?.PermissionsBoundaryArn;
  const permissionsBoundary = boundaryArn === undefined ? null : await reader.boundary(boundaryArn);
  return { principal: ref.arn, source: 'iam', fetchedAt, policies, permissionsBoundary };
}

/** The IAM calls behind one fetch; managed policy documents are read once per fetch however often attached. */
class IamPolicyReader {
  readonly #client: IAMClient;
  readonly #concurrency: number;
  readonly #managed = new Map<string, Promise<PolicyDocumentJson>>();

  constructor(client: IAMClient, concurrency: number) {
    this.#client = client;
    this.#concurrency = concurrency;
  }

  async entity(ref: IamPrincipalRef) {
    try {
      if (ref.kind === 'role')
        return (await this.#client.send(new GetRoleCommand({ RoleName: ref.name }))).Role;
      return (await this.#client.send(new GetUserCommand({ UserName: ref.name }))).User;
    } catch (error) {
      if (isNoSuchEntity(error)) return undefined;
      throw toIamError(error, `${ref.kind === 'role' ? 'GetRole' : 'GetUser'} ${ref.name}`);
    }
  }

  /** Inline then attached policies of a role, user or group; group policy names get the group as `prefix`. */
  async policiesOf(kind: 'role' | 'user' | 'group', name: string, prefix: string): Promise<GrantedPolicy[]> {
    const calls = HOLDERS[kind];
    const [list, get, listAttached] = calls.names;
    const client = this.#client;
    const group = kind === 'group';
    const names = await collect(`${list} ${name}`, calls.listInline(client, name), (p) => p.PolicyNames);
    const inline = await this.#map(names, async (policy): Promise<GrantedPolicy> => {
      const doing = `${get} ${name}/${policy}`;
      const answer = await this.#call(doing, () => calls.getInline(client, name, policy));
      const document = decodeOrThrow(answer.PolicyDocument, doing);
      return { name: `${prefix}${policy}`, type: group ? 'group-inline' : 'inline', document };
    });
    const refs = await collect(
      `${listAttached} ${name}`,
      calls.listAttached(client, name),
      (p) => p.AttachedPolicies,
    );
    const usable = refs.filter(
      (r): r is { PolicyName: string; PolicyArn: string } => !!r.PolicyName && !!r.PolicyArn,
    );
    const attached = await this.#map(
      usable,
      async (ref): Promise<GrantedPolicy> => ({
        name: `${prefix}${ref.PolicyName}`,
        type: group ? 'group-managed' : 'managed',
        arn: ref.PolicyArn,
        document: await this.#managedDocument(ref.PolicyArn),
      }),
    );
    return [...inline, ...attached];
  }

  async boundary(arn: string): Promise<NonNullable<GrantedPermissions['permissionsBoundary']>> {
    try {
      return { arn, document: await this.#managedDocument(arn) };
    } catch (error) {
      // A boundary naming a deleted policy: keep the ARN so the report can say the boundary is not accounted for.
      if (isNoSuchEntity(error instanceof Error ? error.cause : undefined)) return { arn };
      throw error;
    }
  }

  #managedDocument(PolicyArn: string): Promise<PolicyDocumentJson> {
    let pending = this.#managed.get(PolicyArn);
    if (pending === undefined) {
      pending = this.#readManaged(PolicyArn);
      this.#managed.set(PolicyArn, pending);
    }
    return pending;
  }

  async #readManaged(PolicyArn: string): Promise<PolicyDocumentJson> {
    const client = this.#client;
    const policy = await this.#call(`GetPolicy ${PolicyArn}`, () =>
      client.send(new GetPolicyCommand({ PolicyArn })),
    );
    const VersionId = policy.Policy?.DefaultVersionId;
    const doing = `GetPolicyVersion ${PolicyArn} ${VersionId ?? '(no default version)'}`;
    const answer = await this.#call(doing, () =>
      client.send(new GetPolicyVersionCommand({ PolicyArn, VersionId })),
    );
    return decodeOrThrow(answer.PolicyVersion?.Document, doing);
  }

  async #call<T>(doing: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toIamError(error, doing);
    }
  }

  /** Maps with at most `concurrency` calls in flight, keeping the input order. */
  async #map<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i] as T);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, items.length) }, worker));
    return results;
  }
}

function decodeOrThrow(raw: string | undefined, doing: string): PolicyDocumentJson {
  try {
    return decodePolicyDocument(raw, 'policy document');
  } catch (error) {
    throw toIamError(error, doing);
  }
}

async function collect<P, T>(
  doing: string,
  pages: AsyncIterable<P>,
  itemsOf: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const items: T[] = [];
  try {
    for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  } catch (error) {
    throw toIamError(error, doing);
  }
  return items;
}
