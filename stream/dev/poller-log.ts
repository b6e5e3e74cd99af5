import type { PollerLogEntry } from '../poller/index.js';

/** Messages that are routine or reported another way (records given up on go through the on-failure hook). */
const QUIET = new Set(['records-discarded']);

/**
 * One readable line for a poller log entry worth a human's attention (warnings and errors), else undefined: the
 * dev stack shows counts, not one JSON line per batch.
 */
export function describePollerEntry(entry: PollerLogEntry): string | undefined {
  if (entry.level !== 'warn' && entry.level !== 'error') return undefined;
  if (QUIET.has(entry.msg)) return undefined;
  const shard = typeof entry.shardId === 'string' ? ` on ${entry.shardId}` : '';
  const details = [entry.outcome, entry.error].filter((d) => typeof d === 'string' && d !== '');
  return `poller: ${entry.msg}${shard}${details.length > 0 ? `: ${details.join(', ')}` : ''}`;
}
