import type { Prng } from './generate-prng.js';
import type { TemplateSet } from './generate-templates.js';

/**
 * Synthetic principals of one kind. Each impersonates one original principal (it only ever does what that principal
 * did), and busy originals get more impersonators, so activity spreads over the pool instead of piling onto the
 * busiest real principal. With fewer synthetics than originals, originals share them round-robin.
 */
export interface Pool {
  readonly size: number;
  readonly names: string[];
  readonly pids: string[];
  readonly paths: string[];
  readonly accounts: string[];
  /** Per original: first synthetic index and how many impersonate it (only when size >= originals). */
  readonly ranges: { readonly start: number; readonly count: number }[];
}

/** Splits the principal budget between roles and users in proportion to the distinct originals of each kind. */
export function splitPrincipals(total: number, roles: number, users: number): [number, number] {
  if (roles === 0 || users === 0) return [roles === 0 ? 0 : total, users === 0 ? 0 : total];
  const roleShare = Math.min(
    Math.max(Math.round((total * roles) / (roles + users)), 1),
    Math.max(total - 1, 1),
  );
  return [roleShare, Math.max(total - roleShare, 1)];
}

/** Builds the synthetic pool of one kind with names, IDs, paths and accounts. */
export function buildPool(kind: 'role' | 'user', size: number, set: TemplateSet, accounts: string[]): Pool {
  const paths = set.paths[kind];
  const ranges = size >= paths.length ? allocate(size, set.counts[kind]) : [];
  const owner = (k: number) => ranges.findIndex((r) => k >= r.start && k < r.start + r.count);
  const pool: Pool = { size, names: [], pids: [], paths: [], accounts: [], ranges };
  const idPrefix = kind === 'role' ? 'AROABENCH' : 'AIDABENCH';
  for (let k = 0; k < size; k++) {
    pool.names.push(`bench-${kind}-${String(k).padStart(4, '0')}`);
    pool.pids.push(`${idPrefix}${String(k).padStart(12, '0')}`);
    pool.paths.push(paths[ranges.length > 0 ? owner(k) : k] ?? '/');
    pool.accounts.push(accounts[k % accounts.length] as string);
  }
  return pool;
}

/** One synthetic per original plus the rest in proportion to record counts (largest remainder), as ranges. */
export function allocate(size: number, counts: readonly number[]): { start: number; count: number }[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const spare = size - counts.length;
  const shares = counts.map((c) => (total === 0 ? 0 : (spare * c) / total));
  const extra = shares.map(Math.floor);
  let left = spare - extra.reduce((a, b) => a + b, 0);
  const byRemainder = shares
    .map((s, i) => [s - Math.floor(s), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    extra[i] = (extra[i] ?? 0) + 1;
  }
  let start = 0;
  return extra.map((e) => {
    const range = { start, count: 1 + e };
    start += range.count;
    return range;
  });
}

/** Picks a synthetic principal that impersonates `original`. */
export function pickPrincipal(pool: Pool, original: number, prng: Prng): number {
  const range = pool.ranges[original];
  return range === undefined ? original % pool.size : range.start + prng.int(range.count);
}
