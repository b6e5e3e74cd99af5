/** Test helpers for the alert step: hand-made calls of any actions and outcomes, and sinks that fail on cue. */
import type { ApiCall, Outcome } from '../../core/types.js';
import { rolePrincipal } from '../store/test-support.js';
import type { Alert } from './alert.js';
import { AlertError } from './errors.js';
import type { AlertSink } from './ports.js';

/** A call by role `role` needing `actions` (each on `resource`), successful unless told otherwise. */
export function callOf(options: {
  readonly id: string;
  readonly time: number;
  readonly role?: string;
  readonly actions: readonly string[];
  readonly outcome?: Outcome;
  readonly resource?: string;
}): ApiCall {
  const resource = options.resource ?? '*';
  return {
    eventId: options.id,
    time: options.time,
    eventSource: 'iam.amazonaws.com',
    eventName: options.actions[0]?.split(':')[1] ?? 'Unknown',
    region: 'us-east-1',
    principal: rolePrincipal(options.role ?? 'app'),
    sourceAccount: '111122223333',
    recipientAccount: '111122223333',
    crossAccount: false,
    outcome: options.outcome ?? { kind: 'success' },
    mapping: {
      kind: 'mapped',
      actions: options.actions.map((action) => ({
        action,
        resources: [{ arn: resource, origin: resource === '*' ? 'unscoped' : 'request' }],
      })),
    },
  };
}

/** An outcome of a call refused by IAM. */
export const DENIED: Outcome = { kind: 'denied', code: 'AccessDenied' };

/** A sink that records every publication, forwards it to `inner`, and can be told to fail the next ones. */
export class RecordingSink implements AlertSink {
  readonly published: Alert[] = [];
  private failuresLeft = 0;

  constructor(private readonly inner?: AlertSink) {}

  /** Makes the next `count` publications throw (a crash between the gate write and the publication). */
  failNext(count = 1): void {
    this.failuresLeft = count;
  }

  async publish(alert: Alert): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new AlertError('UNAVAILABLE', 'injected publish failure');
    }
    await this.inner?.publish(alert);
    this.published.push(alert);
  }
}

/** Wraps a sink so that every `every`-th publication fails before it reaches `inner`; counts both outcomes. */
export function flakySink(
  inner: AlertSink,
  every: number,
): AlertSink & { failures: number; delivered: number } {
  let calls = 0;
  const sink = {
    failures: 0,
    delivered: 0,
    async publish(alert: Alert): Promise<void> {
      if (++calls % every === 0) {
        sink.failures++;
        throw new AlertError('UNAVAILABLE', 'injected publish failure');
      }
      await inner.publish(alert);
      sink.delivered++;
    },
  };
  return sink;
}
