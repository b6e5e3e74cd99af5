import { statSync } from 'node:fs';
import type { AnalyzeWindow } from '../../core/analysis/analyzer.js';
import type { AnalysisDocument } from '../../core/analysis/document.js';
import { mergeAnalysisDocuments } from '../../core/analysis/merge-documents.js';
import { EventIdSet } from '../../core/usage/event-id-set.js';
import type { OnRecords } from './fold-files.js';
import type { WorkerRequest } from './protocol.js';
import { type Finished, runAnalysisWorker } from './run-worker.js';

/** Result of a parallel analysis, as of a sequential one. */
export interface ParallelResult {
  readonly document: AnalysisDocument;
  readonly failures: readonly string[];
}

/**
 * Analyses files on several worker threads, each taking a contiguous slice of the sorted file list, and merges the
 * partial analyses. Deduplication stays exact: eventIDs seen by more than one worker are found from the workers'
 * hash sets, and the later workers re-run with those ids excluded (rare: it takes overlapping trails or copies).
 */
export async function analyzeInParallel(
  files: readonly string[],
  workers: number,
  window: AnalyzeWindow,
  onRecords: OnRecords,
): Promise<ParallelResult> {
  const slices = sliceBySize(files, workers);
  const first = await Promise.all(slices.map((slice) => runWorker({ files: slice, window }, onRecords)));
  const owned = new EventIdSet(1 << 20);
  const results = [...first];
  for (let k = 0; k < first.length; k++) {
    const ids = (first[k] as Done).ids;
    const seenElsewhere: number[] = [];
    for (let i = 0; i + 1 < ids.length; i += 2) {
      if (!owned.addHash(ids[i] as number, ids[i + 1] as number))
        seenElsewhere.push(ids[i] as number, ids[i + 1] as number);
    }
    if (seenElsewhere.length > 0) {
      const seen = Uint32Array.from(seenElsewhere);
      results[k] = await runWorker({ files: slices[k] as string[], window, seen }, () => {});
    }
  }
  return {
    document: mergeAnalysisDocuments(results.map((r) => r.document)),
    failures: results.flatMap((r) => r.failures),
  };
}

type Done = Extract<Finished, { kind: 'done' }>;

async function runWorker(
  request: Omit<Extract<WorkerRequest, { kind: 'partial' }>, 'kind'>,
  onRecords: OnRecords,
): Promise<Done> {
  const finished = await runAnalysisWorker({ kind: 'partial', ...request }, onRecords);
  if (finished.kind !== 'done') throw new Error('analysis worker answered with a written analysis');
  return finished;
}

/** Splits the sorted file list into at most `n` contiguous slices of similar total size. */
export function sliceBySize(files: readonly string[], n: number): string[][] {
  const sizes = files.map((f) => statSync(f).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const slices: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  files.forEach((file, i) => {
    current.push(file);
    bytes += sizes[i] as number;
    if (bytes >= (total * (slices.length + 1)) / n && slices.length < n - 1) {
      slices.push(current);
      current = [];
    }
  });
  if (current.length > 0) slices.push(current);
  return slices;
}
