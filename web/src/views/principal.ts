/** The per-principal page (`#/principal/<arn>`): drift, activity timeline, drafted policy, its simulation, usage. */
import type { TimelineResponse, UsageResponse } from '../../../api/contract.js';
import type { ApiResult } from '../api.js';
import { timelineChart } from '../charts.js';
import { h, replaceChildren } from '../dom.js';
import { shortName } from '../format.js';
import { Poller, type PollOutcome } from '../poller.js';
import type { View, ViewContext } from './context.js';
import { pollOutcome } from './dashboard.js';
import { renderDrift } from './drift-panel.js';
import { renderPolicy } from './policy-panel.js';
import { renderSimulation } from './simulation-panel.js';
import { emptyState, errorState, loadingState } from './states.js';
import { UsagePanel } from './usage-panel.js';

/** The principal page polls less often than the dashboard: its data changes only with this principal's calls. */
const SLOWER = 2;

interface Slot {
  element: HTMLElement;
  body: HTMLElement;
  shown: unknown;
}

function panel(name: string, title: string, lede: string, loading: string): Slot {
  const body = h('div', { class: 'panel-body' }, loadingState(loading));
  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': `${name}-title`, 'data-panel': name },
    h('div', { class: 'panel-head' }, h('h2', { id: `${name}-title` }, title)),
    h('p', { class: 'muted' }, lede),
    body,
  );
  return { element, body, shown: null };
}

/** Renders a result into a slot unless it is the body already shown (a 304). */
function fill<T>(slot: Slot, result: ApiResult<T>, render: (data: T) => HTMLElement): void {
  if (result.kind === 'ok') {
    if (slot.shown === result.data) return;
    slot.shown = result.data;
    replaceChildren(slot.body, render(result.data));
  } else if (slot.shown === null) {
    replaceChildren(slot.body, errorState(result));
  }
}

function identityLine(identity: UsageResponse['principal']): HTMLElement {
  return h(
    'p',
    { class: 'badges' },
    h('span', { class: 'badge' }, identity.kind),
    identity.accountId !== '' && h('span', { class: 'badge badge-quiet' }, `account ${identity.accountId}`),
    identity.partition !== '' && h('span', { class: 'badge badge-quiet' }, identity.partition),
    ...identity.flags.map((flag) => h('span', { class: 'badge badge-warn' }, flag)),
    !identity.draftable && h('span', { class: 'badge badge-warn' }, 'no policy can be drafted'),
  );
}

/** Mounts the page of one principal and starts polling its panels. */
export function principalView(context: ViewContext, arn: string): View {
  const { api, shell } = context;
  const identity = h('div', { class: 'identity' });
  const drift = panel(
    'drift',
    'Used vs granted',
    'Granted permissions compared with what the recorded calls used.',
    'Loading drift…',
  );
  const timeline = panel(
    'timeline',
    'Activity',
    'Calls per day (UTC), split by outcome.',
    'Loading timeline…',
  );
  const policy = panel(
    'policy',
    'Drafted policy',
    'The least-privilege policy that allows exactly the recorded successful calls. Review before use.',
    'Drafting policy…',
  );
  const simulation = panel(
    'simulation',
    'Simulation',
    'The drafted policy replayed against every recorded call and compared with what is granted today.',
    'Simulating…',
  );
  const usage = new UsagePanel(() => poller.pollNow());
  // The chart is drawn at the panel's pixel width so its text stays legible; it is redrawn when that changes.
  let days: TimelineResponse['days'] = [];
  let drawnWidth = 0;
  const drawTimeline = (): HTMLElement => {
    drawnWidth = Math.max(280, Math.round(timeline.body.clientWidth || 720));
    return days.length === 0 ? emptyState('No activity recorded') : timelineChart(days, drawnWidth);
  };
  const resize = new ResizeObserver(() => {
    const width = Math.round(timeline.body.clientWidth);
    if (days.length > 0 && width > 0 && Math.abs(width - drawnWidth) > 24)
      replaceChildren(timeline.body, drawTimeline());
  });
  resize.observe(timeline.body);

  const tick = async (): Promise<PollOutcome> => {
    const [driftResult, timelineResult, usageResult, policyResult] = await Promise.all([
      api.drift(arn),
      api.timeline(arn),
      api.usage(arn, usage.query()),
      api.generate(arn),
    ]);
    fill(drift, driftResult, renderDrift);
    fill(timeline, timelineResult, (data) => {
      days = data.days;
      return drawTimeline();
    });
    fill(policy, policyResult, renderPolicy);
    // A simulation is a POST (no ETag): asked again only when the draft itself changed.
    if (policyResult.kind === 'ok' && (policyResult.fresh || simulation.shown === null))
      fill(simulation, await api.simulate(arn), renderSimulation);
    else if (policyResult.kind !== 'ok' && simulation.shown === null)
      fill(simulation, policyResult, renderSimulation);
    usage.update(usageResult);
    if (usageResult.kind === 'ok') replaceChildren(identity, identityLine(usageResult.data.principal));
    if (usageResult.kind === 'not-found')
      replaceChildren(
        identity,
        h('p', { class: 'note note-warn' }, 'iamlp has no events for this principal.'),
      );
    const outcome = pollOutcome([driftResult, timelineResult, usageResult, policyResult]);
    if (outcome === 'unauthorized' && poller.active) context.unauthorized();
    return outcome;
  };
  const poller = new Poller(tick, context.config.pollIntervalMs * SLOWER, (state) =>
    shell.setConnection(state),
  );
  shell.onRetry(() => poller.pollNow());
  poller.start();

  const element = h(
    'div',
    { class: 'page page-principal', 'data-page': 'principal' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← Dashboard')),
    h('h1', { class: 'page-title' }, shortName(arn)),
    h('p', { class: 'arn arn-title', 'data-arn': arn }, arn),
    identity,
    h(
      'div',
      { class: 'live-data principal-grid' },
      drift.element,
      timeline.element,
      policy.element,
      simulation.element,
      usage.element,
    ),
  );
  return {
    element,
    dispose: () => {
      poller.stop();
      resize.disconnect();
    },
  };
}
