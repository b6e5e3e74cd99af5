import { mergeUsage } from '../usage/merge-usage.js';
import { mergeSummaries, type PrincipalSummary } from '../usage/principal-summary.js';
import { MAX_QUARANTINE_SAMPLES } from './analyzer.js';
import type { AnalysisDocument, UnmappedRow } from './document.js';
import { compareUnmapped, fromPrincipalRow, fromUsageRow, toPrincipalRow, toUsageRow } from './rows.js';

/**
 * Merges analyses of disjoint sets of events (parallel workers, separate runs over different log files) into the
 * analysis of all of them. Events present in several inputs would be counted twice: deduplicate before merging.
 */
export function mergeAnalysisDocuments(docs: readonly AnalysisDocument[]): AnalysisDocument {
  const [first, ...rest] = docs;
  if (!first) throw new Error('mergeAnalysisDocuments needs at least one document');
  if (rest.length === 0) return first;
  const totals = { ...first.totals };
  for (const doc of rest) {
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += doc.totals[key];
  }
  return {
    ...first,
    span: {
      first: pick(
        docs.map((d) => d.span.first),
        (a, b) => a < b,
      ),
      last: pick(
        docs.map((d) => d.span.last),
        (a, b) => a > b,
      ),
    },
    totals,
    quarantine: {
      byCode: sumCounts(docs.map((d) => d.quarantine.byCode)),
      samples: docs.flatMap((d) => d.quarantine.samples).slice(0, MAX_QUARANTINE_SAMPLES),
    },
    notAGrant: sumCounts(docs.map((d) => d.notAGrant)),
    unmapped: mergeUnmapped(docs.flatMap((d) => d.unmapped)),
    principals: mergePrincipals(docs.flatMap((d) => d.principals.map(fromPrincipalRow))).map(toPrincipalRow),
    usage: mergeUsage(...docs.map((d) => d.usage.map(fromUsageRow))).map(toUsageRow),
  };
}

function pick(values: readonly (string | null)[], better: (a: string, b: string) => boolean): string | null {
  let best: string | null = null;
  for (const v of values) if (v !== null && (best === null || better(v, best))) best = v;
  return best;
}

function sumCounts(records: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const record of records) for (const [k, v] of Object.entries(record)) out[k] = (out[k] ?? 0) + v;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function mergeUnmapped(rows: readonly UnmappedRow[]): UnmappedRow[] {
  const byKey = new Map<string, UnmappedRow>();
  for (const row of rows) {
    const key = `${row.eventSource}\u0000${row.eventName}`;
    const existing = byKey.get(key);
    byKey.set(key, existing ? { ...existing, count: existing.count + row.count } : row);
  }
  return [...byKey.values()].sort(compareUnmapped);
}

function mergePrincipals(summaries: readonly PrincipalSummary[]): PrincipalSummary[] {
  const byArn = new Map<string, PrincipalSummary>();
  for (const s of summaries) {
    const existing = byArn.get(s.arn);
    byArn.set(s.arn, existing ? mergeSummaries(existing, s) : s);
  }
  return [...byArn.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}
