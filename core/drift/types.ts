import type { AccessLevel } from '../actions/reference-data.js';
import type { GrantedPolicyType } from '../granted/types.js';

/** Granted-versus-used drift of one principal; the API's DriftResponse with epoch-ms times. */
export interface DriftReport {
  readonly principal: string;
  readonly granted: {
    /** `none` when no granted permissions are known for the principal. */
    readonly source: 'snapshot' | 'iam' | 'none';
    readonly fetchedAt: number | null;
    readonly policies: readonly {
      readonly name: string;
      readonly type: GrantedPolicyType;
      readonly arn?: string;
    }[];
    readonly permissionsBoundary: string | null;
    readonly caveats: readonly string[];
  };
  /** 0 … 100, the access-level-weighted share of granted actions never used (see score.ts); null when unknown. */
  readonly score: number | null;
  readonly counts: {
    readonly granted: number;
    /** Distinct actions with at least one successful call, granted or not. */
    readonly used: number;
    readonly grantedUnused: number;
    readonly usedNotGranted: number;
    /** Distinct actions with at least one denied call. */
    readonly deniedActions: number;
  };
  /** High-risk first, then by access level (Permissions management, Write, Tagging, Read, List), then action. */
  readonly grantedUnused: readonly DriftUnusedAction[];
  /** Sorted by action. */
  readonly usedNotGranted: readonly {
    readonly action: string;
    readonly calls: number;
    readonly lastSeen: number;
  }[];
  /** Sorted by action, then resource. */
  readonly denied: readonly DriftDenied[];
  /** Every granted action, sorted; lastSeen is null when the data holds no successful call. */
  readonly lastUse: readonly { readonly action: string; readonly lastSeen: number | null }[];
}

/** A granted action the usage data never shows being called successfully. */
export interface DriftUnusedAction {
  readonly action: string;
  readonly accessLevel: AccessLevel;
  readonly highRisk: boolean;
}

/** Denied attempts on one action and resource. */
export interface DriftDenied {
  readonly action: string;
  readonly resource: string;
  readonly denied: number;
  readonly lastSeen: number;
}
