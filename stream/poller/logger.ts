/** Severity of a poller log line. */
export type PollerLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One structured log line: a message name plus flat fields (shardId, records, attempt, outcome, ms, …). */
export interface PollerLogEntry {
  readonly level: PollerLogLevel;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/**
 * Receives the poller's structured log lines; inject one to collect them (tests) or route them (dev server).
 */
export type PollerLogger = (entry: PollerLogEntry) => void;

/** A logger that writes one JSON object per line, with an ISO timestamp, to `write` (stderr by default). */
export function jsonLineLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
): PollerLogger {
  return (entry) => write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

/** A logger that drops everything. */
export const silentLogger: PollerLogger = () => {};

/** Wraps a logger so that a log sink that throws can never stop a shard. */
export function guardLogger(logger: PollerLogger): PollerLogger {
  return (entry) => {
    try {
      logger(entry);
    } catch {
      // Losing a log line beats losing the poller.
    }
  };
}
