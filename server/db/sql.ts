import type { InValue } from '@libsql/client';
import type { Executor } from './database.ts';

export const list = (n: number) => new Array(n).fill('?').join(', ');

/** `value->>0, value->>1, …`: the columns of one row of a `json_each(?)` parameter holding rows as arrays. */
export function jsonColumns(columns: number, row = 'value'): string {
  return Array.from({ length: columns }, (_, i) => `${row}->>${i}`).join(', ');
}

/**
 * Inserts rows in chunks, each chunk one statement with ONE parameter: the rows as a JSON array, read
 * back with json_each. Multi-row statements matter here: each statement costs a prepare, and remotely
 * a round trip. One parameter rather than one per value, because the libSQL client's native memory
 * grows with every bound parameter and is not given back (tursodatabase/libsql-js#153): a 100,000-row
 * import bound ~5 million parameters and grew the process past 1 GB. Values must be JSON-safe
 * (strings, finite numbers, booleans, null); SQLite reads JSON numbers back as INTEGER or REAL and
 * strings as TEXT, so column affinities apply as with bound values. Rows are inserted in array order;
 * `lastRowid` is the last one's rowid (meaningless with a tail that skips rows).
 */
export async function insertRows(
  ex: Executor,
  head: string,
  rows: InValue[][],
  tail = '',
  chunk = 2000,
): Promise<{ lastRowid: number | null }> {
  let lastRowid: number | null = null;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const columns = part[0]?.length ?? 0;
    // `WHERE true` keeps an ON CONFLICT tail from being read as a join constraint.
    const rs = await ex.execute({
      sql: `${head} SELECT ${jsonColumns(columns)} FROM json_each(?) WHERE true ${tail}`,
      args: [JSON.stringify(part)],
    });
    lastRowid = rs.lastInsertRowid === undefined ? null : Number(rs.lastInsertRowid);
  }
  return { lastRowid };
}

/**
 * Reads rows as one JSON document (`json_group_array(json_object(...))`) instead of one client row
 * object per row: for thousands of rows the client's per-row cost is several times SQLite's. `columns`
 * name the keys of each row; `from` is everything after SELECT's column list.
 */
export async function selectAsJson(
  ex: Executor,
  columns: readonly string[],
  from: string,
  args: InValue[],
): Promise<Record<string, unknown>[]> {
  const pairs = columns.map((c) => `'${c.split('.').at(-1)}', ${c}`).join(', ');
  const rs = await ex.execute({
    sql: `SELECT json_group_array(json_object(${pairs})) AS rows ${from}`,
    args,
  });
  return JSON.parse(String(rs.rows[0]?.rows ?? '[]')) as Record<string, unknown>[];
}

export const num = (v: unknown): number => Number(v);
export const str = (v: unknown): string => String(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
