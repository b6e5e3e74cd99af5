/** Formatting of counts, durations and times for display; all output is plain text. */

const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Formats a count with thousands separators. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** Formats a count with its noun, singular or plural (`1 action`, `3 actions`). */
export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${integer.format(value)} ${value === 1 ? singular : pluralForm}`;
}

/** Formats a count compactly (12.3K) for headline tiles. */
export function formatCompact(value: number): string {
  return value < 10_000 ? integer.format(value) : compact.format(value);
}

/** Formats a duration in milliseconds as ms, s, min or h. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/** Formats how long ago an ISO time was, relative to `now` (epoch ms). */
export function formatAgo(iso: string, now: number): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return 'unknown';
  const delta = now - time;
  if (delta < 5_000) return 'just now';
  if (delta < 60_000) return `${Math.floor(delta / 1000)} s ago`;
  if (delta < 3_600_000) return `${Math.floor(delta / 60_000)} min ago`;
  if (delta < 86_400_000) return `${Math.floor(delta / 3_600_000)} h ago`;
  return `${Math.floor(delta / 86_400_000)} d ago`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Formats an ISO time as a UTC date-time without milliseconds (`2026-11-28 10:04:05 UTC`). */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

/** Formats a local wall-clock time (`10:04:05`) for "last updated" notes. */
export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Returns the short name of an ARN (its last path segment) for headings and file names. */
export function shortName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':') || arn;
  const parts = resource.split('/').filter((part) => part !== '');
  return parts[parts.length - 1] ?? resource;
}
