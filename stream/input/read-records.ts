import type { Readable } from 'node:stream';
import { InputError, type InputProblem } from './errors.js';
import { listInputFiles } from './list-input-files.js';
import { readFileRecords, readStreamRecords, type SourceContext } from './read-source.js';
import { DEFAULT_TUNING, type RawRecord, type ReadRecordsOptions, type ReadTuning } from './types.js';

/**
 * Reads CloudTrail input files, directories and `-` (stdin) as batches of raw records, one file at a time so memory
 * holds at most the current file's records plus one batch; the core validates the values.
 */
export function readRecords(
  inputs: readonly string[],
  options: ReadRecordsOptions = {},
): AsyncIterable<RawRecord[]> {
  return readRecordsWith(inputs, options, {});
}

/** {@link readRecords} with test and benchmark seams: tuning and a replacement for stdin. */
export async function* readRecordsWith(
  inputs: readonly string[],
  options: ReadRecordsOptions,
  seams: { readonly tuning?: Partial<ReadTuning>; readonly stdin?: Readable | AsyncIterable<Buffer> },
): AsyncGenerator<RawRecord[]> {
  const tuning: ReadTuning = { ...DEFAULT_TUNING, ...seams.tuning };
  const context: SourceContext = {
    report: options.onProblem ?? throwProblem,
    signal: options.signal,
    tuning,
    prefetched: options.prefetched,
  };
  let batch: RawRecord[] = [];
  for await (const path of options.listed ? inputs : listInputFiles(inputs)) {
    options.signal?.throwIfAborted();
    const reader =
      path === '-'
        ? readStreamRecords(seams.stdin ?? process.stdin, path, context, { jsonLines: false, eager: false })
        : readFileRecords(path, context);
    try {
      for (let step = await reader.next(); ; step = await reader.next()) {
        if (step.done === true) {
          options.onFile?.(path, step.value);
          break;
        }
        const records = step.value;
        let i = 0;
        // Whole slices skip the per-record copy when no partial batch is pending (the common large-file case).
        for (; batch.length === 0 && records.length - i >= tuning.batchSize; i += tuning.batchSize) {
          yield records.slice(i, i + tuning.batchSize);
        }
        for (; i < records.length; i++) {
          batch.push(records[i] as RawRecord);
          if (batch.length < tuning.batchSize) continue;
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      if (!(error instanceof InputError) || !options.onFileError) throw error;
      options.onFileError(error);
    } finally {
      // Closes the file or stream when the consumer stops early or reading failed.
      await reader.return(0);
    }
  }
  if (batch.length > 0) yield batch;
}

function throwProblem(problem: InputProblem): never {
  throw new InputError('INVALID_JSON', problem.message, problem);
}
