import type { Executor } from './database.ts';
import { insertRows, num, str } from './sql.ts';

/** One row of the change feed: its id, when it was committed, and the event as the writer serialised it. */
export type OutboxRow = { id: number; createdAt: number; json: string };

/**
 * Appends a committed group's events, serialised, in one statement; returns the last row's id. The
 * ids are consecutive and in the order given: the writer holds SQLite's one write lock, so no other
 * instance's rows can land between them.
 */
export async function appendOutbox(
  ex: Executor,
  createdAt: number,
  events: readonly string[],
): Promise<number> {
  const { lastRowid } = await insertRows(
    ex,
    'INSERT INTO outbox (created_at, event)',
    events.map((json) => [createdAt, json]),
  );
  if (lastRowid !== null) return lastRowid;
  return outboxHead(ex);
}

/** The newest id, or 0 for a feed that never had a row (trimming always keeps the newest row). */
export async function outboxHead(ex: Executor): Promise<number> {
  const rs = await ex.execute('SELECT coalesce(max(id), 0) AS head FROM outbox');
  return num(rs.rows[0]?.head ?? 0);
}

/** Rows after `afterId`, oldest first, at most `limit`, and none after `uptoId` when given. */
export async function readOutbox(
  ex: Executor,
  afterId: number,
  limit: number,
  uptoId: number | null = null,
): Promise<OutboxRow[]> {
  const rs = await ex.execute({
    sql: 'SELECT id, created_at, event FROM outbox WHERE id > ? AND id <= ? ORDER BY id LIMIT ?',
    args: [afterId, uptoId ?? Number.MAX_SAFE_INTEGER, limit],
  });
  return rs.rows.map((r) => ({ id: num(r.id), createdAt: num(r.created_at), json: str(r.event) }));
}

/**
 * The first id to keep: rows are kept while younger than `createdAfter` or among the newest
 * `keepRows`, and the newest row always (its id is where a starting instance begins).
 */
export async function outboxKeepFrom(ex: Executor, createdAfter: number, keepRows: number): Promise<number> {
  const rs = await ex.execute({
    sql: `SELECT coalesce(max(id), 0) AS head,
            (SELECT id FROM outbox WHERE created_at >= ? ORDER BY id LIMIT 1) AS fresh
          FROM outbox`,
    args: [createdAfter],
  });
  const row = rs.rows[0];
  const head = num(row?.head ?? 0);
  const fresh = row?.fresh === null || row?.fresh === undefined ? head : num(row.fresh);
  return Math.min(head, Math.max(fresh, head - keepRows + 1));
}

/** Deletes up to `chunk` of the oldest rows below `keepFrom`; returns how many went. */
export async function trimOutbox(ex: Executor, keepFrom: number, chunk: number): Promise<number> {
  const rs = await ex.execute({
    sql: 'DELETE FROM outbox WHERE id < ? AND id < (SELECT min(id) FROM outbox) + ?',
    args: [keepFrom, chunk],
  });
  return rs.rowsAffected;
}
