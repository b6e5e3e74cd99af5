import { describe, expect, it } from 'vitest';
import type { Alert, AlertSink } from '../alerts/index.js';
import { FanOutAlertSink } from './fan-out-alert-sink.js';

const alert = { id: 'a1' } as Alert;

function recordingSink(name: string, calls: string[], fail = false): AlertSink {
  return {
    publish: async (a) => {
      calls.push(`${name}:${a.id}`);
      if (fail) throw new Error(`${name} down`);
    },
  };
}

describe('FanOutAlertSink', () => {
  it('publishes to every sink in order', async () => {
    const calls: string[] = [];

    await new FanOutAlertSink([recordingSink('store', calls), recordingSink('bus', calls)]).publish(alert);

    expect(calls).toEqual(['store:a1', 'bus:a1']);
  });

  it('stops at the first failing sink and rethrows, so the batch is retried', async () => {
    const calls: string[] = [];
    const sink = new FanOutAlertSink([recordingSink('store', calls, true), recordingSink('bus', calls)]);

    await expect(sink.publish(alert)).rejects.toThrow('store down');
    expect(calls).toEqual(['store:a1']);
  });
});
