import type { ContextValues, Decision, Policy } from '../evaluate/types.js';
import type { RiskCategory } from '../risk/types.js';
import type { ExternalCheck } from './external-check.js';

/**
 * One recorded usage aggregate to replay; an analysis `UsageRow` fits as it is. `resource: "*"` means the resource
 * could not be determined (or the action has none).
 */
export interface RecordedUsage {
  readonly action: string;
  readonly resource: string;
  /** Successful calls. */
  readonly calls: number;
  /** Calls denied by an authorization check. */
  readonly denied: number;
  readonly regions?: readonly string[];
  /** Services that called on the principal's behalf (become `kms:ViaService` for KMS actions). */
  readonly viaServices?: readonly string[];
  /** True when some calls were made directly, not through a service. */
  readonly direct?: boolean;
  /** Services a role was passed to (become `iam:PassedToService` for `iam:PassRole`). */
  readonly passedTo?: readonly string[];
  /** ISO time of the last call; becomes `aws:CurrentTime` and `aws:EpochTime`. */
  readonly lastSeen?: string;
}

/** A set of identity policies under a label (file name, "granted snapshot"…). */
export interface LabelledPolicies {
  readonly label: string;
  readonly policies: readonly Policy[];
  /** The principal's permissions boundary, when the source knows it (a granted snapshot does). */
  readonly permissionsBoundary?: readonly Policy[];
}

/** The environment both baseline and proposal run in: organisation SCPs, boundary, extra request context. */
export interface Guardrails {
  /** SCPs per level, root first; every level must allow. */
  readonly scpLevels?: readonly (readonly Policy[])[];
  /** Replaces the baseline's permissions boundary for both baseline and proposal. */
  readonly permissionsBoundary?: readonly Policy[];
  /** Context keys added to every replayed request (`aws:SourceIp`, `aws:PrincipalTag/team`…). */
  readonly context?: ContextValues;
}

/** An extra request to evaluate, with the outcome the user expects. */
export interface SimulationCase {
  readonly name?: string;
  readonly action: string;
  /** Omitted: any resource (see docs/SIMULATE.md, "Unknown resources"). */
  readonly resource?: string;
  readonly context?: ContextValues;
  readonly expect?: 'allow' | 'deny';
}

/** What `simulate` needs: the principal, its recorded usage, the proposal, and optionally a baseline. */
export interface SimulationInput {
  readonly principal: string;
  /** Usage rows of this principal only. */
  readonly usage: readonly RecordedUsage[];
  readonly proposed: LabelledPolicies;
  /** The policies in force today; without it, recorded outcomes are the "before". */
  readonly baseline?: LabelledPolicies;
  readonly guardrails?: Guardrails;
  readonly cases?: readonly SimulationCase[];
}

/** Share of allowed (action, resource pattern) pairs whose resource is not `"*"`. */
export interface Concreteness {
  readonly concrete: number;
  readonly total: number;
  /** `concrete / total`, 1 when there is no pair. */
  readonly ratio: number;
  /** Pairs on `"*"` whose action supports no resource-level permission, so `"*"` is the only choice. */
  readonly wildcardOnly: number;
}

/** High-risk catalog actions allowed before and after, for one category. */
export interface HighRiskReduction {
  readonly category: RiskCategory;
  readonly before: number | null;
  readonly after: number;
  /** Allowed before, not after. */
  readonly removed: readonly string[];
  /** Allowed after, not before (every one allowed after when there is no baseline). */
  readonly added: readonly string[];
  /** Every catalog action of the category the proposal allows. */
  readonly allowed: readonly string[];
}

/** A recorded request the proposal would treat differently. */
export interface RowChange {
  readonly action: string;
  /** `"*"` when the recorded resource is unknown. */
  readonly resource: string;
  /** Successful recorded calls (regressions) or denied recorded calls (newly allowed). */
  readonly calls: number;
  /** One sentence saying why the proposal decides so. */
  readonly reason: string;
  readonly decision: Decision['decision'];
}

/** Outcome of one `SimulationCase`. */
export interface CaseResult {
  readonly name: string;
  readonly action: string;
  readonly resource: string;
  readonly before: Decision['decision'] | null;
  readonly after: Decision['decision'];
  readonly reason: string;
  readonly expect?: 'allow' | 'deny';
  /** False when the proposal's outcome differs from `expect`; true without an expectation. */
  readonly ok: boolean;
}

/** The simulator's result; `renderDiffMarkdown` prints it, `--format json` serialises it as is. */
export interface SimulationReport {
  readonly principal: string;
  readonly baseline: string | null;
  readonly proposed: string;
  readonly recorded: {
    readonly rows: number;
    readonly successfulCalls: number;
    readonly deniedCalls: number;
  };
  readonly metrics: {
    readonly allowedActionDelta: {
      readonly before: number | null;
      readonly after: number;
      readonly removed: readonly string[];
      readonly added: readonly string[];
      readonly kept: readonly string[];
    };
    readonly resourceConcretenessRatio: {
      readonly before: Concreteness | null;
      readonly after: Concreteness;
    };
    readonly accessDeniedChange: {
      /** Recorded calls denied before: by the baseline when given, else as recorded. */
      readonly before: number;
      readonly beforeSource: 'baseline' | 'recorded';
      readonly after: number;
      /** Successful recorded calls the proposal denies (the regressions' calls). */
      readonly newlyDenied: number;
      /** Recorded denied calls the proposal allows. */
      readonly newlyAllowed: number;
      /** Successful recorded calls the baseline itself denies: a sign the baseline is incomplete. */
      readonly baselineGaps: number;
      /** Rows replayed with an unknown resource. */
      readonly unknownResourceRows: number;
    };
    readonly highRiskReductions: readonly HighRiskReduction[];
  };
  readonly regressions: readonly RowChange[];
  readonly newlyAllowed: readonly RowChange[];
  readonly cases: readonly CaseResult[];
  readonly notes: readonly string[];
  /** Set by adapters that also asked IAM's policy simulator (`iamlp simulate --aws`). */
  readonly externalCheck?: ExternalCheck;
}
