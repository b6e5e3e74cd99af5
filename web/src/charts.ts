/** Inline SVG charts (no chart library): the events-per-minute sparkline and a principal's daily activity bars. */
import type { TimelineResponse } from '../../api/contract.js';
import { h, svg } from './dom.js';
import { formatCount } from './format.js';

type Day = TimelineResponse['days'][number];

/** Draws a sparkline of counts (oldest first) with a filled area; an empty series draws a flat baseline. */
export function sparkline(values: number[], label: string): SVGElement {
  const width = 240;
  const height = 48;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((value, index) => {
    const x = values.length > 1 ? index * step : width;
    const y = height - 2 - (value / max) * (height - 6);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const line = points.length > 0 ? points.join(' ') : `0,${height - 2} ${width},${height - 2}`;
  const area = `0,${height} ${line} ${width},${height}`;
  return svg(
    'svg',
    { class: 'sparkline', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img' },
    svg('title', {}, label),
    svg('polygon', { class: 'sparkline-area', points: area }),
    svg('polyline', { class: 'sparkline-line', points: line, 'vector-effect': 'non-scaling-stroke' }),
  );
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 400;

/** Fills the days between the first and last active day with zeros so the x axis is honest time. */
export function fillDays(days: Day[]): Day[] {
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return [];
  const start = Date.parse(`${first.day}T00:00:00Z`);
  const span = Math.round((Date.parse(`${last.day}T00:00:00Z`) - start) / DAY_MS) + 1;
  if (!Number.isFinite(span) || span > MAX_DAYS || span < sorted.length) return sorted;
  const byDay = new Map(sorted.map((day) => [day.day, day]));
  return Array.from({ length: span }, (_, index) => {
    const key = new Date(start + index * DAY_MS).toISOString().slice(0, 10);
    return byDay.get(key) ?? { day: key, calls: 0, denied: 0, errors: 0, actions: 0 };
  });
}

function bar(x: number, y: number, width: number, height: number, className: string): SVGElement | null {
  if (height <= 0) return null;
  return svg('rect', {
    class: className,
    x: x.toFixed(2),
    y: y.toFixed(2),
    width: width.toFixed(2),
    height: height.toFixed(2),
  });
}

function dayColumn(
  day: Day,
  x: number,
  width: number,
  scale: (n: number) => number,
  bottom: number,
): SVGElement {
  const denied = Math.min(day.denied, day.calls);
  const errors = Math.min(day.errors, day.calls - denied);
  const success = day.calls - denied - errors;
  const group = svg('g', { class: 'timeline-day' });
  const tip = `${day.day}: ${formatCount(day.calls)} calls, ${formatCount(day.denied)} denied, ${formatCount(day.errors)} errors, ${formatCount(day.actions)} actions`;
  group.appendChild(svg('title', {}, tip));
  let y = bottom;
  for (const [value, className] of [
    [success, 'bar-success'],
    [errors, 'bar-error'],
    [denied, 'bar-denied'],
  ] as const) {
    const height = scale(value);
    y -= height;
    const rect = bar(x, y, width, height, className);
    if (rect !== null) group.appendChild(rect);
  }
  // A transparent full-height hit area so the tooltip works on quiet days too.
  group.appendChild(svg('rect', { class: 'bar-hit', x, y: 0, width, height: bottom }));
  return group;
}

/** Draws daily calls as stacked bars (success, errors, denied) with a y scale and first/last day labels. */
export function timelineChart(days: Day[], width: number): HTMLElement {
  const filled = fillDays(days);
  const height = 180;
  const left = 44;
  const bottom = height - 22;
  const max = Math.max(1, ...filled.map((day) => day.calls));
  const scale = (value: number): number => (value / max) * (bottom - 8);
  const slot = (width - left) / Math.max(1, filled.length);
  const barWidth = Math.max(1, Math.min(28, slot * 0.72));
  const chart = svg('svg', {
    class: 'timeline',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
  });
  const total = filled.reduce((sum, day) => sum + day.calls, 0);
  chart.appendChild(svg('title', {}, `${formatCount(total)} calls over ${filled.length} days`));
  for (const fraction of [0, 0.5, 1]) {
    const y = bottom - fraction * (bottom - 8);
    chart.appendChild(svg('line', { class: 'grid', x1: left, x2: width, y1: y, y2: y }));
    const value = Math.round(max * fraction);
    chart.appendChild(
      svg('text', { class: 'axis', x: left - 6, y: y + 4, 'text-anchor': 'end' }, formatCount(value)),
    );
  }
  filled.forEach((day, index) => {
    const x = left + index * slot + (slot - barWidth) / 2;
    chart.appendChild(dayColumn(day, x, barWidth, scale, bottom));
  });
  const first = filled[0];
  const last = filled[filled.length - 1];
  if (first !== undefined)
    chart.appendChild(svg('text', { class: 'axis', x: left, y: height - 4 }, first.day));
  if (last !== undefined && last !== first) {
    chart.appendChild(
      svg('text', { class: 'axis', x: width, y: height - 4, 'text-anchor': 'end' }, last.day),
    );
  }
  const legend = h(
    'ul',
    { class: 'legend' },
    h('li', { class: 'legend-success' }, 'Successful'),
    h('li', { class: 'legend-error' }, 'Errors'),
    h('li', { class: 'legend-denied' }, 'Denied'),
  );
  return h('figure', { class: 'timeline-figure' }, chart, legend);
}
