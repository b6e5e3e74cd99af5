import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CliError } from '../errors.js';
import type { OnRecords } from './fold-files.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import { ReadAhead } from './read-ahead.js';

/**
 * Young generation of an analysis thread, in MB (V8 splits it into two 32 MB semi-spaces and a large-object part).
 * A file's parsed records live until the file is folded. With V8's default for the main thread (16 MB semi-spaces)
 * many of them outlive two scavenges, are promoted, and become old-space garbage that only full collections
 * reclaim. Twice the room lets them die young: at a million events the analysis takes ~15% less time and 4 s less
 * CPU, for ~30 MB more peak memory (docs/BENCHMARKS.md).
 */
export const ANALYSIS_YOUNG_GENERATION_MB = 96;

/** The worker's entry point, compiled next to this module. */
const WORKER = new URL('./worker.js', import.meta.url);

/** False when running from TypeScript source (the test runner), where there is no compiled worker to start. */
export function analysisWorkerAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

/** The message a worker finishes with. */
export type Finished = Extract<WorkerResponse, { kind: 'done' | 'written' }>;

/**
 * Runs one analysis worker thread and resolves with its final message; progress is reported as it comes. A
 * CliError thrown in the worker (e.g. the output cannot be written) is rethrown here with its code.
 */
export function runAnalysisWorker(request: WorkerRequest, onRecords: OnRecords): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: request,
      resourceLimits: { maxYoungGenerationSizeMb: ANALYSIS_YOUNG_GENERATION_MB },
    });
    // Any failure stops the worker too, so a worker waiting for a file cannot keep the process alive.
    const fail = (error: unknown) => {
      void worker.terminate();
      reject(error);
    };
    const ahead =
      request.kind === 'write' && request.readAhead
        ? new ReadAhead(request.files, (file, transfer) => worker.postMessage(file, transfer))
        : undefined;
    worker.on('message', (message: WorkerResponse) => {
      try {
        if (message.kind === 'progress') onRecords(message.records);
        else if (message.kind === 'taken') ahead?.taken();
        else if (message.kind === 'error')
          fail(message.code ? new CliError(message.code, message.message) : new Error(message.message));
        else resolve(message);
      } catch (error) {
        fail(error);
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
    });
    try {
      ahead?.start();
    } catch (error) {
      fail(error);
    }
  });
}
