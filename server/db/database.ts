import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Client, createClient, type InStatement, type Transaction } from '@libsql/client';

export type DatabaseOptions = {
  url: string;
  authToken?: string | undefined;
  synchronous?: 'FULL' | 'NORMAL';
};

/**
 * Two clients onto one database. Reads go through `reader`; every write goes through `writer`,
 * which only the single writer (see writer.ts) touches, because SQLite allows one writer and
 * overlapping write transactions from one process fail with SQLITE_BUSY instead of queueing.
 * Both use one connection: the local driver is synchronous, so more connections add no parallelism.
 */
export type Database = {
  url: string;
  authToken: string | undefined;
  isLocal: boolean;
  reader: Client;
  writer: Client;
  /** Statements to run on a write connection before each transaction (per-connection settings). */
  connectionPragmas: readonly string[];
  close(): void;
};

/**
 * One client onto the database. Besides `openDatabase`'s two, a worker thread opens its own to read
 * (a worker cannot use the main thread's) for work that reads much: exports, the ledger history a
 * simulation replays.
 */
export function openClient(options: Pick<DatabaseOptions, 'url' | 'authToken'>): Client {
  return createClient({
    url: options.url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    concurrency: 1,
    intMode: 'number',
  });
}

export function openDatabase(options: DatabaseOptions): Database {
  const isLocal = options.url.startsWith('file:');
  const path = localPath(options.url);
  if (path !== null) mkdirSync(dirname(path), { recursive: true });
  const reader = openClient(options);
  const writer = openClient(options);
  // journal_mode is stored in the file; the rest are per connection and must be set on each one.
  const connectionPragmas = isLocal
    ? [
        'PRAGMA foreign_keys = ON',
        'PRAGMA busy_timeout = 5000',
        `PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`,
      ]
    : [];
  return {
    url: options.url,
    authToken: options.authToken,
    isLocal,
    reader,
    writer,
    connectionPragmas,
    close() {
      reader.close();
      writer.close();
    },
  };
}

/** Applies WAL and the per-connection settings; call once after opening. */
export async function prepareDatabase(db: Database): Promise<void> {
  if (!db.isLocal) return;
  await db.writer.execute('PRAGMA journal_mode = WAL');
  for (const pragma of db.connectionPragmas) {
    await db.writer.execute(pragma);
    await db.reader.execute(pragma);
  }
}

/** The file a `file:` URL names; null for a libSQL server or an in-memory database. */
export function localPath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  return path === '' || path === ':memory:' ? null : path;
}

/** What repositories run statements on: a transaction inside the writer, or the reader. */
export type Executor = Pick<Transaction, 'execute' | 'batch'> | Pick<Client, 'execute' | 'batch'>;
export type Statement = InStatement;

/**
 * Merges the WAL into the database file and empties it, so the `.db` file alone holds every commit
 * (a copy of it without its `-wal` loses nothing). Local files only: a libSQL server runs its own
 * checkpoints. `complete` is false when another connection (a backup, a second process) was reading.
 */
export async function checkpointWal(db: Database): Promise<{ complete: boolean }> {
  if (!db.isLocal) return { complete: true };
  const rs = await db.writer.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  return { complete: Number(rs.rows[0]?.busy ?? 0) === 0 };
}

/** The smallest round trip: the health check's proof that the database answers. */
export async function ping(ex: Executor): Promise<void> {
  await ex.execute('SELECT 1');
}
