import { CliError } from './errors.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * Parses a `--start`/`--end` value (ISO-8601 date or date-time) to epoch ms. A date-only `--end` means the
 * end of that UTC day, so `--start 2024-01-01 --end 2024-01-31` covers all of January.
 */
export function parseTimeOption(value: string | undefined, flag: '--start' | '--end'): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) {
    throw new CliError(
      'USAGE',
      `${flag}: expected an ISO-8601 date or date-time such as 2024-01-31T12:00:00Z`,
    );
  }
  return flag === '--end' && DATE_ONLY.test(value) ? time + DAY_MS - 1 : time;
}

/** Checks that a time window is not empty. */
export function checkWindow(start: number | undefined, end: number | undefined): void {
  if (start !== undefined && end !== undefined && start > end) {
    throw new CliError('USAGE', '--start is after --end');
  }
}
