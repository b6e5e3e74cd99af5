import type { InputError, InputProblem } from './errors.js';
import type { WholeFile } from './read-source.js';

/** One JSON value read from an input, not yet validated, with where it came from. */
export interface RawRecord {
  readonly value: unknown;
  /** File path as given or found while walking a directory, or `-` for stdin. */
  readonly source: string;
  /** 1-based line number, set for JSON Lines input only. */
  readonly line?: number;
}

/** Options of {@link readRecords}. */
export interface ReadRecordsOptions {
  /** Receives skipped defects (bad JSON Lines lines); without it the first defect throws an `InputError`. */
  readonly onProblem?: (problem: InputProblem) => void;
  readonly signal?: AbortSignal;
  /** Called after each input is fully read with the bytes read from disk or stdin (compressed size for gzip). */
  readonly onFile?: (path: string, bytes: number) => void;
  /**
   * Receives a file that cannot be read or parsed as a whole; reading then goes on with the next file. Without it
   * the first such file throws its `InputError`.
   */
  readonly onFileError?: (error: InputError) => void;
  /**
   * Hands over a file's content already read and gunzipped elsewhere (by another thread reading ahead), or
   * undefined to read it here — which is also how a file that failed there gets its error reported. Asked once per
   * file, in order.
   */
  readonly prefetched?: (path: string) => Promise<WholeFile | undefined>;
  /**
   * The inputs are files as `listInputFiles` gave them: read each as it is, without listing again, so a file that
   * vanished or became a directory since is that file's error (see `onFileError`), not the end of the run.
   */
  readonly listed?: boolean;
}

/** Knobs that tests and benchmarks turn; not part of the public surface. */
export interface ReadTuning {
  /** Largest decompressed document parsed with one `JSON.parse`; larger ones go through the streaming splitter. */
  readonly wholeDocumentLimit: number;
  /** Largest single record (streamed element) or JSON Lines line; bigger ones are rejected or skipped. */
  readonly maxRecordBytes: number;
  /** Records per yielded batch. */
  readonly batchSize: number;
}

/** Defaults: 64 MiB keeps V8 far below its string-length limit and bounds peak memory to a few hundred MB. */
export const DEFAULT_TUNING: ReadTuning = {
  wholeDocumentLimit: 64 * 1024 * 1024,
  maxRecordBytes: 64 * 1024 * 1024,
  batchSize: 1000,
};
