import { describe, expect, it } from 'vitest';
import type { ReplayStats } from './replay.js';
import { formatReplayProgress, formatReplaySummary } from './replay-summary.js';

const stats: ReplayStats = {
  read: 10_087,
  sent: 10_080,
  skipped: 7,
  retried: 12,
  failed: 0,
  fallbackKeys: 51,
  passes: 1,
};

describe('formatReplaySummary', () => {
  it('names the stream, time, rate and every count', () => {
    const text = formatReplaySummary(stats, { streamName: 's', where: 'at http://127.0.0.1:4567', ms: 2000 });

    expect(text).toBe(
      "replayed to stream 's' at http://127.0.0.1:4567 in 2.0s: 10,080 records sent (5,040 records/s)\n" +
        '  10,087 read, 10,080 sent, 7 skipped, 12 retried, 0 failed; 51 without a usable eventID (keyed by EventBridge id)\n',
    );
  });

  it('mentions passes and why a run ended early', () => {
    const text = formatReplaySummary(
      { ...stats, passes: 3, fallbackKeys: 0 },
      { streamName: 's', where: 'in region eu-west-1', ms: 500, ended: 'interrupted' },
    );

    expect(text.split('\n')[0]).toBe(
      "replayed to stream 's' in region eu-west-1 in 3 passes in 0.5s (interrupted): 10,080 records sent (20,160 records/s)",
    );
    expect(text).not.toContain('without a usable eventID');
  });
});

describe('formatReplayProgress', () => {
  it('shows records sent, the rate and the pass when looping', () => {
    expect(formatReplayProgress(stats, 1000)).toBe('replay: 10,080 records sent (10,080/s)');
    expect(formatReplayProgress({ ...stats, passes: 2 }, 2000)).toBe(
      'replay: 10,080 records sent (5,040/s, pass 2)',
    );
  });
});
