import type { ReplayStats } from './replay.js';

/** How a replay run went, for {@link formatReplaySummary}. */
export interface ReplayRun {
  readonly streamName: string;
  /** Where the stream is: `at http://127.0.0.1:4567`, `in region eu-west-1`. */
  readonly where: string;
  readonly ms: number;
  /** Why it ended early, if it did: `interrupted`, `stopped by an error`. */
  readonly ended?: string;
}

/** The two-line summary of a replay: where, how long, how fast, and every count. */
export function formatReplaySummary(stats: Readonly<ReplayStats>, run: ReplayRun): string {
  const passes = stats.passes > 1 ? ` in ${n(stats.passes)} passes` : '';
  const ended = run.ended === undefined ? '' : ` (${run.ended})`;
  const fallback =
    stats.fallbackKeys > 0
      ? `; ${n(stats.fallbackKeys)} without a usable eventID (keyed by EventBridge id)`
      : '';
  return [
    `replayed to stream '${run.streamName}' ${run.where}${passes} in ${(run.ms / 1000).toFixed(1)}s${ended}: ` +
      `${n(stats.sent)} records sent (${n(perSecond(stats.sent, run.ms))} records/s)`,
    `  ${n(stats.read)} read, ${n(stats.sent)} sent, ${n(stats.skipped)} skipped, ${n(stats.retried)} retried, ` +
      `${n(stats.failed)} failed${fallback}`,
    '',
  ].join('\n');
}

/** A one-line progress text: records sent, rate, and the pass when looping. */
export function formatReplayProgress(stats: Readonly<ReplayStats>, ms: number): string {
  const pass = stats.passes > 1 ? `, pass ${n(stats.passes)}` : '';
  return `replay: ${n(stats.sent)} records sent (${n(perSecond(stats.sent, ms))}/s${pass})`;
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function perSecond(count: number, ms: number): number {
  return Math.round(count / Math.max(ms / 1000, 0.001));
}
