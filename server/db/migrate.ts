import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, Executor } from './database.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export type Migration = { version: number; name: string; sql: string };

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** The migrations a database has had (throws when it has no schema_migrations table). */
export async function appliedVersions(ex: Executor): Promise<number[]> {
  const done = await ex.execute('SELECT version FROM schema_migrations ORDER BY version');
  return done.rows.map((r) => Number(r.version));
}

/** Applies each numbered migration not yet recorded, each in its own transaction. */
export async function migrate(db: Database, migrations = listMigrations()): Promise<number[]> {
  await db.writer.execute(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(await appliedVersions(db.writer));
  const newlyApplied: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    const tx = await db.writer.transaction('write');
    try {
      await tx.executeMultiple(m.sql);
      await tx.execute({
        sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
        args: [m.version, m.name, Date.now()],
      });
      await tx.commit();
      newlyApplied.push(m.version);
    } finally {
      tx.close();
    }
  }
  return newlyApplied;
}
