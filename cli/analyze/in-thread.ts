import { Analyzer, type AnalyzeWindow, type StreamingDocument } from '../../core/analysis/analyzer.js';
import { VERSION } from '../version.js';
import { foldFiles, type OnRecords } from './fold-files.js';
import { analyzeInParallel } from './parallel.js';

/** The files to analyse and how. */
export interface AnalysisPlan {
  readonly files: readonly string[];
  readonly window: AnalyzeWindow;
  readonly workers: number;
  readonly onRecords: OnRecords;
}

/** Result of analysing inputs: the document, and one-line messages for files that could not be read. */
export interface AnalyzeResult {
  readonly document: StreamingDocument;
  readonly failures: readonly string[];
}

/**
 * Analyses the files with the core analyzer loaded into this thread: directly, or split over `plan.workers` worker
 * threads whose partial analyses are merged here. The analyze command loads this module only when it needs it, so
 * a run that analyses on one worker thread does not hold the core's reference data twice.
 */
export async function analyzeHere(plan: AnalysisPlan): Promise<AnalyzeResult> {
  if (plan.workers > 1) {
    const { document, failures } = await analyzeInParallel(
      plan.files,
      plan.workers,
      plan.window,
      plan.onRecords,
    );
    return { document: { ...document, usageRows: document.usage.length }, failures };
  }
  const analyzer = new Analyzer(plan.window);
  const failures = await foldFiles(analyzer, plan.files, plan.onRecords);
  return { document: analyzer.toStreamingDocument(VERSION), failures };
}
