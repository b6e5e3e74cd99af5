import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from '../../core/analysis/analyzer.js';
import { VERSION } from '../version.js';
import { foldFiles } from './fold-files.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

/** Worker thread entry: analyses a slice of the input files and posts the partial analysis back. */
async function run(request: WorkerRequest): Promise<void> {
  const analyzer = new Analyzer(request.window, request.seen);
  let pending = 0;
  const failures = await foldFiles(analyzer, request.files, (count) => {
    pending += count;
    if (pending >= 20_000) {
      parentPort?.postMessage({ kind: 'progress', records: pending } satisfies WorkerResponse);
      pending = 0;
    }
  });
  if (pending > 0) parentPort?.postMessage({ kind: 'progress', records: pending } satisfies WorkerResponse);
  const ids = analyzer.eventIdHashes();
  const done: WorkerResponse = { kind: 'done', document: analyzer.toDocument(VERSION), failures, ids };
  parentPort?.postMessage(done, [ids.buffer as ArrayBuffer]);
}

run(workerData as WorkerRequest).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  parentPort?.postMessage({ kind: 'error', message } satisfies WorkerResponse);
});
