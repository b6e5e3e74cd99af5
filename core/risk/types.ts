/** The kinds of harm a high-risk action can do, in the order reports list them. */
export const RISK_CATEGORIES = [
  'privilege-escalation',
  'credentials-exposure',
  'resource-exposure',
  'data-exfiltration',
  'defense-evasion',
  'destructive',
] as const;

/** One of {@link RISK_CATEGORIES}. */
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Severities from most to least severe. */
export const RISK_SEVERITIES = ['critical', 'high', 'medium'] as const;

/** One of {@link RISK_SEVERITIES}. */
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];

/** Where an entry came from: the hand-curated lists, or the rule over IAM's "Permissions management" access level. */
export type RiskOrigin = 'curated' | 'permissions-management';

/** Why one IAM action is high-risk. */
export interface RiskEntry {
  /** Canonical `prefix:Name` casing, as in the IAM reference data. */
  readonly action: string;
  readonly category: RiskCategory;
  readonly severity: RiskSeverity;
  /** One sentence for a security engineer saying what the action lets the caller do. */
  readonly reason: string;
  readonly origin: RiskOrigin;
}

/** A hand-curated entry; its category comes from the list it is in. */
export interface CuratedRisk {
  readonly action: string;
  readonly severity: RiskSeverity;
  readonly reason: string;
}
