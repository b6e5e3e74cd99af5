import { describe, expect, it } from 'vitest';
import type { InputProblem } from './errors.js';
import { JsonlParser } from './jsonl-parser.js';
import type { RawRecord } from './types.js';

function parse(
  chunks: readonly string[],
  maxLineLength = 1000,
): { records: RawRecord[]; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const parser = new JsonlParser('e.jsonl', (p) => problems.push(p), maxLineLength);
  const records = chunks.flatMap((chunk) => parser.push(chunk));
  records.push(...parser.end());
  return { records, problems };
}

describe('JsonlParser', () => {
  it('numbers lines across chunk splits, CRLF, blank lines and a final line without newline', () => {
    const text = '\uFEFF{"a":1}\r\n\r\n   \n{"b":\n{"c":3}\r\n{"d":4}';
    for (let size = 1; size <= text.length; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const { records, problems } = parse(chunks);
      expect(records).toEqual([
        { value: { a: 1 }, source: 'e.jsonl', line: 1 },
        { value: { c: 3 }, source: 'e.jsonl', line: 5 },
        { value: { d: 4 }, source: 'e.jsonl', line: 6 },
      ]);
      expect(problems).toEqual([
        { source: 'e.jsonl', line: 4, message: 'e.jsonl:4:6: invalid JSON (Unexpected end of JSON input)' },
      ]);
    }
  });

  it('expands a line that holds a CloudTrail log document', () => {
    const { records } = parse(['{"Records":[{"a":1},{"b":2}]}\n{"detail":{"x":1}}\n']);
    expect(records).toEqual([
      { value: { a: 1 }, source: 'e.jsonl', line: 1 },
      { value: { b: 2 }, source: 'e.jsonl', line: 1 },
      { value: { detail: { x: 1 } }, source: 'e.jsonl', line: 2 },
    ]);
  });

  it('drops an overlong line while it streams and keeps counting lines', () => {
    const { records, problems } = parse(
      ['{"a":1}\n{"long":"', 'x'.repeat(30), 'y'.repeat(30), '"}\n{"b":2}'],
      20,
    );
    expect(records).toEqual([
      { value: { a: 1 }, source: 'e.jsonl', line: 1 },
      { value: { b: 2 }, source: 'e.jsonl', line: 3 },
    ]);
    expect(problems).toEqual([
      { source: 'e.jsonl', line: 2, message: 'e.jsonl:2: line longer than 20 characters, skipped' },
    ]);
  });

  it('drops an overlong line that arrives in one piece', () => {
    const { records, problems } = parse([`{"long":"${'x'.repeat(30)}"}\n{"b":2}\n`], 20);
    expect(records).toEqual([{ value: { b: 2 }, source: 'e.jsonl', line: 2 }]);
    expect(problems.map((p) => p.message)).toEqual(['e.jsonl:1: line longer than 20 characters, skipped']);
  });

  it('never puts line content into problem messages', () => {
    const { problems } = parse(['{"a":"<img src=x onerror=alert(1)>" oops}\n']);
    expect(problems).toEqual([
      {
        source: 'e.jsonl',
        line: 1,
        message: "e.jsonl:1:37: invalid JSON (Expected ',' or '}' after property value)",
      },
    ]);
  });
});
