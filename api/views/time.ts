/** Epoch ms as an ISO 8601 UTC string. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses a validated day or date-time parameter to epoch ms; a bare day means its start (or end, for `end`). */
export function parseTime(value: string, edge: 'start' | 'end'): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return Date.parse(`${value}T00:00:00.000Z`) + (edge === 'end' ? 86_399_999 : 0);
  return Date.parse(value);
}
