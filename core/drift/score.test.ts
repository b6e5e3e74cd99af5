import { describe, expect, it } from 'vitest';
import { computeDriftScore } from './score.js';

describe('computeDriftScore', () => {
  it('is the weighted share of unused granted actions', () => {
    const granted = ['Permissions management', 'Write', 'Read', 'List'] as const;
    // Weights 4 + 2 + 1 + 1 = 8; unused Permissions management alone is 4 / 8.
    expect(computeDriftScore(granted, ['Permissions management'])).toBe(50);
    expect(computeDriftScore(granted, ['Read', 'List'])).toBe(25);
    expect(computeDriftScore(granted, granted)).toBe(100);
    expect(computeDriftScore(granted, [])).toBe(0);
  });

  it('rounds to one decimal and is 0 when nothing is granted', () => {
    expect(computeDriftScore(['Read', 'Read', 'Read'], ['Read'])).toBe(33.3);
    expect(computeDriftScore(['Tagging', 'Write'], ['Tagging'])).toBe(33.3);
    expect(computeDriftScore([], [])).toBe(0);
  });
});
