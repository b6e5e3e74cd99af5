import type { UserIdentity } from '../cloudtrail/schema.js';
import type { Principal, PrincipalFlag, PrincipalKind } from '../types.js';
import { partitionOfArn, partitionOfRegion } from './partition.js';

/** Who made a call: the principal usage aggregates to, plus the session details that identify a person. */
export interface ResolvedCaller {
  readonly principal: Principal;
  readonly sessionName?: string;
  readonly sourceIdentity?: string;
  /** Account of the caller ('' when CloudTrail did not record it). */
  readonly sourceAccount: string;
  /** Service that made the call on the principal's behalf, when it is an AWS service host. */
  readonly invokedBy?: string;
}

/** What the record says about where the call happened, used when userIdentity is incomplete. */
export interface CallPlace {
  readonly recipientAccountId: string | undefined;
  readonly region: string | undefined;
}

const SERVICE_LINKED_PATH = '/aws-service-role/';
const IDENTITY_CENTER_PATH = '/aws-reserved/sso.amazonaws.com/';
const SERVICE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;
/** Console front ends appear as invokedBy but do not act on the principal's behalf the way services do. */
const CONSOLE_HOSTS = new Set(['signin.amazonaws.com', 'console.amazonaws.com']);
const ASSUMED_ROLE_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\//;

/** Resolves a record's userIdentity to the principal that owns the permissions used. */
export function resolveCaller(identity: UserIdentity, place: CallPlace): ResolvedCaller {
  const invokedBy = serviceHost(identity.invokedBy);
  const base = resolveByType(identity, place);
  return invokedBy ? { ...base, invokedBy } : base;
}

function resolveByType(identity: UserIdentity, place: CallPlace): ResolvedCaller {
  const account = identity.accountId ?? place.recipientAccountId ?? '';
  const partition = partitionOfArn(identity.arn) ?? partitionOfRegion(place.region);
  switch (identity.type) {
    case 'AssumedRole':
      return resolveAssumedRole(identity, account, partition);
    case 'IAMUser':
      return caller(
        identity.arn ?? userArn(partition, account, identity.userName),
        'user',
        account,
        partition,
      );
    case 'Root':
      return caller(`arn:${partition}:iam::${account}:root`, 'root', account, partition);
    case 'FederatedUser':
      return caller(
        identity.arn ?? `arn:${partition}:sts::${account}:federated-user/${identity.userName ?? 'unknown'}`,
        'federated-user',
        account,
        partition,
      );
    case 'AWSAccount':
      return caller(`arn:${partition}:iam::${account}:root`, 'aws-account', account, partition);
    case 'WebIdentityUser':
      return external('web-identity', identity, account, partition);
    case 'SAMLUser':
      return external('saml', identity, account, partition);
    case 'AWSService':
      return awsService(identity, account, partition);
    default:
      // AwsServiceEvent records may carry only `invokedBy` and `accountId`, without a type.
      if (identity.type === undefined && identity.invokedBy) return awsService(identity, account, partition);
      return unknown(identity, account, partition);
  }
}

function resolveAssumedRole(identity: UserIdentity, account: string, partition: string): ResolvedCaller {
  const issuer = identity.sessionContext?.sessionIssuer;
  const session = identity.arn ? parseAssumedRoleArn(identity.arn) : null;
  // The issuer ARN keeps the role path; the assumed-role ARN drops it, so it is only a fallback.
  const roleArn =
    issuer?.arn && ROLE_ARN.test(issuer.arn)
      ? issuer.arn
      : session
        ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`
        : undefined;
  if (!roleArn) return unknown(identity, account, partition);
  const flags: PrincipalFlag[] = [];
  if (roleArn.includes(SERVICE_LINKED_PATH)) flags.push('service-linked');
  if (roleArn.includes(IDENTITY_CENTER_PATH)) flags.push('identity-center');
  if (identity.sessionContext?.webIdFederationData?.federatedProvider) flags.push('web-identity-session');
  const principal: Principal = {
    arn: roleArn,
    kind: 'role',
    accountId: issuer?.accountId ?? session?.[2] ?? account,
    partition: partitionOfArn(roleArn) ?? partition,
    flags,
    draftable: !flags.includes('service-linked'),
  };
  const sessionName = session?.[4];
  const sourceIdentity = identity.sessionContext?.sourceIdentity ?? undefined;
  return {
    principal,
    sourceAccount: principal.accountId,
    ...(sessionName ? { sessionName } : {}),
    ...(sourceIdentity ? { sourceIdentity } : {}),
  };
}

const MAX_CACHED_SESSIONS = 50_000;
const sessionCache = new Map<string, RegExpExecArray | null>();

/** Parses an assumed-role ARN, cached: the same sessions recur across millions of records. */
function parseAssumedRoleArn(arn: string): RegExpExecArray | null {
  let parsed = sessionCache.get(arn);
  if (parsed === undefined) {
    parsed = ASSUMED_ROLE_ARN.exec(arn);
    if (sessionCache.size >= MAX_CACHED_SESSIONS) sessionCache.clear();
    sessionCache.set(arn, parsed);
  }
  return parsed;
}

function caller(arn: string, kind: PrincipalKind, account: string, partition: string): ResolvedCaller {
  return {
    principal: { arn, kind, accountId: account, partition, flags: [], draftable: true },
    sourceAccount: account,
  };
}

/** Web-identity and SAML users only call AssumeRoleWith*, which trust policies authorise: never drafted. */
function external(
  kind: 'web-identity' | 'saml',
  identity: UserIdentity,
  account: string,
  partition: string,
): ResolvedCaller {
  const provider = identity.identityProvider ?? 'unknown-provider';
  const user = identity.userName ?? identity.principalId ?? 'unknown';
  return {
    principal: {
      arn: `${kind}:${provider}:${user}`,
      kind,
      accountId: account,
      partition,
      flags: [],
      draftable: false,
    },
    sourceAccount: account,
  };
}

function awsService(identity: UserIdentity, account: string, partition: string): ResolvedCaller {
  return {
    principal: {
      arn: identity.invokedBy ?? 'unknown-service',
      kind: 'aws-service',
      accountId: account,
      partition,
      flags: ['aws-service'],
      draftable: false,
    },
    sourceAccount: account,
  };
}

function unknown(identity: UserIdentity, account: string, partition: string): ResolvedCaller {
  return {
    principal: {
      arn: identity.arn ?? `unknown:${account}:${identity.principalId ?? identity.type ?? 'unidentified'}`,
      kind: 'unknown',
      accountId: account,
      partition,
      flags: [],
      draftable: false,
    },
    sourceAccount: account,
  };
}

function userArn(partition: string, account: string, userName: string | null | undefined): string {
  return `arn:${partition}:iam::${account}:user/${userName ?? 'unknown'}`;
}

/** Keeps invokedBy only when it names a service host (not "AWS Internal" or "signin.amazonaws.com" consoles). */
function serviceHost(invokedBy: string | null | undefined): string | undefined {
  if (!invokedBy || CONSOLE_HOSTS.has(invokedBy) || !SERVICE_HOST.test(invokedBy)) return undefined;
  return invokedBy;
}
