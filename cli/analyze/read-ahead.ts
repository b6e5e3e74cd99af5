import { DEFAULT_TUNING, readWholeFile, type WholeFile } from '../../stream/input/index.js';
import { exposedGc } from './heap-guard.js';

/**
 * Reading ahead for an analysis worker: the main thread, otherwise idle while a worker analyses, reads and gunzips
 * the next files and hands their bytes over (transferred, not copied). The worker then only decodes, parses and
 * folds, so gunzip runs on the other core (~15% less time at a million events). Files are sent in the order the
 * worker reads them, a bounded number ahead; a file that cannot be read here is sent without content, and the
 * worker reads it itself, which reports its error exactly as without reading ahead.
 */

/** A file handed to the worker: its content, or none when the worker is to read it itself. */
export interface AheadFile {
  readonly kind: 'file';
  readonly path: string;
  readonly content?: Uint8Array;
  readonly bytes: number;
}

/** Files read ahead at most, and bytes (decompressed) beyond which no further file is read ahead. */
const MAX_FILES = 4;
const MAX_BYTES = 16 * 1024 * 1024;

/** The main thread's side: reads ahead and sends, one more each time the worker reports a file taken. */
export class ReadAhead {
  private readonly collect = exposedGc();
  private next = 0;
  private readonly inFlight: number[] = [];
  private inFlightBytes = 0;

  constructor(
    private readonly files: readonly string[],
    private readonly send: (file: AheadFile, transfer: ArrayBuffer[]) => void,
  ) {}

  /** Sends the first files. */
  start(): void {
    this.pump();
  }

  /** The worker took the oldest file sent: read further ahead. */
  taken(): void {
    this.inFlightBytes -= this.inFlight.shift() ?? 0;
    this.pump();
  }

  private pump(): void {
    while (
      this.next < this.files.length &&
      (this.inFlight.length === 0 || (this.inFlight.length < MAX_FILES && this.inFlightBytes < MAX_BYTES))
    ) {
      const path = this.files[this.next++] as string;
      // This thread allocates almost nothing but the gunzip buffers, which live outside the JavaScript heap, so V8
      // would rarely collect them and dead ones would pile up (~30 MB at a million events). A scavenge of this
      // thread's tiny young generation frees them and costs microseconds.
      this.collect?.({ type: 'minor' });
      const whole = readQuietly(path);
      if (!whole) {
        this.send({ kind: 'file', path, bytes: 0 }, []);
        this.inFlight.push(0);
        continue;
      }
      const content = ownBuffer(whole.content);
      this.send({ kind: 'file', path, content, bytes: whole.bytes }, [content.buffer as ArrayBuffer]);
      this.inFlight.push(content.byteLength);
      this.inFlightBytes += content.byteLength;
    }
  }
}

/** The worker's side: hands the files over in order as the reader asks for them. */
export class AheadInbox {
  private readonly arrived: AheadFile[] = [];
  private waiting: ((file: AheadFile) => void) | undefined;
  private takes = 0;

  /** @param sent how many files the main thread sends: one per file of the list both sides were given. */
  constructor(
    private readonly onTaken: () => void,
    private readonly sent: number,
  ) {}

  /** A file arrived from the main thread. */
  receive(file: AheadFile): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(file);
    else this.arrived.push(file);
  }

  /** The content of `path` read ahead, or undefined to read it here. */
  async take(path: string): Promise<WholeFile | undefined> {
    // The reader walks the list it was given, so it never asks for more files than were sent; should that ever
    // change, the extra ones are read here rather than waited for (waiting would hang both threads).
    if (this.takes++ >= this.sent) return undefined;
    const file =
      this.arrived.shift() ??
      (await new Promise<AheadFile>((resolve) => {
        this.waiting = resolve;
      }));
    this.onTaken();
    // Both sides walk the same list in the same order, so this holds; if it ever did not, reading here stays
    // correct (only slower).
    if (file.path !== path || !file.content) return undefined;
    return {
      content: Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength),
      bytes: file.bytes,
    };
  }
}

function readQuietly(path: string): WholeFile | undefined {
  try {
    return readWholeFile(path, DEFAULT_TUNING.wholeDocumentLimit);
  } catch {
    return undefined;
  }
}

/** The bytes in an ArrayBuffer of their own, which can be transferred (small Buffers share a pool). */
function ownBuffer(bytes: Buffer): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? new Uint8Array(bytes.buffer, 0, bytes.byteLength)
    : new Uint8Array(bytes);
}
