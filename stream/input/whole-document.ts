import { InputError, type InputProblem } from './errors.js';
import { describeJsonError, lineColumn } from './json-error-position.js';
import { JsonlParser, recordsOfDocument } from './jsonl-parser.js';
import type { RawRecord } from './types.js';

/**
 * Parses a whole decoded input with a single `JSON.parse`: a CloudTrail log document yields its `Records`, an array
 * its elements, any other value (a single event, an EventBridge envelope) itself.
 *
 * JSON Lines content in a file without a JSON Lines name is recognised only after the fast path fails, so the common
 * case pays nothing for it.
 */
export function parseWholeDocument(
  text: string,
  source: string,
  report: (problem: InputProblem) => void,
  maxLineLength: number,
): RawRecord[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    if (looksLikeJsonLines(body)) {
      const parser = new JsonlParser(source, report, maxLineLength);
      return [...parser.push(body), ...parser.end()];
    }
    throw invalidJson(error, body, source);
  }
  const values = recordsOfDocument(document) ?? (Array.isArray(document) ? document : [document]);
  return values.map((value) => ({ value, source }));
}

/** True when the first non-blank line is a complete JSON object on its own, as in JSON Lines. */
export function looksLikeJsonLines(text: string): boolean {
  const start = text.search(/\S/);
  if (start < 0 || text.charCodeAt(start) !== 0x7b) return false;
  const end = text.indexOf('\n', start);
  if (end < 0) return false;
  try {
    const first: unknown = JSON.parse(text.slice(start, end));
    return typeof first === 'object' && first !== null && !Array.isArray(first);
  } catch {
    return false;
  }
}

// No `cause`: V8's SyntaxError message can quote the (attacker-controlled) input.
function invalidJson(error: unknown, text: string, source: string): InputError {
  const { position, reason } = describeJsonError(error, text);
  if (position === undefined)
    return new InputError('INVALID_JSON', `${source}: invalid JSON (${reason})`, { source });
  const { line, column } = lineColumn(text, position);
  return new InputError('INVALID_JSON', `${source}:${line}:${column}: invalid JSON (${reason})`, {
    source,
    line,
  });
}
