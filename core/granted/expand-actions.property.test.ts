import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesActionPattern } from '../policy/action-pattern.js';
import { allActionNames, expandActionPattern, expandNotActionPatterns } from './expand-actions.js';

const names = allActionNames();

/** Patterns made from a real action by replacing parts with `*`/`?` and changing case, plus some noise. */
const patternArb = fc
  .record({
    action: fc.constantFrom(...names),
    start: fc.nat(),
    length: fc.nat({ max: 12 }),
    wildcard: fc.constantFrom('*', '?', '', '*?', '**'),
    upper: fc.boolean(),
  })
  .map(({ action, start, length, wildcard, upper }) => {
    const from = start % (action.length + 1);
    const pattern = `${action.slice(0, from)}${wildcard}${action.slice(from + length)}`;
    return upper ? pattern.toUpperCase() : pattern;
  });

describe('expandActionPattern (property)', () => {
  it('returns exactly the known actions the pattern matches', () => {
    fc.assert(
      fc.property(patternArb, (pattern) => {
        const expanded = expandActionPattern(pattern);
        expect(expanded.every((a) => matchesActionPattern(a, pattern))).toBe(true);
        const expected = names.filter((a) => matchesActionPattern(a, pattern));
        expect(expanded).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('partitions the known actions with NotAction: every action is in exactly one of the two', () => {
    fc.assert(
      fc.property(fc.array(patternArb, { minLength: 1, maxLength: 3 }), (patterns) => {
        const not = expandNotActionPatterns(patterns);
        const matched = new Set(patterns.flatMap((p) => expandActionPattern(p)));
        expect(not.size + matched.size).toBe(names.length);
        for (const action of matched) expect(not.has(action)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
