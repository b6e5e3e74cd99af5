import { collapseResources } from './collapse.js';
import { compareStrings } from './select-usage.js';
import type { DraftNote, PolicyCondition } from './types.js';

/** A statement before it gets its Sid: sorted actions and resources, optional condition. */
export interface DraftStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly condition?: PolicyCondition;
}

/** Merges statements with exactly the same resources and condition, in deterministic statement order. */
export function groupStatements(items: readonly DraftStatement[]): DraftStatement[] {
  const groups = new Map<
    string,
    { resources: readonly string[]; condition?: PolicyCondition; actions: string[] }
  >();
  for (const item of items) {
    // Conditions are built with a fixed key order, so their JSON is a canonical key.
    const key = JSON.stringify([item.resources, item.condition ?? null]);
    const group = groups.get(key);
    if (group) group.actions.push(...item.actions);
    else groups.set(key, { ...item, actions: [...item.actions] });
  }
  const statements = [...groups.values()].map(({ actions, resources, condition }) => {
    const sorted = [...new Set(actions)].sort(compareStrings);
    return condition ? { actions: sorted, resources, condition } : { actions: sorted, resources };
  });
  return statements.sort(compareStatements);
}

/** Collapses object-like ARNs per statement, then regroups statements that became identical. */
export function collapseStatements(
  statements: readonly DraftStatement[],
  threshold: number,
): { statements: DraftStatement[]; notes: DraftNote[] } {
  const notes: DraftNote[] = [];
  const collapsed = statements.map((st): DraftStatement => {
    const result = collapseResources(st.resources, threshold, st.actions[0] ?? '');
    notes.push(...result.notes);
    return { ...st, resources: result.resources };
  });
  return { statements: groupStatements(collapsed), notes };
}

/** Orders by first action, then first resource, then everything: a total order on distinct statements. */
export function compareStatements(a: DraftStatement, b: DraftStatement): number {
  return (
    compareStrings(a.actions[0] ?? '', b.actions[0] ?? '') ||
    compareStrings(a.resources[0] ?? '', b.resources[0] ?? '') ||
    compareStrings(JSON.stringify(a), JSON.stringify(b))
  );
}
