import type { Alert, AlertSink } from '../alerts/index.js';

/**
 * Publishes each alert to several sinks in order (the stored copy first, then the bus): a sink that throws stops
 * the rest and fails the batch, whose retry publishes the same alert again — harmless, since every sink stores or
 * forwards by the alert's stable id.
 */
export class FanOutAlertSink implements AlertSink {
  constructor(private readonly sinks: readonly AlertSink[]) {}

  async publish(alert: Alert): Promise<void> {
    for (const sink of this.sinks) await sink.publish(alert);
  }
}
