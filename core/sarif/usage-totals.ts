import type { AnalysisDocument, UsageRow } from '../analysis/document.js';

/** One principal × action × resource over every day of the analysis. */
export interface UsageTotal {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly calls: number;
  readonly denied: number;
  /** ISO-8601 times, of calls of any outcome. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Some successful call's resource could not be determined (`"*"` is a fallback). */
  readonly unresolved: boolean;
}

/**
 * Decides which principals a report covers: the given ARNs, or by default every principal iamlp would draft for
 * (service-linked roles and AWS services act under policies AWS manages, so findings about them are noise).
 */
export function principalFilter(
  doc: AnalysisDocument,
  principals?: readonly string[],
): (arn: string) => boolean {
  if (principals !== undefined) {
    const wanted = new Set(principals);
    return (arn) => wanted.has(arn);
  }
  const notDraftable = new Set(doc.principals.filter((p) => !p.draftable).map((p) => p.arn));
  return (arn) => !notDraftable.has(arn);
}

/** Sums the per-day rows of each principal × action × resource of the covered principals. */
export function usageTotals(rows: readonly UsageRow[], include: (arn: string) => boolean): UsageTotal[] {
  const totals = new Map<string, UsageTotal>();
  for (const row of rows) {
    if (!include(row.principal)) continue;
    const key = `${row.principal}\u0000${row.action}\u0000${row.resource}`;
    const current = totals.get(key);
    totals.set(key, current ? addRow(current, row) : fromRow(row));
  }
  return [...totals.values()];
}

function fromRow(row: UsageRow): UsageTotal {
  return {
    principal: row.principal,
    action: row.action,
    resource: row.resource,
    calls: row.calls,
    denied: row.denied,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    unresolved: row.calls > 0 && row.origin === 'unresolved',
  };
}

/** Times compare as instants, not strings: ISO strings of different precision do not sort lexically. */
function addRow(total: UsageTotal, row: UsageRow): UsageTotal {
  return {
    ...total,
    calls: total.calls + row.calls,
    denied: total.denied + row.denied,
    firstSeen: Date.parse(row.firstSeen) < Date.parse(total.firstSeen) ? row.firstSeen : total.firstSeen,
    lastSeen: Date.parse(row.lastSeen) > Date.parse(total.lastSeen) ? row.lastSeen : total.lastSeen,
    unresolved: total.unresolved || (row.calls > 0 && row.origin === 'unresolved'),
  };
}
