import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairMap } from './pair-map.js';

const out = new Uint32Array(2);

function lookup(map: PairMap, k1: number, k2: number): string | undefined {
  return map.get(k1, k2, out, 0) ? `${out[0]}:${out[1]}` : undefined;
}

describe('PairMap', () => {
  it('behaves like a Map under any sequence of sets and deletes (colliding keys included)', () => {
    // Few distinct low words force long probe runs, wrap-around and backward shifts on a small table.
    const key = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 3 }));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const map = new PairMap(4);
        const model = new Map<string, string>();
        for (const o of ops) {
          const [k1, k2] = o.key;
          const name = `${k1}:${k2}`;
          if (o.kind === 'set') {
            map.set(k1, k2, o.value, o.value ^ 0xffff);
            model.set(name, `${o.value}:${o.value ^ 0xffff}`);
          } else {
            expect(map.delete(k1, k2)).toBe(model.delete(name));
          }
          expect(map.size).toBe(model.size);
        }
        for (let k1 = 0; k1 <= 40; k1++) {
          for (let k2 = 1; k2 <= 3; k2++) expect(lookup(map, k1, k2)).toBe(model.get(`${k1}:${k2}`));
        }
      }),
    );
  });

  it('takes full 32-bit halves and refuses the reserved empty key', () => {
    const map = new PairMap();
    map.set(0xffffffff, 0x80000000, 0xfffffffe, 7);
    expect(lookup(map, -1, 0x80000000)).toBe(`${0xfffffffe}:7`);
    expect(() => map.set(0, 0, 1, 1)).toThrow(/reserved/);
    expect(lookup(map, 0, 0)).toBeUndefined();
  });
});
