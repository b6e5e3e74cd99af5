import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from '../../core/analysis/analyzer.js';
import type { WholeFile } from '../../stream/input/index.js';
import { CliError } from '../errors.js';
import { VERSION } from '../version.js';
import { foldFiles } from './fold-files.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import { type AheadFile, AheadInbox } from './read-ahead.js';
import { writeAnalysis } from './write-analysis.js';

/** Progress is posted in steps of this many records. */
const PROGRESS_STEP = 20_000;

/** Worker thread entry: analyses files and posts back either the partial analysis or, once written, its summary. */
async function run(request: WorkerRequest): Promise<void> {
  const analyzer = new Analyzer(request.window, request.kind === 'partial' ? request.seen : undefined);
  let pending = 0;
  const onRecords = (count: number) => {
    pending += count;
    if (pending >= PROGRESS_STEP) {
      post({ kind: 'progress', records: pending });
      pending = 0;
    }
  };
  let prefetched: ((path: string) => Promise<WholeFile | undefined>) | undefined;
  let stopListening = () => {};
  if (request.kind === 'write' && request.readAhead) {
    const inbox = new AheadInbox(() => post({ kind: 'taken' }), request.files.length);
    const receive = (file: AheadFile) => inbox.receive(file);
    parentPort?.on('message', receive);
    prefetched = (path) => inbox.take(path);
    // Listening keeps the thread alive: stop once every file is read, so the thread ends when its work does.
    stopListening = () => parentPort?.off('message', receive);
  }
  const failures = await foldFiles(analyzer, request.files, onRecords, prefetched).finally(stopListening);
  if (pending > 0) post({ kind: 'progress', records: pending });
  if (request.kind === 'write') {
    const document = analyzer.toStreamingDocument(VERSION);
    await writeAnalysis(request.out, document);
    const { usage: _, ...summary } = document;
    post({ kind: 'written', summary, failures });
    return;
  }
  const ids = analyzer.eventIdHashes();
  const done: WorkerResponse = { kind: 'done', document: analyzer.toDocument(VERSION), failures, ids };
  parentPort?.postMessage(done, [ids.buffer as ArrayBuffer]);
}

function post(message: WorkerResponse): void {
  parentPort?.postMessage(message);
}

run(workerData as WorkerRequest).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  post(error instanceof CliError ? { kind: 'error', message, code: error.code } : { kind: 'error', message });
});
