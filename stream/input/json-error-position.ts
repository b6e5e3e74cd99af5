/**
 * Turns a `JSON.parse` failure into a position and a short reason that is safe to print.
 *
 * V8's message is "<reason> in JSON at position N" (Node 20) with " (line L column C)" appended from Node 21 on, but
 * "Unexpected token 'x', "<snippet>" is not valid JSON" carries no position and quotes the input, so the reason is cut
 * before any quoted input and the position is recomputed by a small validator when the message lacks one.
 */

/** Position (0-based UTF-16 offset, or undefined when unknown) and sanitised reason of a JSON syntax error. */
export interface JsonErrorInfo {
  readonly position: number | undefined;
  readonly reason: string;
}

const POSITION = /\bat position (\d+)/;
const REASON_END = /(?:(?: in JSON)? at position \d+|, "|, \.\.\."| is not valid JSON)/;
const UNSAFE = /[^A-Za-z0-9 ',.:;()[\]{}_-]/g;
const MAX_REASON = 80;

/** Extracts position and a printable reason from a `JSON.parse` error thrown for `text`. */
export function describeJsonError(error: unknown, text: string): JsonErrorInfo {
  const message = error instanceof Error ? error.message : '';
  const match = POSITION.exec(message);
  const position = match?.[1] === undefined ? locateJsonError(text) : Number(match[1]);
  return { position, reason: sanitiseReason(message) };
}

/** Keeps V8's wording up to where it would start quoting input, with only harmless characters. */
export function sanitiseReason(message: string): string {
  const cut = REASON_END.exec(message);
  const head = cut === null ? message : message.slice(0, cut.index);
  const safe = head.replace(UNSAFE, '?').slice(0, MAX_REASON).trim();
  return safe === '' ? 'syntax error' : safe;
}

/** 1-based line and column of a UTF-16 offset in `text`. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < position; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: position - lineStart + 1 };
}

const OBJECT = 0;
const ARRAY = 1;

/** Offset of the first JSON syntax error in `text`, or undefined when it is valid; only used on the error path. */
export function locateJsonError(text: string): number | undefined {
  const stack: number[] = [];
  let i = 0;
  for (;;) {
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (i >= text.length) return text.length;
    if (c === 0x7b || c === 0x5b) {
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === (c === 0x7b ? 0x7d : 0x5d)) {
        i++;
      } else {
        stack.push(c === 0x7b ? OBJECT : ARRAY);
        if (c === 0x7b) {
          i = scanKey(text, i);
          if (i < 0) return ~i;
        }
        continue;
      }
    } else {
      i = scanScalar(text, i);
      if (i < 0) return ~i;
    }
    for (;;) {
      i = skipSpace(text, i);
      const top = stack.at(-1);
      if (top === undefined) return i < text.length ? i : undefined;
      const d = text.charCodeAt(i);
      if (d === 0x2c) {
        i = top === OBJECT ? scanKey(text, skipSpace(text, i + 1)) : i + 1;
        if (i < 0) return ~i;
        break;
      }
      if (d !== (top === OBJECT ? 0x7d : 0x5d)) return i;
      stack.pop();
      i++;
    }
  }
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (
    let c = text.charCodeAt(i);
    c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
    c = text.charCodeAt(i)
  )
    i++;
  return i;
}

/** Scans `"key" :` and returns the offset after the colon, or the bitwise complement of the error offset. */
function scanKey(text: string, from: number): number {
  if (text.charCodeAt(from) !== 0x22) return ~from;
  const end = scanString(text, from);
  if (end < 0) return end;
  const colon = skipSpace(text, end);
  return text.charCodeAt(colon) === 0x3a ? colon + 1 : ~colon;
}

function scanScalar(text: string, from: number): number {
  const c = text.charCodeAt(from);
  if (c === 0x22) return scanString(text, from);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return scanNumber(text, from);
  for (const word of ['true', 'false', 'null']) {
    if (c !== word.charCodeAt(0)) continue;
    for (let k = 1; k < word.length; k++)
      if (text.charCodeAt(from + k) !== word.charCodeAt(k)) return ~(from + k);
    return from + word.length;
  }
  return ~from;
}

const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

function scanString(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return ~i;
    if (c !== 0x5c) continue;
    const e = text.charCodeAt(i + 1);
    if (e === 0x75) {
      for (let k = i + 2; k < i + 6; k++) if (!isHex(text.charCodeAt(k))) return ~k;
      i += 5;
    } else if (SIMPLE_ESCAPES.has(e)) {
      i++;
    } else {
      return ~(i + 1);
    }
  }
  return ~text.length;
}

function scanNumber(text: string, from: number): number {
  let i = from;
  const digits = (): number => {
    const start = i;
    for (let c = text.charCodeAt(i); c >= 0x30 && c <= 0x39; c = text.charCodeAt(i)) i++;
    return i - start;
  };
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else if (digits() === 0) return ~i;
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (digits() === 0) return ~i;
  }
  if ((text.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++;
    if (digits() === 0) return ~i;
  }
  return i;
}
