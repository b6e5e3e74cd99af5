import type { Analyzer } from '../../core/analysis/analyzer.js';
import type { InputError, InputProblem, ReadRecordsOptions } from '../../stream/input/index.js';
import { readRecords } from '../../stream/input/index.js';
import { HeapGuard } from './heap-guard.js';

/** Called after each batch of records with how many were read. */
export type OnRecords = (count: number) => void;

/**
 * Streams files (as listed by `listInputFiles`) through an analyzer one at a time, their content possibly read ahead
 * by another thread. A file that cannot be read or parsed is counted as quarantined
 * and reported in the returned one-line messages; the other files are still analysed.
 */
export async function foldFiles(
  analyzer: Analyzer,
  files: readonly string[],
  onRecords: OnRecords = () => {},
  prefetched?: ReadRecordsOptions['prefetched'],
): Promise<string[]> {
  const failures: string[] = [];
  const heap = new HeapGuard();
  const onProblem = (problem: InputProblem) => {
    const origin =
      problem.line === undefined
        ? { source: problem.source }
        : { source: problem.source, line: problem.line };
    analyzer.addQuarantined({ code: 'INVALID_JSON', reason: problem.message }, origin);
  };
  const records = readRecords(files, {
    onProblem,
    // One unreadable file must not lose the others: report it, count it, carry on.
    onFileError: (error: InputError) => {
      failures.push(error.message);
      analyzer.addQuarantined({ code: 'INVALID_JSON', reason: error.message }, { source: error.source });
    },
    onFile: () => heap.check(),
    listed: true,
    ...(prefetched ? { prefetched } : {}),
  });
  for await (const batch of records) {
    for (const record of batch) {
      analyzer.addRecord(
        record.value,
        record.line === undefined ? { source: record.source } : { source: record.source, line: record.line },
      );
    }
    onRecords(batch.length);
  }
  return failures;
}
