/** Effect of a statement. */
export type Effect = 'Allow' | 'Deny';

/** One condition clause: operator (`StringEquals`, `ForAnyValue:StringLike`, …) × key × values. */
export interface ConditionClause {
  /** The operator exactly as written in the policy. */
  readonly operator: string;
  /** Condition key in lower case: IAM compares key names case-insensitively. */
  readonly key: string;
  readonly values: readonly string[];
}

/** A statement normalised for evaluation: single values become arrays, keys are parsed once. */
export interface Statement {
  /** Sid, or `#<index>` when the statement has none. */
  readonly sid: string;
  /** Index of the statement in its policy. */
  readonly index: number;
  readonly effect: Effect;
  /** Action patterns in lower case; `notAction` true when they came from `NotAction`. */
  readonly actions: readonly string[];
  readonly notAction: boolean;
  /** Resource patterns as written; `notResource` true when they came from `NotResource`. */
  readonly resources: readonly string[];
  readonly notResource: boolean;
  readonly conditions: readonly ConditionClause[];
}

/** A parsed IAM policy document. */
export interface Policy {
  /** Name the caller gave the policy (file name, managed policy name…); used in deciding statements. */
  readonly id: string;
  /** Policy variables are only replaced in `2012-10-17` policies; `2008-10-17` treats `${…}` literally. */
  readonly variables: boolean;
  readonly statements: readonly Statement[];
}

/** Values of the request context: one string for single-valued keys, an array for multivalued keys. */
export type ContextValues = Readonly<Record<string, string | readonly string[]>>;

/** What is asked: may the principal call `action` on `resource` with this context. */
export interface EvaluationRequest {
  /** `service:Action`, compared case-insensitively. */
  readonly action: string;
  /** Resource ARN, or undefined when unknown (see `unknownResource`). */
  readonly resource?: string | undefined;
  /**
   * How to decide when `resource` is unknown. `lenient` (default): allowed when the policies allow the action on
   * some resource (an Allow that could match some resource applies; a Deny only when it covers `"*"`). `strict`:
   * allowed only when they allow it on every resource (an Allow must cover `"*"`; any Deny of the action applies).
   */
  readonly unknownResource?: 'lenient' | 'strict' | undefined;
  /** Request context keys (any case) and values, e.g. `aws:SourceIp`, `aws:PrincipalTag/team`. */
  readonly context?: ContextValues | undefined;
}

/** The policies that apply to the request. */
export interface PolicySet {
  /** Identity-based policies of the principal (inline and managed). */
  readonly identity: readonly Policy[];
  /** Service control policies, one array per level from the root to the account; every level must allow. */
  readonly scpLevels?: readonly (readonly Policy[])[];
  /** Permissions boundary policies; when given, one of them must allow. */
  readonly permissionsBoundary?: readonly Policy[];
}

/** Which kind of policy a statement belongs to. */
export type PolicyKind = 'identity' | 'scp' | 'boundary';

/** A statement that took part in the decision. */
export interface DecidingStatement {
  readonly kind: PolicyKind;
  readonly policy: string;
  readonly sid: string;
  readonly effect: Effect;
  /** SCP level (0 = root) for `kind: 'scp'`. */
  readonly level?: number;
}

/** The outcome of an evaluation, with the statements behind it. */
export type Decision =
  | { readonly decision: 'Allow'; readonly statements: readonly DecidingStatement[] }
  | { readonly decision: 'ExplicitDeny'; readonly statements: readonly DecidingStatement[] }
  | {
      readonly decision: 'ImplicitDeny';
      /** The first layer with no matching Allow: identity policies, an SCP level or the boundary. */
      readonly missing: PolicyKind;
      readonly level?: number;
      /** Always empty: no statement decides an implicit deny. */
      readonly statements: readonly DecidingStatement[];
    };
