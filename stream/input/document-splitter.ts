import { InputError } from './errors.js';
import { describeJsonError, lineColumn } from './json-error-position.js';
import { isJsonSpace, isValueStart, ValueScanner } from './value-scanner.js';

// Parser states; plain numbers because const enums do not survive isolatedModules.
const START = 0;
const MEMBER = 1; // after `{`: a key or `}`
const NEXT_MEMBER = 2; // after `,`: a key
const KEY = 3;
const COLON = 4;
const VALUE = 5;
const SKIP = 6; // inside a top-level member that is not `Records`
const AFTER_MEMBER = 7;
const ITEM = 8; // after `[`: an element or `]`
const NEXT_ITEM = 9; // after `,`: an element
const ELEMENT = 10;
const AFTER_ITEM = 11;
const DONE = 12;

const EXPECTED = [
  "expected '{' or '['",
  "expected a key or '}'",
  'expected a key',
  '',
  "expected ':'",
  'expected a value',
  '',
  "expected ',' or '}'",
  "expected a value or ']'",
  'expected a value',
  '',
  "expected ',' or ']'",
  'unexpected data after JSON',
];

const RECORDS_KEY = 'Records';

/**
 * Splits a `{"Records":[…]}` document (or a top-level array) arriving in byte chunks into its elements and parses each
 * one on its own, so memory holds one element rather than the file. Only structure is tracked; `JSON.parse`
 * validates each element. Concatenated documents are read one after another.
 */
export class DocumentSplitter {
  private state = START;
  private topArray = false;
  private sawRecords = false;
  private key = '';
  private keyEscape = false;
  private readonly scanner = new ValueScanner();
  private pieces: Buffer[] = [];
  private elementBytes = 0;
  private elementLine = 1;
  private elementColumn = 1;
  private chunkOffset = 0;
  private counted = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly source: string,
    private readonly maxElementBytes: number,
  ) {}

  /** Consumes the next chunk and returns the parsed elements it completed. */
  push(buf: Buffer): unknown[] {
    const out: unknown[] = [];
    let elementStart = 0;
    let i = 0;
    while (i < buf.length) {
      if (this.state === ELEMENT || this.state === SKIP) {
        const end = this.scanner.scan(buf, i);
        if (end < 0) {
          if (this.state === ELEMENT) this.holdPiece(buf.subarray(elementStart));
          break;
        }
        if (this.state === ELEMENT) out.push(this.finishElement(buf, elementStart, end));
        this.state = this.state === ELEMENT ? AFTER_ITEM : AFTER_MEMBER;
        i = end;
        continue;
      }
      if (this.state === KEY) {
        i = this.scanKey(buf, i);
        continue;
      }
      const c = buf[i] as number;
      if (
        isJsonSpace(c) ||
        (this.state === START && this.chunkOffset + i < 3 && (c === 0xef || c === 0xbb || c === 0xbf))
      ) {
        i++;
        continue;
      }
      const next = this.transition(c);
      if (next === undefined) this.fail(buf, i, EXPECTED[this.state] ?? 'syntax error');
      if (next === ELEMENT) {
        this.beginElement(buf, i);
        elementStart = i;
      } else if (next === SKIP) this.scanner.reset();
      else if (next !== START) i++; // value starts belong to the scanner; START re-reads the byte
      this.state = next;
    }
    this.advance(buf, buf.length);
    this.chunkOffset += buf.length;
    return out;
  }

  /** Checks the document was complete and actually held records. */
  end(): void {
    if (this.state !== DONE) {
      const column = this.chunkOffset - this.lineStart + 1;
      const message = `${this.source}:${this.line}:${column}: invalid JSON (Unexpected end of JSON input)`;
      throw new InputError('INVALID_JSON', message, { source: this.source, line: this.line });
    }
    if (!this.topArray && !this.sawRecords) {
      const message = `${this.source}: JSON object above the in-memory size limit has no "Records" array`;
      throw new InputError('UNSUPPORTED_INPUT', message, { source: this.source });
    }
  }

  /** Next state for a structural byte, or undefined when the byte is not allowed here. */
  private transition(c: number): number | undefined {
    switch (this.state) {
      case START:
        this.topArray ||= c === 0x5b;
        return c === 0x7b ? MEMBER : c === 0x5b ? ITEM : undefined;
      case MEMBER:
      case NEXT_MEMBER:
        if (c === 0x7d && this.state === MEMBER) return DONE;
        this.key = '';
        this.keyEscape = false;
        return c === 0x22 ? KEY : undefined;
      case AFTER_MEMBER:
        return c === 0x2c ? NEXT_MEMBER : c === 0x7d ? DONE : undefined;
      case COLON:
        return c === 0x3a ? VALUE : undefined;
      case VALUE:
        this.sawRecords ||= c === 0x5b && this.key === RECORDS_KEY;
        return c === 0x5b && this.key === RECORDS_KEY ? ITEM : isValueStart(c) ? SKIP : undefined;
      case ITEM:
      case NEXT_ITEM:
        if (c === 0x5d && this.state === ITEM) return this.topArray ? DONE : AFTER_MEMBER;
        return isValueStart(c) ? ELEMENT : undefined;
      case AFTER_ITEM:
        return c === 0x2c ? NEXT_ITEM : c === 0x5d ? (this.topArray ? DONE : AFTER_MEMBER) : undefined;
      default:
        return c === 0x7b || c === 0x5b ? START : undefined;
    }
  }

  private scanKey(buf: Buffer, from: number): number {
    for (let i = from; i < buf.length; i++) {
      const c = buf[i] as number;
      if (this.keyEscape) this.keyEscape = false;
      else if (c === 0x5c) this.keyEscape = true;
      else if (c === 0x22) {
        this.state = COLON;
        return i + 1;
      }
      // Only needs to recognise `Records`, so a long key stops accumulating.
      if (this.key.length <= RECORDS_KEY.length) this.key += String.fromCharCode(c);
    }
    return buf.length;
  }

  private beginElement(buf: Buffer, at: number): void {
    this.scanner.reset();
    this.pieces = [];
    this.elementBytes = 0;
    this.advance(buf, at);
    this.elementLine = this.line;
    this.elementColumn = this.chunkOffset + at - this.lineStart + 1;
  }

  private holdPiece(piece: Buffer): void {
    this.elementBytes += piece.length;
    if (this.elementBytes > this.maxElementBytes) {
      const where = `${this.source}:${this.elementLine}:${this.elementColumn}`;
      const message = `${where}: record larger than ${this.maxElementBytes} bytes`;
      throw new InputError('UNSUPPORTED_INPUT', message, { source: this.source, line: this.elementLine });
    }
    // Copy: the chunk's memory may belong to a pool that the stream reuses.
    this.pieces.push(Buffer.from(piece));
  }

  private finishElement(buf: Buffer, start: number, end: number): unknown {
    let text: string;
    if (this.pieces.length === 0) text = buf.toString('utf8', start, end);
    else {
      this.holdPiece(buf.subarray(0, end));
      text = Buffer.concat(this.pieces).toString('utf8');
      this.pieces = [];
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      const { position, reason } = describeJsonError(error, text);
      let line = this.elementLine;
      let column = this.elementColumn;
      if (position !== undefined) {
        const inElement = lineColumn(text, position);
        line += inElement.line - 1;
        column = inElement.line === 1 ? this.elementColumn + position : inElement.column;
      }
      const message = `${this.source}:${line}:${column}: invalid JSON (${reason})`;
      throw new InputError('INVALID_JSON', message, { source: this.source, line });
    }
  }

  /** Counts newlines up to `upTo` in the current chunk so error positions can name a line. */
  private advance(buf: Buffer, upTo: number): void {
    let from = this.counted - this.chunkOffset;
    for (let nl = buf.indexOf(0x0a, from); nl !== -1 && nl < upTo; nl = buf.indexOf(0x0a, from)) {
      this.line++;
      this.lineStart = this.chunkOffset + nl + 1;
      from = nl + 1;
    }
    this.counted = this.chunkOffset + upTo;
  }

  private fail(buf: Buffer, at: number, reason: string): never {
    this.advance(buf, at);
    const column = this.chunkOffset + at - this.lineStart + 1;
    const message = `${this.source}:${this.line}:${column}: invalid JSON (${reason})`;
    throw new InputError('INVALID_JSON', message, { source: this.source, line: this.line });
  }
}
