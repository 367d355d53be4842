import { validationFailed } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keyset cursor: the sort value and id of the last row of a page, opaque to clients. */
export type Cursor = { v: string | number | null; id: string };

export const encodeCursor = (c: Cursor): string =>
  Buffer.from(JSON.stringify([c.v, c.id])).toString('base64url');

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[1] === 'string' &&
      UUID.test(parsed[1])
    ) {
      const v = parsed[0] as unknown;
      if (
        v === null ||
        (typeof v === 'string' && v.length <= 300) ||
        (typeof v === 'number' && Number.isFinite(v))
      )
        return { v, id: parsed[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw validationFailed([{ path: 'cursor', message: 'not a cursor from this list' }]);
}

/** Splits a `limit + 1` fetch into the page and the cursor of the next one. */
export function pageOf<R>(rows: R[], limit: number, cursorOf: (row: R) => Cursor) {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  return { data, nextCursor: more ? encodeCursor(cursorOf(data[data.length - 1]!)) : null };
}

/** Escapes %, _ and \ for use inside a LIKE pattern. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);
