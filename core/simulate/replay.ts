import { evaluateRequest } from '../evaluate/evaluate.js';
import type { ContextValues, Decision, PolicySet } from '../evaluate/types.js';
import { rowContexts } from './request-context.js';
import type { RecordedUsage, RowChange, SimulationReport } from './types.js';

/** Says in one sentence why a request got its decision. */
export function describeDecision(decision: Decision): string {
  const first = decision.statements[0];
  const where = first
    ? `${first.kind === 'identity' ? '' : `${first.kind} `}${first.policy} (${first.sid})`
    : '';
  if (decision.decision === 'Allow') return `allowed by ${where}`;
  if (decision.decision === 'ExplicitDeny') return `explicitly denied by ${where}`;
  if (decision.missing === 'scp') return `no Allow in the SCPs of level ${decision.level ?? 0}`;
  if (decision.missing === 'boundary') return 'not allowed by the permissions boundary';
  return 'no statement allows it (implicit deny)';
}

/**
 * The decision for a row: the first variant that is denied, else the allow of the last variant. `unknownResource`
 * says how a row whose resource is `"*"` (unknown) is decided; see `EvaluationRequest`.
 */
export function evaluateRow(
  set: PolicySet,
  row: RecordedUsage,
  base: ContextValues,
  unknownResource: 'lenient' | 'strict' = 'lenient',
): Decision {
  const request = {
    action: row.action,
    resource: row.resource === '*' ? undefined : row.resource,
    unknownResource,
  };
  let last: Decision | undefined;
  for (const context of rowContexts(row, base)) {
    last = evaluateRequest(set, { ...request, context });
    if (last.decision !== 'Allow') return last;
  }
  return last ?? evaluateRequest(set, { ...request, context: base });
}

/**
 * A row's outcome under one policy set. With an unknown resource, its successful calls count as allowed when the
 * set allows the action on some resource, and its denied calls as denied unless the set allows it on every
 * resource: the recorded outcome stands unless the policies decide otherwise whatever the resource was.
 */
interface RowOutcome {
  /** Decision for the row's successful calls. */
  readonly success: Decision;
  /** Decision for the row's denied calls. */
  readonly denied: Decision;
}

function outcomeOf(set: PolicySet, row: RecordedUsage, base: ContextValues): RowOutcome {
  const success = evaluateRow(set, row, base, 'lenient');
  const strict = row.resource === '*' && row.denied > 0;
  return { success, denied: strict ? evaluateRow(set, row, base, 'strict') : success };
}

const allows = (d: Decision) => d.decision === 'Allow';

type AccessDeniedChange = SimulationReport['metrics']['accessDeniedChange'];

/** Replay result: the AccessDenied figures and the rows whose outcome the proposal changes. */
export interface ReplayResult {
  readonly accessDeniedChange: AccessDeniedChange;
  readonly regressions: RowChange[];
  readonly newlyAllowed: RowChange[];
}

const byCallsThenName = (a: RowChange, b: RowChange) =>
  b.calls - a.calls ||
  (a.action < b.action ? -1 : a.action > b.action ? 1 : a.resource < b.resource ? -1 : 1);

/** Running totals of a replay. */
interface Tally {
  before: number;
  after: number;
  baselineGaps: number;
  unknownResourceRows: number;
  readonly regressions: RowChange[];
  readonly newlyAllowed: RowChange[];
}

/** Adds one row's outcome before (`undefined` = as recorded) and after to the tally. */
function tallyRow(t: Tally, row: RecordedUsage, was: RowOutcome | undefined, now: RowOutcome): void {
  if (row.resource === '*') t.unknownResourceRows++;
  const deniedCalls = (o: RowOutcome) =>
    (allows(o.success) ? 0 : row.calls) + (allows(o.denied) ? 0 : row.denied);
  t.before += was === undefined ? row.denied : deniedCalls(was);
  t.after += deniedCalls(now);
  if (was && !allows(was.success)) t.baselineGaps += row.calls;
  const change = (d: Decision, calls: number): RowChange => ({
    action: row.action,
    resource: row.resource,
    calls,
    reason: describeDecision(d),
    decision: d.decision,
  });
  if (row.calls > 0 && (was === undefined || allows(was.success)) && !allows(now.success)) {
    t.regressions.push(change(now.success, row.calls));
  }
  if (row.denied > 0 && allows(now.denied) && !(was && allows(was.denied))) {
    t.newlyAllowed.push(change(now.denied, row.denied));
  }
}

/**
 * Replays every recorded row against the baseline (when given) and the proposal. A regression is a row with
 * successful calls that the baseline allows (or, without a baseline, that succeeded) and the proposal denies.
 */
export function replayUsage(
  usage: readonly RecordedUsage[],
  sets: { readonly before: PolicySet | undefined; readonly after: PolicySet },
  base: ContextValues,
): ReplayResult {
  const t: Tally = {
    before: 0,
    after: 0,
    baselineGaps: 0,
    unknownResourceRows: 0,
    regressions: [],
    newlyAllowed: [],
  };
  for (const row of usage) {
    if (row.calls + row.denied === 0) continue;
    const was = sets.before ? outcomeOf(sets.before, row, base) : undefined;
    tallyRow(t, row, was, outcomeOf(sets.after, row, base));
  }
  return {
    accessDeniedChange: {
      before: t.before,
      beforeSource: sets.before ? 'baseline' : 'recorded',
      after: t.after,
      newlyDenied: t.regressions.reduce((n, r) => n + r.calls, 0),
      newlyAllowed: t.newlyAllowed.reduce((n, r) => n + r.calls, 0),
      baselineGaps: t.baselineGaps,
      unknownResourceRows: t.unknownResourceRows,
    },
    regressions: t.regressions.sort(byCallsThenName),
    newlyAllowed: t.newlyAllowed.sort(byCallsThenName),
  };
}
