/** How a large input is streamed: one JSON document for the splitter, or JSON Lines. */
export type StreamLayout = 'document' | 'jsonl';

const RECORDS_PREFIX = /^\{\s*"Records"/;
// Long enough to hold `{`, some pretty-printing whitespace and `"Records"`.
const PREFIX_BYTES = 64;

/**
 * Decides the layout of a large input from its first bytes, looking at each chunk once: `[` or `{"Records"` is a
 * document; otherwise a first line that is a complete JSON object means JSON Lines, anything else a document.
 */
export class LayoutSniffer {
  private readonly held: Buffer[] = [];
  private bytes = 0;
  private first: number | undefined;
  private firstAt = 0;
  private newlineAt: number | undefined;
  private layout: StreamLayout | undefined;

  /** @param maxLineBytes a first line longer than this cannot be JSON Lines. */
  constructor(private readonly maxLineBytes: number) {}

  /** Records the next chunk (the caller keeps the chunks) and returns the layout once it is decidable. */
  add(chunk: Buffer): StreamLayout | undefined {
    if (this.layout !== undefined) return this.layout;
    this.layout = this.decide(chunk);
    // Once decided the chunks belong to the parser alone; do not keep up to `limit` bytes alive here.
    if (this.layout !== undefined) this.held.length = 0;
    return this.layout;
  }

  private decide(chunk: Buffer): StreamLayout | undefined {
    const offset = this.bytes;
    this.held.push(chunk);
    this.bytes += chunk.length;
    let from = 0;
    if (this.first === undefined) {
      while (from < chunk.length && isLeadingSpace(chunk[from] as number, offset + from)) from++;
      if (from === chunk.length) return undefined;
      this.first = chunk[from];
      this.firstAt = offset + from;
    }
    if (this.first !== 0x7b) return 'document';
    if (this.newlineAt === undefined) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl >= 0) this.newlineAt = offset + nl;
    }
    const prefix = this.copy(this.firstAt, this.firstAt + PREFIX_BYTES).toString('latin1');
    if (RECORDS_PREFIX.test(prefix)) return 'document';
    if (this.newlineAt !== undefined) return this.firstLineIsObject(this.newlineAt) ? 'jsonl' : 'document';
    return this.bytes >= this.maxLineBytes ? 'document' : undefined;
  }

  private firstLineIsObject(end: number): boolean {
    try {
      const first: unknown = JSON.parse(this.copy(this.firstAt, end).toString('utf8'));
      return typeof first === 'object' && first !== null;
    } catch {
      return false;
    }
  }

  /** Copies bytes [from, to) out of the held chunks. */
  private copy(from: number, to: number): Buffer {
    const parts: Buffer[] = [];
    let offset = 0;
    for (const chunk of this.held) {
      const start = Math.max(from - offset, 0);
      const end = Math.min(to - offset, chunk.length);
      if (start < end) parts.push(chunk.subarray(start, end));
      offset += chunk.length;
      if (offset >= to) break;
    }
    return Buffer.concat(parts);
  }
}

function isLeadingSpace(c: number, offset: number): boolean {
  return (
    c === 0x20 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x09 ||
    (offset < 3 && (c === 0xef || c === 0xbb || c === 0xbf))
  );
}
