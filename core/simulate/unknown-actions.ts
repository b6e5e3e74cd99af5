import { canonicalAction } from '../evaluate/allowed-actions.js';
import type { LabelledPolicies } from './types.js';

/** Most unknown actions named in one note. */
const MAX_NAMED = 10;

/**
 * Notes the exact action names (no wildcard) of a policy set that the IAM reference data does not know: they
 * count in no metric, and are often typos that grant nothing.
 */
export function unknownActionNotes(source: LabelledPolicies): string[] {
  const unknown = new Set<string>();
  for (const policy of source.policies) {
    for (const s of policy.statements) {
      if (s.notAction) continue;
      for (const a of s.actions) if (!/[*?]/.test(a) && canonicalAction(a) === undefined) unknown.add(a);
    }
  }
  if (unknown.size === 0) return [];
  const named = [...unknown].sort().slice(0, MAX_NAMED).join(', ');
  const more = unknown.size > MAX_NAMED ? ` and ${unknown.size - MAX_NAMED} more` : '';
  return [
    `${source.label}: ${unknown.size} action(s) unknown to the IAM reference data, not counted: ${named}${more}`,
  ];
}
