// Keyset paging cursors: the sort key of a page's last row, opaque to the client (base64url JSON).
// A cursor the gateway did not make is a bad request, never a query.
import { why } from '../../../shared/contract/error-reasons';
import { RpcError } from '../../../shared/rpc/protocol';

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor holds, checked against the shape the caller expects (e.g. ['number', 'string']). */
export function decodeCursor(cursor: string, shape: readonly ('number' | 'string')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i])) {
    throw new RpcError('bad_request', 'invalid cursor: give back the `next` of the previous page', why('api.cursor_invalid'));
  }
  return key as (string | number)[];
}

/** `rows` cut to `limit`, and the cursor of the next page when there was one more row. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): { rows: T[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  const kept = rows.slice(0, limit);
  return { rows: kept, next: encodeCursor(keyOf(kept.at(-1)!)) };
}
