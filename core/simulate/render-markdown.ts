import { code, count, details, percent, signed, table, text } from './markdown.js';
import type { Concreteness, RowChange, SimulationReport } from './types.js';

/** Most rows of a list printed in full (regressions, newly allowed rows, actions per list). */
const LIST_LIMIT = 200;
/** Services listed in the "removed by service" table. */
const SERVICE_LIMIT = 25;

type Metrics = SimulationReport['metrics'];

function header(r: SimulationReport): string[] {
  const from =
    r.baseline === null ? 'no baseline (recorded outcomes as "before")' : `baseline ${code(r.baseline)}`;
  const lines = [
    `# Policy simulation: ${code(r.principal)}`,
    '',
    `${from} → proposal ${code(r.proposed)}. Replayed ${count(r.recorded.rows)} recorded requests ` +
      `(${count(r.recorded.successfulCalls)} successful calls, ${count(r.recorded.deniedCalls)} denied).`,
    '',
  ];
  const n = r.regressions.length;
  const calls = r.metrics.accessDeniedChange.newlyDenied;
  lines.push(
    n === 0
      ? '> **No regression:** every successful recorded call stays allowed under the proposal.'
      : `> **⚠ ${count(n)} regression${n === 1 ? '' : 's'}:** the proposal would deny ${count(calls)} recorded ` +
          `call${calls === 1 ? '' : 's'} that succeeded (listed under "Regressions").`,
    '',
  );
  return lines;
}

function signedPoints(points: number): string {
  const text = Math.abs(points).toFixed(1);
  return text === '0.0' ? '0' : `${points > 0 ? '+' : '−'}${text}`;
}

function ratioCell(c: Concreteness | null): string {
  return c === null ? 'n/a' : `${percent(c.ratio)} (${count(c.concrete)} of ${count(c.total)})`;
}

function summary(m: Metrics): string[] {
  const a = m.allowedActionDelta;
  const c = m.resourceConcretenessRatio;
  const d = m.accessDeniedChange;
  const riskBefore = m.highRiskReductions.every((h) => h.before !== null)
    ? m.highRiskReductions.reduce((n, h) => n + (h.before ?? 0), 0)
    : null;
  const riskAfter = m.highRiskReductions.reduce((n, h) => n + h.after, 0);
  const change = (before: number | null, after: number) => (before === null ? '' : signed(after - before));
  const points = c.before === null ? '' : `${signedPoints((c.after.ratio - c.before.ratio) * 100)} pts`;
  return [
    '## Summary',
    '',
    ...table(
      ['Metric', 'Before', 'After', 'Change'],
      [
        [
          'Allowed actions',
          a.before === null ? 'n/a' : count(a.before),
          count(a.after),
          change(a.before, a.after),
        ],
        ['Resource concreteness', ratioCell(c.before), ratioCell(c.after), points],
        ['Recorded calls the policies deny', count(d.before), count(d.after), signed(d.after - d.before)],
        [
          'High-risk actions allowed',
          riskBefore === null ? 'n/a' : count(riskBefore),
          count(riskAfter),
          change(riskBefore, riskAfter),
        ],
      ],
      '---|---:|---:|---:',
    ),
    '',
  ];
}

function changeRows(rows: readonly RowChange[], callsHead: string, why: string): string[] {
  const shown = rows
    .slice(0, LIST_LIMIT)
    .map((r) => [code(r.action), code(r.resource), count(r.calls), text(r.reason)]);
  const more =
    rows.length > LIST_LIMIT
      ? ['', `… and ${count(rows.length - LIST_LIMIT)} more (all in --format json)`]
      : [];
  return [...table(['Action', 'Resource', callsHead, why], shown, '---|---|---:|---'), ...more, ''];
}

function regressions(r: SimulationReport): string[] {
  if (r.regressions.length === 0) return [];
  return [
    '## Regressions',
    '',
    'Successful recorded calls that the proposal would deny. Grant them, or confirm they are no longer needed. ' +
      'A resource of `*` means the call had none or it could not be determined.',
    '',
    ...changeRows(r.regressions, 'Successful calls', 'Why the proposal denies it'),
  ];
}

function byService(actions: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const a of actions) {
    const service = a.split(':')[0] ?? a;
    counts.set(service, (counts.get(service) ?? 0) + 1);
  }
  return [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
}

function actionDelta(m: Metrics): string[] {
  const a = m.allowedActionDelta;
  const lines = ['## 1. Allowed action delta', ''];
  if (a.before === null) {
    lines.push(`The proposal may allow ${count(a.after)} actions (no baseline to compare with).`, '');
    return [...lines, ...details(`Allowed actions (${count(a.added.length)})`, a.added, LIST_LIMIT * 5), ''];
  }
  lines.push(
    `**Removed ${count(a.removed.length)}** · added ${count(a.added.length)} · kept ${count(a.kept.length)} ` +
      `(${count(a.before)} → ${count(a.after)} actions the policies may allow).`,
    '',
  );
  const services = byService(a.removed);
  if (services.length > 0) {
    const rows = services.slice(0, SERVICE_LIMIT).map(([s, n]) => [code(s), count(n)]);
    lines.push(...table(['Service', 'Actions removed'], rows, '---|---:'));
    if (services.length > SERVICE_LIMIT)
      lines.push('', `… and ${count(services.length - SERVICE_LIMIT)} more services.`);
    lines.push('');
  }
  lines.push(
    ...details(`Added (${count(a.added.length)})`, a.added, LIST_LIMIT * 5),
    ...details(`Kept (${count(a.kept.length)})`, a.kept, LIST_LIMIT * 5),
    ...details(`Removed (${count(a.removed.length)})`, a.removed, LIST_LIMIT),
    '',
  );
  return lines;
}

function concreteness(m: Metrics): string[] {
  const { before, after } = m.resourceConcretenessRatio;
  const describe = (c: Concreteness) =>
    `${percent(c.ratio)}: ${count(c.concrete)} of ${count(c.total)} allowed action × resource pairs name a resource` +
    (c.wildcardOnly > 0
      ? `; ${count(c.wildcardOnly)} of the pairs on \`*\` are actions that support no resource-level permission`
      : '');
  return [
    '## 2. Resource concreteness',
    '',
    ...(before ? [`- Before: ${describe(before)}.`] : []),
    `- After: ${describe(after)}.`,
    '',
  ];
}

function accessDenied(r: SimulationReport): string[] {
  const d = r.metrics.accessDeniedChange;
  const source = d.beforeSource === 'baseline' ? 'denied by the baseline' : 'denied as recorded';
  const lines = [
    '## 3. AccessDenied change',
    '',
    `Recorded calls ${source}: **${count(d.before)}** → denied by the proposal: **${count(d.after)}** ` +
      `(CloudTrail recorded ${count(r.recorded.deniedCalls)} denied of ${count(r.recorded.successfulCalls + r.recorded.deniedCalls)} calls).`,
    '',
    `- Successful calls the proposal would deny (regressions): ${count(d.newlyDenied)}`,
    `- Denied calls the proposal would allow: ${count(d.newlyAllowed)}`,
  ];
  if (d.beforeSource === 'baseline') {
    lines.push(
      `- Successful calls the baseline itself denies: ${count(d.baselineGaps)}` +
        (d.baselineGaps > 0
          ? ' (the baseline misses a grant: group or resource-based policies, or a stale snapshot)'
          : ''),
    );
  }
  lines.push(
    `- Requests replayed with an unknown resource (evaluated on any resource): ${count(d.unknownResourceRows)}`,
    '',
  );
  if (r.newlyAllowed.length > 0) {
    lines.push('Denied recorded calls the proposal would allow:', '');
    lines.push(...changeRows(r.newlyAllowed, 'Denied calls', 'Why the proposal allows it'));
  }
  return lines;
}

function highRisk(m: Metrics): string[] {
  const rows = m.highRiskReductions.map((h) => [
    h.category,
    h.before === null ? 'n/a' : count(h.before),
    count(h.after),
    h.before === null ? '' : signed(h.after - h.before),
  ]);
  const allowed = m.highRiskReductions.flatMap((h) => h.allowed);
  const added = m.highRiskReductions.every((h) => h.before !== null)
    ? m.highRiskReductions.flatMap((h) => h.added)
    : [];
  return [
    '## 4. High-risk permission reductions',
    '',
    'Actions of the high-risk catalog the policies may allow, per category.',
    '',
    ...table(['Category', 'Before', 'After', 'Change'], rows, '---|---:|---:|---:'),
    '',
    ...(added.length > 0
      ? [
          `**${count(added.length)} high-risk action(s) the baseline did not allow:** ${added.slice(0, 50).map(code).join(', ')}`,
          '',
        ]
      : []),
    ...details(`High-risk actions the proposal allows (${count(allowed.length)})`, allowed, LIST_LIMIT),
    '',
  ];
}

function cases(r: SimulationReport): string[] {
  if (r.cases.length === 0) return [];
  const failed = r.cases.filter((c) => !c.ok).length;
  const rows = r.cases.map((c) => [
    text(c.name),
    c.expect ?? '',
    c.before ?? 'n/a',
    c.after,
    c.ok ? 'ok' : '**unexpected**',
    text(c.reason),
  ]);
  return [
    '## Cases',
    '',
    `${count(r.cases.length)} cases, ${count(failed)} with an unexpected outcome under the proposal.`,
    '',
    ...table(['Case', 'Expected', 'Before', 'After', 'Result', 'Why (proposal)'], rows),
    '',
  ];
}

function externalCheck(r: SimulationReport): string[] {
  const x = r.externalCheck;
  if (x === undefined) return [];
  const head = [
    `## Cross-check with ${text(x.source)}`,
    '',
    `${count(x.compared)} requests compared (identity policies and boundary; SCPs are not part of this check), ` +
      `**${count(x.disagreements.length)} disagreement${x.disagreements.length === 1 ? '' : 's'}**` +
      (x.missing > 0 ? `, ${count(x.missing)} without an answer.` : '.'),
    '',
  ];
  if (x.disagreements.length === 0) return head;
  const rows = x.disagreements
    .slice(0, LIST_LIMIT)
    .map((d) => [code(d.action), code(d.resource), d.local, d.external]);
  return [...head, ...table(['Action', 'Resource', 'iamlp', text(x.source)], rows), ''];
}

function notes(r: SimulationReport): string[] {
  return [
    '## Notes',
    '',
    ...r.notes.map((n) => `- ${text(n)}`),
    '- "May allow" counts an action when some Allow statement covers it on some resource, ignoring Allow ' +
      'conditions; replayed calls are evaluated with their conditions. Method: docs/SIMULATE.md.',
    '',
  ];
}

/** Renders a simulation report as the Markdown `diff.md` reviewers read. */
export function renderDiffMarkdown(report: SimulationReport): string {
  const m = report.metrics;
  return [
    ...header(report),
    ...summary(m),
    ...regressions(report),
    ...actionDelta(m),
    ...concreteness(m),
    ...accessDenied(report),
    ...highRisk(m),
    ...cases(report),
    ...externalCheck(report),
    ...notes(report),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
