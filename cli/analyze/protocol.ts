import type { AnalyzeWindow, StreamingDocument } from '../../core/analysis/analyzer.js';
import type { AnalysisDocument } from '../../core/analysis/document.js';
import type { CliErrorCode } from '../errors.js';

/** What the main thread asks a worker to do. */
export type WorkerRequest =
  | {
      /** Analyse a slice of the files and post the partial analysis back (`--workers N`). */
      readonly kind: 'partial';
      readonly files: readonly string[];
      readonly window: AnalyzeWindow;
      /** eventID hash pairs already counted by another worker. */
      readonly seen?: Uint32Array;
    }
  | {
      /** Analyse every file and write the analysis to `out`, posting back only its summary. */
      readonly kind: 'write';
      readonly files: readonly string[];
      readonly window: AnalyzeWindow;
      readonly out: string;
      /** The main thread reads the files ahead and sends them (read-ahead.ts). */
      readonly readAhead: boolean;
    };

/** Everything of an analysis document but its usage rows: what the command prints its summary from. */
export type AnalysisSummary = Omit<StreamingDocument, 'usage'>;

/** Messages a worker posts back. */
export type WorkerResponse =
  | { readonly kind: 'progress'; readonly records: number }
  /** A file read ahead was taken: the main thread may read another. */
  | { readonly kind: 'taken' }
  | {
      readonly kind: 'done';
      readonly document: AnalysisDocument;
      readonly failures: readonly string[];
      readonly ids: Uint32Array;
    }
  | { readonly kind: 'written'; readonly summary: AnalysisSummary; readonly failures: readonly string[] }
  | { readonly kind: 'error'; readonly message: string; readonly code?: CliErrorCode };
