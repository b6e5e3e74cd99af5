import type { DevStats } from './dev-stats.js';

/** One status line: replayed, batches, calls applied, duplicates, quarantined, DynamoDB writes, iterator age. */
export function formatDevStatus(stats: DevStats): string {
  const replay = stats.replay.state === 'off' ? '' : `replayed ${n(stats.replay.sent)} · `;
  return (
    `${clock(stats.uptimeMs)} ${replay}batches ${n(stats.batches)} · applied ${n(stats.applied)} · ` +
    `duplicates ${n(stats.duplicates)} · quarantined ${n(stats.quarantined)} · writes ${n(stats.writes)} · ` +
    `iterator age ${age(stats.iteratorAgeMs)} · memory ${megabytes(stats.rssBytes)}${trouble(stats)}`
  );
}

/** The final summary: how long it ran, what was replayed, and what the consumer did with it. */
export function formatDevSummary(stats: DevStats): string {
  const { replay } = stats;
  const passes = replay.passes > 1 ? ` in ${n(replay.passes)} passes` : '';
  const replayed =
    replay.state === 'off'
      ? '  replay: off'
      : `  replay: ${count(replay.sent, 'record')} sent${passes} ` +
        `(${n(perSecond(replay.sent, stats.uptimeMs))}/s), ${n(replay.skipped)} skipped`;
  return [
    `iamlp dev: stopped after ${(stats.uptimeMs / 1000).toFixed(1)}s`,
    replayed,
    `  consumer: ${count(stats.records, 'record')} in ${count(stats.batches, 'batch', 'batches')} → ` +
      `${count(stats.applied, 'call')} applied, ${count(stats.duplicates, 'duplicate')} dropped, ` +
      `${n(stats.quarantined)} quarantined`,
    `  DynamoDB: ${count(stats.writes, 'write request')} (${perThousand(stats.writes, stats.records)} per 1,000 records)`,
    `  event source mapping: ${count(stats.failedInvocations, 'failed invocation')} (retried), ` +
      `${count(stats.discarded, 'record')} given up on, iterator age ${age(stats.iteratorAgeMs)}`,
    `  memory: ${megabytes(stats.rssBytes)} resident (the emulators keep every record in memory)`,
    '',
  ].join('\n');
}

/** Failures are shown only when there are some. */
function trouble(stats: DevStats): string {
  const parts = [
    stats.failedInvocations > 0 ? `${n(stats.failedInvocations)} failed invocations` : '',
    stats.discarded > 0 ? `${n(stats.discarded)} given up` : '',
    stats.replay.state === 'failed' ? 'replay failed' : '',
  ].filter((part) => part !== '');
  return parts.length > 0 ? ` · ${parts.join(' · ')}` : '';
}

function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const mm = String(Math.floor(seconds / 60)).padStart(2, '0');
  return `[${mm}:${String(seconds % 60).padStart(2, '0')}]`;
}

function age(ms: number | undefined): string {
  return ms === undefined ? '–' : `${(ms / 1000).toFixed(1)}s`;
}

function megabytes(bytes: number): string {
  return `${n(Math.round(bytes / 1e6))} MB`;
}

function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${n(value)} ${value === 1 ? singular : plural}`;
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function perSecond(count: number, ms: number): number {
  return Math.round(count / Math.max(ms / 1000, 0.001));
}

function perThousand(writes: number, records: number): string {
  return records === 0 ? '–' : ((writes / records) * 1000).toFixed(0);
}
