import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentSplitter } from './document-splitter.js';
import { InputError } from './errors.js';

const LIMIT = 1024 * 1024;

/** Feeds `text` in chunks of `size` bytes and returns every element. */
function split(text: string | Buffer, size: number, limit = LIMIT): unknown[] {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const splitter = new DocumentSplitter('big.json', limit);
  const out: unknown[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...splitter.push(bytes.subarray(i, i + size)));
  splitter.end();
  return out;
}

function failure(text: string, size = 7): InputError {
  try {
    split(text, size);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const TRICKY = [
  { s: 'quote " and backslash \\', t: 'ends with backslash \\\\', u: '\\"\\\\"' },
  { nested: [[1, [2, { '}': ']' }]]], '[': '{', n: -1.5e-3, b: false, z: null },
  { utf8: 'Zürich € 𝄞 日本', empty: '', esc: '\u0000\u001f\n' },
  'a string element',
  42,
  true,
  null,
  [],
  {},
];

describe('DocumentSplitter', () => {
  it('returns the same records as JSON.parse for every chunk size', () => {
    const text = JSON.stringify({ Records: TRICKY });
    for (let size = 1; size <= text.length; size++) expect(split(text, size)).toEqual(TRICKY);
  });

  it('splits pretty-printed documents, top-level arrays and ignores members around Records', () => {
    expect(split(JSON.stringify({ Records: TRICKY }, null, 2), 5)).toEqual(TRICKY);
    expect(split(JSON.stringify(TRICKY, null, '\t'), 3)).toEqual(TRICKY);
    const wrapped = `\uFEFF { "before": {"Records": [1]}, "n": 5, "Records" : [ {"a":1} , {"b":[2]} ], "after": "]" }\n`;
    expect(split(wrapped, 4)).toEqual([{ a: 1 }, { b: [2] }]);
  });

  it('reads concatenated documents', () => {
    expect(split('{"Records":[1]}\n{"Records":[2,3]}', 2)).toEqual([1, 2, 3]);
  });

  it('splits multi-byte characters across chunk boundaries without corrupting them', () => {
    const records = [{ s: '€'.repeat(50) }, { s: '𝄞'.repeat(50) }];
    const bytes = Buffer.from(JSON.stringify({ Records: records }));
    for (const size of [1, 2, 3, 5, 7]) expect(split(bytes, size)).toEqual(records);
  });

  it('matches JSON.parse for generated documents and chunkings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        (records, size) => {
          expect(split(JSON.stringify({ Records: records }), size)).toEqual(
            JSON.parse(JSON.stringify(records)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the line and column of a record that is not valid JSON', () => {
    const error = failure('{"Records":[\n  {"a":1},\n  {"b":tru},\n  {"c":3}\n]}');
    expect(error.code).toBe('INVALID_JSON');
    expect(error.message).toBe("big.json:3:11: invalid JSON (Unexpected token '}')");
    expect(error.line).toBe(3);
  });

  it('names the position of a structural error', () => {
    expect(failure('{"Records":[\n{"a":1} {"b":2}]}').message).toBe(
      "big.json:2:9: invalid JSON (expected ',' or ']')",
    );
    expect(failure('\n  x').message).toBe("big.json:2:3: invalid JSON (expected '{' or '[')");
    expect(failure('{"Records":[1,]}').message).toBe('big.json:1:15: invalid JSON (expected a value)');
    expect(failure('{"a":1,}').message).toBe('big.json:1:8: invalid JSON (expected a key)');
    expect(failure('{"Records":[]} x').message).toBe(
      'big.json:1:16: invalid JSON (unexpected data after JSON)',
    );
  });

  it('rejects a truncated document at its end', () => {
    const error = failure('{"Records":[\n{"a":1},\n{"b":');
    expect(error.message).toBe('big.json:3:6: invalid JSON (Unexpected end of JSON input)');
  });

  it('rejects an empty input', () => {
    expect(failure('').message).toBe('big.json:1:1: invalid JSON (Unexpected end of JSON input)');
  });

  it('rejects a large object without a Records array', () => {
    const error = failure('{"eventName":"x","Records":5}');
    expect(error.code).toBe('UNSUPPORTED_INPUT');
    expect(error.message).toBe('big.json: JSON object above the in-memory size limit has no "Records" array');
  });

  it('rejects a single record larger than the limit', () => {
    let caught: unknown;
    try {
      split(`{"Records":[{"a":1},{"big":"${'x'.repeat(100)}"}]}`, 16, 64);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).code).toBe('UNSUPPORTED_INPUT');
    expect((caught as InputError).message).toBe('big.json:1:21: record larger than 64 bytes');
  });
});
