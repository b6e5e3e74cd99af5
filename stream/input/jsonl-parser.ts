import type { InputProblem } from './errors.js';
import { describeJsonError, lineColumn } from './json-error-position.js';
import type { RawRecord } from './types.js';

/**
 * Incremental JSON Lines parser over decoded text chunks.
 *
 * One record per line; a line that holds a CloudTrail log document (`{"Records":[…]}`, e.g. `jq -c . *.json`) yields
 * its records. Bad lines are reported and skipped so one corrupt line does not hide the rest of the file, and lines
 * longer than `maxLineLength` are dropped as they stream in so a missing newline cannot exhaust memory.
 */
export class JsonlParser {
  private carry = '';
  private overlong = false;
  private line = 0;

  constructor(
    private readonly source: string,
    private readonly report: (problem: InputProblem) => void,
    private readonly maxLineLength: number,
  ) {}

  /** Consumes a chunk and returns the records of the lines it completed. */
  push(chunk: string): RawRecord[] {
    const out: RawRecord[] = [];
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      start = nl + 1;
      if (this.overlong) {
        this.overlong = false;
        this.line++;
        continue;
      }
      const text = this.carry === '' ? piece : this.carry + piece;
      this.carry = '';
      this.take(text, out);
    }
    if (start < chunk.length && !this.overlong) this.hold(chunk.slice(start));
    return out;
  }

  /** Flushes a final line that has no trailing newline. */
  end(): RawRecord[] {
    const out: RawRecord[] = [];
    if (this.overlong) this.overlong = false;
    else if (this.carry !== '') this.take(this.carry, out);
    this.carry = '';
    return out;
  }

  private hold(rest: string): void {
    if (this.carry.length + rest.length <= this.maxLineLength) {
      this.carry += rest;
      return;
    }
    // Report now, with the number the line will get, and discard bytes until its newline.
    this.carry = '';
    this.overlong = true;
    const line = this.line + 1;
    this.report({
      source: this.source,
      line,
      message: `${this.source}:${line}: line longer than ${this.maxLineLength} characters, skipped`,
    });
  }

  private take(raw: string, out: RawRecord[]): void {
    const line = ++this.line;
    const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text === '' || text === '\r') return;
    if (text.length > this.maxLineLength) {
      const message = `${this.source}:${line}: line longer than ${this.maxLineLength} characters, skipped`;
      this.report({ source: this.source, line, message });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (text.trim() === '') return;
      const { position, reason } = describeJsonError(error, text);
      const at = position === undefined ? '' : `:${lineColumn(text, position).column}`;
      this.report({
        source: this.source,
        line,
        message: `${this.source}:${line}${at}: invalid JSON (${reason})`,
      });
      return;
    }
    const records = recordsOfDocument(value);
    if (records === undefined) out.push({ value, source: this.source, line });
    else for (const record of records) out.push({ value: record, source: this.source, line });
  }
}

/**
 * The `Records` array of a CloudTrail log document — or the `Events` array of `aws cloudtrail lookup-events`
 * output, whose items carry the record as a JSON string in `CloudTrailEvent` (the core unwraps it) — or undefined
 * when `value` is neither.
 */
export function recordsOfDocument(value: unknown): unknown[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const doc = value as { Records?: unknown; Events?: unknown };
  if (Array.isArray(doc.Records)) return doc.Records;
  return Array.isArray(doc.Events) ? doc.Events : undefined;
}
