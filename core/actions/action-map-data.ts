/**
 * Shape of the event → action table derived from iam-dataset's map.json (scripts/derive-action-map.ts), and of
 * the hand-written override rules that share its vocabulary.
 *
 * Templates (`vars` values and `arn`) use iam-dataset's template syntax (its MAP-README), evaluated by
 * core/resources: `${Partition}`, `${Region}`, `${Account}` come from the call context; any other `${path}` reads
 * CloudTrail's `requestParameters` by a dot path (`a.b`), `[]` after a segment meaning "each element"
 * (`requestItems[].tableName`); helpers such as `%%regex%${functionName}%/re/g%%` and `%%iftemplatematch%…%%` are
 * kept. Paths are already in CloudTrail's spelling (lowerCamelCase; S3's REST names such as `bucketName`, `key`).
 * A top-level `%%many%…%%` or `%%iftruthy%…%%` in an ARN template is lowered at derivation time into separate
 * rules with conditions, so a rule only yields a target when the request selects it.
 */

/** Operators a rule condition can use; all read request parameters and never throw. */
export type ClauseOp = 'Exists' | 'NotExists' | 'Equals' | 'NotEquals' | 'IContains' | 'INotContains';

/** One condition over the request parameters: `[path, op, value]`. */
export type Clause = readonly [path: string, op: ClauseOp, value?: string];

/** One action a call needs, with its resource hints and the conditions under which it applies. */
export interface Rule {
  /** Canonical `prefix:Name`. */
  readonly action: string;
  /** ARN-template variable (e.g. `BucketName`) → template over request parameters. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Whole-ARN template over request parameters (map.json `arn_override` / `resourcearn_mappings`). */
  readonly arn?: string;
  /** Every clause must hold for the rule to apply (see rules.ts for absent parameters). */
  readonly when?: readonly Clause[];
}

/** A rule as stored in the generated table: `[action, vars | 0, arn | 0, when]`, trailing parts omitted. */
export type EncodedRule = readonly [
  action: string,
  vars?: Readonly<Record<string, string>> | 0,
  arn?: string | 0,
  when?: readonly Clause[],
];

/** The generated table. */
export interface ActionMapData {
  /** Where the data came from, for reports. */
  readonly source: string;
  /** Version of the IAM reference data the actions were checked against. */
  readonly iamDataVersion: string;
  /**
   * IAM prefix → CloudTrail event name → rules. An empty list marks an operation whose map.json actions were all
   * dropped (unknown to the IAM reference data, or wrong for the event source).
   */
  readonly services: Readonly<Record<string, Readonly<Record<string, readonly EncodedRule[]>>>>;
  /** Calls that need no IAM permission, as `prefix:Operation` (map.json `sdk_permissionless_actions`). */
  readonly permissionless: readonly string[];
}

/** Decodes a stored rule into its readable form. */
export function decodeRule(encoded: EncodedRule): Rule {
  const [action, vars, arn, when] = encoded;
  return {
    action,
    ...(vars ? { vars } : {}),
    ...(arn ? { arn } : {}),
    ...(when && when.length > 0 ? { when } : {}),
  };
}

/** Encodes a rule for storage, omitting empty trailing parts. */
export function encodeRule(rule: Rule): EncodedRule {
  const vars = rule.vars && Object.keys(rule.vars).length > 0 ? rule.vars : 0;
  const arn = rule.arn ?? 0;
  if (rule.when && rule.when.length > 0) return [rule.action, vars, arn, rule.when];
  if (arn !== 0) return [rule.action, vars, arn];
  if (vars !== 0) return [rule.action, vars];
  return [rule.action];
}
