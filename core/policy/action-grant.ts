import type { UsageAggregate } from '../usage/aggregate.js';
import { type ActionUsage, compareStrings } from './select-usage.js';
import type { DraftNote, PolicyCondition } from './types.js';

/** What one action will be allowed on, before actions are grouped into statements. */
export interface ActionGrant {
  readonly action: string;
  /** Sorted unique ARNs, or exactly `["*"]`. */
  readonly resources: readonly string[];
  readonly condition?: PolicyCondition;
}

/** The grant of one action plus what the reviewer should know about it. */
export interface GrantResult {
  readonly grant: ActionGrant;
  readonly notes: readonly DraftNote[];
  /** True when `"*"` is a fallback for resources that could not be determined. */
  readonly unresolved: boolean;
}

/** Turns an action's successful usage into a grant (call only with at least one granted aggregate). */
export function grantOf(use: ActionUsage, mode: 'resources' | 'actions', conditions: boolean): GrantResult {
  const condition = conditions ? conditionOf(use.action, use.granted) : undefined;
  const base = condition ? { action: use.action, condition } : { action: use.action };
  if (mode === 'actions') return { grant: { ...base, resources: ['*'] }, notes: [], unresolved: false };
  if (use.wildcardOnly) {
    const detail = `${use.action}: supports no resource-level permissions; granted on "*"`;
    return {
      grant: { ...base, resources: ['*'] },
      notes: [{ kind: 'wildcard-only', action: use.action, detail }],
      unresolved: false,
    };
  }
  const wildcards = use.granted.filter((a) => a.resource === '*');
  if (wildcards.length === 0) {
    const resources = [...new Set(use.granted.map((a) => a.resource))].sort(compareStrings);
    return { grant: { ...base, resources }, notes: [], unresolved: false };
  }
  const unresolved = wildcards.some((a) => a.origin === 'unresolved');
  const note: DraftNote = unresolved
    ? {
        kind: 'unresolved-resource',
        action: use.action,
        detail: `${use.action}: the resource of some calls could not be determined; granted on "*" (review and narrow)`,
      }
    : { kind: 'wildcard-only', action: use.action, detail: `${use.action}: used on "*"; granted on "*"` };
  return { grant: { ...base, resources: ['*'] }, notes: [note], unresolved };
}

/**
 * Conditions the records prove: every successful use went through a service (`kms:ViaService`), or every
 * PassRole passed the role to a known service (`iam:PassedToService`). One unproven use drops the condition,
 * because a condition that fails for a real call would break the workload.
 */
function conditionOf(action: string, granted: readonly UsageAggregate[]): PolicyCondition | undefined {
  if (action.toLowerCase().startsWith('kms:')) {
    const viaOnly = granted.every((a) => !a.direct && a.viaServices.length > 0);
    if (viaOnly) return { StringEquals: { 'kms:ViaService': unionOf(granted, (a) => a.viaServices) } };
  }
  if (action.toLowerCase() === 'iam:passrole') {
    const proven = granted.every((a) => a.passedTo.length > 0);
    if (proven) return { StringEquals: { 'iam:PassedToService': unionOf(granted, (a) => a.passedTo) } };
  }
  return undefined;
}

function unionOf(aggs: readonly UsageAggregate[], pick: (a: UsageAggregate) => readonly string[]): string[] {
  return [...new Set(aggs.flatMap(pick))].sort(compareStrings);
}
