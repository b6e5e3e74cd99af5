/** Options of `draftPolicy`; every field is optional and has a documented default. */
export interface DraftOptions {
  /**
   * `resources` (default) scopes each action to the resources it was used on; `actions` grants every action on
   * `"*"` (a coarser draft when resource inference is not trusted).
   */
  readonly mode?: 'resources' | 'actions';
  /**
   * Keep only actions matching at least one of these glob patterns (`s3:*`, `iam:Get*`, `*:List*`;
   * case-insensitive, `*` = any run of characters, `?` = one character). Undefined or empty keeps every action.
   */
  readonly allowActions?: readonly string[];
  /** Drop actions matching any of these glob patterns (same syntax as `allowActions`); applied after it. */
  readonly excludeActions?: readonly string[];
  /**
   * Inclusive time range in epoch ms. Usage is aggregated per UTC day, so the filter works at day granularity:
   * an aggregate is kept whole when its `[firstSeen, lastSeen]` span overlaps `[start, end]`, even if some of
   * its calls fall outside the range.
   */
  readonly start?: number;
  readonly end?: number;
  /**
   * Default 25; 0 disables. When one statement's actions touch more than this many S3 object ARNs in one bucket,
   * those ARNs are replaced by `arn:…:s3:::bucket/<longest common key prefix ending at a '/'>*` (`bucket/*` when
   * the keys share no folder). SSM parameter ARNs of one account and region collapse the same way to
   * `parameter/<common path>/*`. The wildcard also covers objects/parameters never used: each collapse is noted.
   */
  readonly collapseObjectsAbove?: number;
  /** Default true: add `kms:ViaService` / `iam:PassedToService` conditions where the records prove them. */
  readonly conditions?: boolean;
  /**
   * Default 6144, the managed-policy limit. Size is the compact JSON length, an upper bound of AWS's count of
   * non-whitespace characters; larger drafts are split into several documents.
   */
  readonly maxPolicySize?: number;
}

/** Condition block: operator → condition key → values (always an array). */
export type PolicyCondition = Record<string, Record<string, string[] | string>>;

/** One Allow statement. iamlp always emits arrays for Action, Resource and condition values. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[] | string;
  Resource: string[] | string;
  Condition?: PolicyCondition;
}

/** An IAM identity-based policy document. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Something the reviewer of a draft should know; `detail` is a self-contained plain-text sentence. */
export interface DraftNote {
  kind: 'unresolved-resource' | 'wildcard-only' | 'excluded' | 'collapsed' | 'denied-only' | 'split';
  action?: string;
  detail: string;
}

/** The drafted policy of one principal, with what was left out or widened and why. */
export interface PolicyDraft {
  principal: string;
  /** Empty when there is nothing to grant (IAM rejects a policy without statements). */
  documents: PolicyDocument[];
  notes: DraftNote[];
  stats: {
    /** Distinct actions granted. */
    actions: number;
    /** Statements across all documents. */
    statements: number;
    /** Successful calls behind the granted actions. */
    successfulCalls: number;
    /** Actions that were only ever denied (never granted). */
    deniedOnlyActions: number;
    /** Granted actions whose resource fell back to `"*"` because it could not be determined. */
    unresolvedActions: string[];
  };
}
