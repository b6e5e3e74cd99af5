/**
 * The core's own vocabulary. Downstream code never sees raw CloudTrail: records are parsed at the edge
 * (core/cloudtrail) and transformed into these types.
 */

/** Kinds of identity that make calls, after resolving sessions to the identity that owns them. */
export const PRINCIPAL_KINDS = [
  'role',
  'user',
  'root',
  'federated-user',
  'aws-account',
  'aws-service',
  'web-identity',
  'saml',
  'unknown',
] as const;

/** One of {@link PRINCIPAL_KINDS}. */
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** Facts about a principal that change how it is reported or drafted. */
export type PrincipalFlag =
  /** Role under `/aws-service-role/`: AWS manages its policy. */
  | 'service-linked'
  /** An AWS service acting as itself (`userIdentity.type = AWSService`). */
  | 'aws-service'
  /** IAM Identity Center permission-set role (`/aws-reserved/sso.amazonaws.com/`). */
  | 'identity-center'
  /** A role session obtained with AssumeRoleWithWebIdentity (OIDC: EKS, GitHub Actions, Cognito, …). */
  | 'web-identity-session';

/** The identity usage is aggregated to: a role (not its sessions), a user, root, an account, a service. */
export interface Principal {
  /** Aggregation key: the role ARN with its path, the user ARN, `arn:…:iam::<acct>:root`, or a service name. */
  readonly arn: string;
  readonly kind: PrincipalKind;
  /** Account that owns the principal ('' when CloudTrail did not say). */
  readonly accountId: string;
  readonly partition: string;
  readonly flags: readonly PrincipalFlag[];
  /** False for principals whose policies AWS manages (service-linked roles, AWS services); never drafted by default. */
  readonly draftable: boolean;
}

/** Why a call is not evidence of a permission the principal needs. */
export type NotAGrantReason =
  | 'aws-service-event'
  | 'console-sign-in'
  | 'console-action'
  | 'vpce-event'
  | 'insight'
  | 'permissionless';

/** How the call ended, as far as authorization is concerned. */
export type Outcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'denied'; readonly code: string }
  | { readonly kind: 'error'; readonly code: string }
  | { readonly kind: 'not-a-grant'; readonly reason: NotAGrantReason };

/** Where a resource ARN came from, from most to least trustworthy. */
export type ResourceOrigin =
  /** The record's own `resources[]`. */
  | 'record'
  /** Built from `requestParameters` with an IAM ARN template. */
  | 'request'
  /** The action supports no resource-level permissions: `"*"` is exact. */
  | 'wildcard-only'
  /** The call named no resource (e.g. a Describe/List of everything): `"*"` is what it needed. */
  | 'unscoped'
  /** The resource could not be determined: `"*"` is a fallback and is flagged. */
  | 'unresolved';

/** One resource an action was used on. `arn` is `"*"` for wildcard-only and unresolved resources. */
export interface ResourceRef {
  readonly arn: string;
  readonly origin: ResourceOrigin;
}

/** One IAM action a call needed, with the resources it needed it on. */
export interface ActionUse {
  /** Canonical `prefix:Name`, guaranteed to exist in the IAM reference data. */
  readonly action: string;
  readonly resources: readonly ResourceRef[];
  /** Service a role was passed to, for an implied `iam:PassRole` (drives `iam:PassedToService`). */
  readonly passedToService?: string;
}

/** Result of mapping a call's eventSource/eventName to IAM actions. */
export type Mapping =
  | { readonly kind: 'mapped'; readonly actions: readonly ActionUse[] }
  | { readonly kind: 'unmapped'; readonly reason: string };

/** A normalised CloudTrail API call. */
export interface ApiCall {
  /** CloudTrail `eventID`: the dedupe key. */
  readonly eventId: string;
  /** Event time, epoch milliseconds. */
  readonly time: number;
  readonly eventSource: string;
  readonly eventName: string;
  readonly region: string;
  readonly principal: Principal;
  /** Session name of an assumed-role session, when there is one. */
  readonly sessionName?: string;
  /** `sourceIdentity` set on the session, when there is one. */
  readonly sourceIdentity?: string;
  /** Account the caller belongs to. */
  readonly sourceAccount: string;
  /** Account that received the call and owns the resources (`recipientAccountId`, or the caller's account). */
  readonly recipientAccount: string;
  /** The caller's account differs from the account that received the call. */
  readonly crossAccount: boolean;
  /** Service that made the call on the principal's behalf (`userIdentity.invokedBy`), when it is a service. */
  readonly invokedBy?: string;
  readonly outcome: Outcome;
  readonly mapping: Mapping;
}

/** Stable machine-readable reasons a record is quarantined instead of analysed. */
export const QUARANTINE_CODES = [
  'INVALID_JSON',
  'NOT_AN_OBJECT',
  'NOT_CLOUDTRAIL',
  'UNSUPPORTED_EVENT_VERSION',
  'MISSING_FIELD',
  'INVALID_FIELD',
  'TOO_LARGE',
] as const;
export type QuarantineCode = (typeof QUARANTINE_CODES)[number];

/** A record that could not be turned into an ApiCall, with the reason. */
export interface Quarantined {
  readonly code: QuarantineCode;
  /** Human-readable reason; never contains the record's content. */
  readonly reason: string;
  /** CloudTrail eventID, when the record had a readable one. */
  readonly eventId?: string;
}

/** Result of normalising one record. */
export type NormaliseResult =
  | { readonly kind: 'call'; readonly call: ApiCall }
  | { readonly kind: 'quarantined'; readonly quarantined: Quarantined };
