import type { Client } from '@libsql/client';
import type { Executor } from './database.ts';
import { numOrNull, str } from './sql.ts';

/**
 * A consistent copy of the whole database in a new file, taken inside one read transaction: writers
 * go on meanwhile (WAL) and the copy holds exactly what had committed when it began.
 */
export async function vacuumInto(ex: Executor, path: string): Promise<void> {
  await ex.execute({ sql: 'VACUUM INTO ?', args: [path] });
}

/** SQLite's own structural check: an empty list when the file is sound. */
export async function integrityProblems(ex: Executor): Promise<string[]> {
  const rs = await ex.execute('PRAGMA integrity_check');
  const lines = rs.rows.map((r) => str(Object.values(r)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/** The newest movement and audit entry: what a backup is known to hold. */
export async function lastIds(ex: Executor): Promise<{ movementId: number | null; auditId: number | null }> {
  const rs = await ex.execute(
    'SELECT (SELECT max(id) FROM movements) AS movement_id, (SELECT max(id) FROM audit_log) AS audit_id',
  );
  const row = rs.rows[0];
  return { movementId: numOrNull(row?.movement_id), auditId: numOrNull(row?.audit_id) };
}

/**
 * Whether any other connection has the database open: an exclusive lock cannot be had while one does,
 * even an idle one (each WAL connection holds a shared lock on the wal-index). Does not wait.
 */
export async function openElsewhere(client: Client): Promise<boolean> {
  await client.execute('PRAGMA busy_timeout = 0');
  await client.execute('PRAGMA locking_mode = EXCLUSIVE');
  try {
    await client.execute('BEGIN EXCLUSIVE');
    return false;
  } catch (e) {
    if (e instanceof Error && /SQLITE_BUSY|database is locked/.test(e.message)) return true;
    throw e;
  }
}
