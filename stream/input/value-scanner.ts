const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True for the four JSON whitespace bytes. */
export function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** True for a byte that can start a JSON value. */
export function isValueStart(c: number): boolean {
  return (
    c === 0x7b ||
    c === 0x5b ||
    c === QUOTE ||
    c === 0x2d ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x74 ||
    c === 0x66 ||
    c === 0x6e
  );
}

/**
 * Finds where one JSON value ends in a byte stream without parsing it: tracks nesting depth, strings and escapes,
 * and keeps that state across chunks. String bodies are skipped with `Buffer#indexOf`, so the JavaScript loop only
 * touches the bytes outside strings.
 */
export class ValueScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;

  /** Prepares for a value whose first byte is the next one scanned. */
  reset(): void {
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.scalar = false;
  }

  /** Offset just past the value (for a number or literal: of the byte that ends it), or -1 if it continues. */
  scan(buf: Buffer, from: number): number {
    let i = from;
    while (i < buf.length) {
      if (this.inString) {
        i = this.skipString(buf, i);
        if (i < 0) return -1;
        if (this.depth === 0) return i;
        continue;
      }
      const c = buf[i] as number;
      if (this.scalar) {
        if (isJsonSpace(c) || c === 0x2c || c === 0x5d || c === 0x7d) return i;
      } else if (c === QUOTE) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        this.depth--;
        if (this.depth <= 0) return i + 1;
      } else if (this.depth === 0) this.scalar = true;
      i++;
    }
    return -1;
  }

  /** Returns the offset after the closing quote, or -1 when the string runs past this chunk. */
  private skipString(buf: Buffer, from: number): number {
    let i = from;
    for (;;) {
      if (this.escape) {
        this.escape = false;
        i++;
      }
      const quote = buf.indexOf(QUOTE, i);
      const stop = quote < 0 ? buf.length : quote;
      // An odd run of backslashes right before the quote (or the chunk end) escapes it.
      let slashes = 0;
      for (let j = stop - 1; j >= i && buf[j] === BACKSLASH; j--) slashes++;
      if (quote < 0) {
        this.escape = slashes % 2 === 1;
        return -1;
      }
      i = quote + 1;
      if (slashes % 2 === 0) {
        this.inString = false;
        return i;
      }
    }
  }
}
