import { ApiError } from '../errors.js';

/** One page of a list and the cursor of the next (null on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** Encodes a position as an opaque, URL-safe cursor. */
export function encodeCursor(position: string | number): string {
  return Buffer.from(JSON.stringify({ p: position })).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; a forged or foreign one is a 400. */
export function decodeCursor(cursor: string | undefined): string | number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown }).p;
    if (typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0))
      return value;
  } catch {
    // Falls through to the error below.
  }
  throw new ApiError('BAD_REQUEST', 'cursor: not a cursor returned by this API');
}

/** Pages a list by offset (for lists whose order is recomputed on every request). */
export function pageByOffset<T>(list: readonly T[], limit: number, cursor: string | undefined): Page<T> {
  const position = decodeCursor(cursor) ?? 0;
  if (typeof position !== 'number') throw new ApiError('BAD_REQUEST', 'cursor: not a cursor of this list');
  const items = list.slice(position, position + limit);
  const next = position + items.length;
  return { items, nextCursor: next < list.length ? encodeCursor(next) : null };
}

/**
 * Pages a list ordered by a unique key, resuming after the key of the last item returned: stable while items are
 * added before or after the position (new alerts arrive at the top of the feed).
 */
export function pageByKey<T>(
  list: readonly T[],
  keyOf: (item: T) => string,
  limit: number,
  cursor: string | undefined,
): Page<T> {
  const after = decodeCursor(cursor);
  if (after !== undefined && typeof after !== 'string')
    throw new ApiError('BAD_REQUEST', 'cursor: not a cursor of this list');
  const start = after === undefined ? 0 : list.findIndex((item) => keyOf(item) === after) + 1;
  if (after !== undefined && start === 0) return { items: [], nextCursor: null };
  const items = list.slice(start, start + limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: last !== undefined && start + items.length < list.length ? encodeCursor(keyOf(last)) : null,
  };
}
