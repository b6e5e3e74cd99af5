import type { AccessLevel } from '../actions/reference-data.js';

/** How much an unused action of each access level counts: unused power to change permissions weighs most. */
export const ACCESS_LEVEL_WEIGHTS: Readonly<Record<AccessLevel, number>> = {
  'Permissions management': 4,
  Write: 2,
  Tagging: 1,
  Read: 1,
  List: 1,
};

/**
 * The drift score from summed weights: `100 × unusedWeight / grantedWeight`, rounded to one decimal; 0 when
 * nothing is granted (nothing can be unused).
 */
export function driftScore(unusedWeight: number, grantedWeight: number): number {
  if (grantedWeight <= 0) return 0;
  return Math.round((1000 * unusedWeight) / grantedWeight) / 10;
}

/**
 * The drift score of granted and unused access levels: `100 × Σ weight(unused) / Σ weight(granted)` with the
 * weights of {@link ACCESS_LEVEL_WEIGHTS}, rounded to one decimal.
 */
export function computeDriftScore(granted: Iterable<AccessLevel>, unused: Iterable<AccessLevel>): number {
  return driftScore(weightOf(unused), weightOf(granted));
}

function weightOf(levels: Iterable<AccessLevel>): number {
  let sum = 0;
  for (const level of levels) sum += ACCESS_LEVEL_WEIGHTS[level];
  return sum;
}
