import type { AnalyzeWindow } from '../../core/analysis/analyzer.js';
import type { AnalysisDocument } from '../../core/analysis/document.js';

/** What the main thread asks a worker to analyse. */
export interface WorkerRequest {
  readonly files: readonly string[];
  readonly window: AnalyzeWindow;
  /** eventID hash pairs already counted by another worker. */
  readonly seen?: Uint32Array;
}

/** Messages a worker posts back. */
export type WorkerResponse =
  | { readonly kind: 'progress'; readonly records: number }
  | {
      readonly kind: 'done';
      readonly document: AnalysisDocument;
      readonly failures: readonly string[];
      readonly ids: Uint32Array;
    }
  | { readonly kind: 'error'; readonly message: string };
