import { describe, expect, it } from 'vitest';
import { describeJsonError, lineColumn, locateJsonError, sanitiseReason } from './json-error-position.js';

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error('expected a syntax error');
}

describe('describeJsonError', () => {
  it('takes the position and reason from the Node 20 message', () => {
    const info = describeJsonError(
      new SyntaxError('Expected double-quoted property name in JSON at position 7'),
      '',
    );
    expect(info).toEqual({ position: 7, reason: 'Expected double-quoted property name' });
  });

  it('takes the position from the Node 22 message and drops the line/column suffix', () => {
    const message = 'Expected double-quoted property name in JSON at position 21 (line 3 column 10)';
    expect(describeJsonError(new SyntaxError(message), '')).toEqual({
      position: 21,
      reason: 'Expected double-quoted property name',
    });
  });

  it('locates the error itself when the message has no position and never echoes the quoted input', () => {
    const text = '{"a":tru<script>}';
    const info = describeJsonError(parseError(text), text);
    expect(info.position).toBe(8);
    expect(info.reason).toBe("Unexpected token '?'");
  });

  it('falls back to the validator for an unknown message shape', () => {
    expect(describeJsonError(new SyntaxError('JSON.parse: bad'), '[1,]')).toEqual({
      position: 3,
      reason: 'JSON.parse: bad',
    });
  });

  it('reports the end of the text for truncated input', () => {
    const text = '{"Records":[{"a":';
    expect(describeJsonError(parseError(text), text)).toEqual({
      position: 17,
      reason: 'Unexpected end of JSON input',
    });
  });
});

describe('sanitiseReason', () => {
  it('cuts the long-snippet form and bounds the length', () => {
    expect(sanitiseReason(`Unexpected token 'x', ..."${'a'.repeat(40)}"... is not valid JSON`)).toBe(
      "Unexpected token 'x'",
    );
    expect(sanitiseReason('x'.repeat(500))).toHaveLength(80);
    expect(sanitiseReason('\u001b[31m')).toBe('?[31m');
    expect(sanitiseReason('')).toBe('syntax error');
  });
});

describe('locateJsonError', () => {
  const invalid = [
    '{"a":1,}',
    '[1,2',
    '\n\n  {x}',
    '{"a":"\u0001"}',
    '{} x',
    '{"a" 1}',
    '[1 2]',
    '{"a":01}',
    '[-]',
    '[1.]',
    '[1e]',
    '"\\x"',
    '"\\u12G4"',
    '[1]]',
    '{"a":[1,{"b":2]}',
    '{,}',
    '"abc',
    '[true false]',
  ];

  it.each(invalid)('agrees with the position V8 reports for %j', (text) => {
    const message = (parseError(text) as Error).message;
    const v8 = Number(/at position (\d+)/.exec(message)?.[1]);
    expect(locateJsonError(text)).toBe(v8);
  });

  it('returns undefined for valid JSON and the end for truncated JSON', () => {
    expect(locateJsonError(' {"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"],"b":{}} ')).toBeUndefined();
    expect(locateJsonError('{"a":')).toBe(5);
    expect(locateJsonError('')).toBe(0);
    expect(locateJsonError('nul')).toBe(3);
  });
});

describe('lineColumn', () => {
  it('counts 1-based lines and columns', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
    expect(lineColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
  });
});
