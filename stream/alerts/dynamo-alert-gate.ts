import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ApiCall } from '../../core/types.js';
import { mapLimit } from '../store/map-limit.js';
import type { Alert } from './alert.js';
import { type AlertCandidate, detectAlerts } from './detect.js';
import { AlertError } from './errors.js';
import { type Gate, type GateKey, GateTable, gateIdOf, gateKeyOf } from './gate-io.js';
import type { AlertSink } from './ports.js';

/** Settings of {@link DynamoAlertGate}. */
export interface DynamoAlertGateOptions {
  readonly client: DynamoDBClient;
  /** The shared state table (pk + sk strings). */
  readonly tableName: string;
  readonly sink: AlertSink;
  /** Gates known to be settled, remembered so later uses cost no request (default 20,000). */
  readonly cacheSize?: number;
  /**
   * Age after which a pending gate is finished by whichever consumer meets it (default 15 minutes, Lambda's
   * longest run): its owner's records may have been given up on (retry limit, record age) and never return.
   */
  readonly orphanAfterMs?: number;
  /** Gates handled at once within a batch (default 8). */
  readonly concurrency?: number;
  readonly now?: () => number;
}

/** What the alert step did for one batch. */
export interface AlertStepResult {
  /** Alerts handed to the sink (re-publications after a crash included). */
  readonly published: number;
  /** DynamoDB write requests sent to the gate table. */
  readonly writes: number;
}

const NOTHING: AlertStepResult = { published: 0, writes: 0 };
const DEFAULT_CACHE = 20_000;
const DEFAULT_ORPHAN_MS = 15 * 60 * 1000;

/**
 * First-use alerts with exactly-once effect: one gate item per kind × principal × action in the state table
 * (`pk = A#<principal>`, `sk = <kind>#<action>`), created with a conditional put that only one call in the whole
 * stream can win. The gate holds the alert's full content and a status, `pending` until the sink took the alert,
 * then `sent`; every publication is of that stored content, so re-publications are identical.
 *
 * Why no alert is lost or doubled: only the winner of the put publishes. If it dies before marking the gate
 * `sent`, its batch is retried (the consumer throws), and the retry re-sends the winning call (retries re-send
 * the batch or a part of it that still holds every call not yet acknowledged, in order, on the same shard —
 * eventIDs never change shard): a pending gate whose eventID is among the batch's calls of that pair is ours to
 * finish. A pending gate of a call not in the batch belongs to another shard's attempt and is left to it, unless
 * it is older than `orphanAfterMs` (its records were given up on): then whoever meets it finishes it. Sinks store
 * by the alert's stable id, so the few paths that publish twice (a crash after the sink and before the mark, an
 * orphan finished while its owner revives) still store one alert; EventBridge consumers dedupe on `alertId`.
 */
export class DynamoAlertGate {
  private readonly table: GateTable;
  /** Ids of gates known to be `sent`: insertion-ordered, so the oldest are forgotten first. */
  private readonly settled = new Set<string>();
  private readonly cacheSize: number;
  private readonly orphanAfterMs: number;
  private readonly now: () => number;

  constructor(private readonly options: DynamoAlertGateOptions) {
    this.table = new GateTable(options.client, options.tableName);
    this.cacheSize = options.cacheSize ?? DEFAULT_CACHE;
    this.orphanAfterMs = options.orphanAfterMs ?? DEFAULT_ORPHAN_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Raises the alerts of calls that are stored (so a retry re-sends them): one read for the gates not known to
   * be settled, a conditional put per new gate. Throws when a gate or the sink fails; retrying the batch is exact.
   */
  async process(calls: readonly ApiCall[]): Promise<AlertStepResult> {
    const candidates = detectAlerts(calls).filter((c) => !this.settled.has(gateIdOf(gateKeyOf(c.draft))));
    if (candidates.length === 0) return NOTHING;
    const gates = await this.table.readMany(candidates.map((c) => gateKeyOf(c.draft)));
    const results = await mapLimit(candidates, this.options.concurrency ?? 8, (candidate) =>
      this.admit(candidate, gates.get(gateIdOf(gateKeyOf(candidate.draft)))),
    );
    // Every gate settled before throwing, so no request is left running when the batch is retried.
    const failed = results.find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return results.reduce((sum, r) => (r.status === 'fulfilled' ? add(sum, r.value) : sum), NOTHING);
  }

  private async admit(candidate: AlertCandidate, known: Gate | undefined): Promise<AlertStepResult> {
    const key = gateKeyOf(candidate.draft);
    if (known !== undefined) return this.resume(candidate, key, known, 0);
    const alert: Alert = { ...candidate.draft, detectedAt: this.now() };
    if (await this.table.claim(alert)) return this.deliver(alert, key, 1);
    // Lost a race with another shard (or our own earlier, unacknowledged put): follow what is stored.
    const stored = await this.table.read(key);
    if (stored === undefined)
      throw new AlertError('CONFLICT', 'alert gate vanished after a failed conditional put');
    return this.resume(candidate, key, stored, 1);
  }

  private async resume(
    candidate: AlertCandidate,
    key: GateKey,
    gate: Gate,
    writes: number,
  ): Promise<AlertStepResult> {
    if (gate.status === 'sent') {
      this.remember(gateIdOf(key));
      return { published: 0, writes };
    }
    const ours = candidate.eventIds.has(gate.alert.eventId);
    const orphaned = this.now() - gate.alert.detectedAt >= this.orphanAfterMs;
    // Another shard's call holds it and is publishing it now (or will on its retry): not ours to send.
    if (!ours && !orphaned) return { published: 0, writes };
    return this.deliver(gate.alert, key, writes);
  }

  private async deliver(alert: Alert, key: GateKey, writes: number): Promise<AlertStepResult> {
    await this.options.sink.publish(alert);
    await this.table.markSent(key);
    this.remember(gateIdOf(key));
    return { published: 1, writes: writes + 1 };
  }

  private remember(id: string): void {
    this.settled.add(id);
    if (this.settled.size <= this.cacheSize) return;
    const oldest = this.settled.values().next();
    if (oldest.done !== true) this.settled.delete(oldest.value);
  }
}

function add(a: AlertStepResult, b: AlertStepResult): AlertStepResult {
  return { published: a.published + b.published, writes: a.writes + b.writes };
}
