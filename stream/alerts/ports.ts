import type { Alert } from './alert.js';

/**
 * Where alerts go. The gate calls `publish` at least once per alert and, after a crash, again with the identical
 * alert: implementations store or forward it idempotently by `alert.id` where the medium allows it, and throw
 * (an AlertError) when it did not go out, so the batch is retried.
 */
export interface AlertSink {
  publish(alert: Alert): Promise<void>;
}
