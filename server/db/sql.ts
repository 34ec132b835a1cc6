import type { InValue } from '@libsql/client';
import type { Executor } from './database.ts';

/** `(?, ?, ?), (?, ?, ?)` for a multi-row VALUES list. */
export function placeholders(rows: number, columns: number): string {
  const one = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(rows).fill(one).join(', ');
}

export const list = (n: number) => new Array(n).fill('?').join(', ');

/**
 * Inserts rows in chunks so one statement stays well under SQLite's bound-parameter limit.
 * Multi-row statements matter here: each statement costs a prepare, and remotely a round trip.
 */
export async function insertRows(
  ex: Executor,
  head: string,
  rows: InValue[][],
  tail = '',
  chunk = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const columns = part[0]?.length ?? 0;
    await ex.execute({
      sql: `${head} VALUES ${placeholders(part.length, columns)} ${tail}`,
      args: part.flat(),
    });
  }
}

export const num = (v: unknown): number => Number(v);
export const str = (v: unknown): string => String(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
