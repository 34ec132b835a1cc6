// A fresh on-disk SQLite database per test, so tests never share state or touch ./data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function tempDatabaseUrl(): Promise<{ url: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'twinventory-db-'));
  return {
    url: `file:${join(dir, 'test.db')}`,
    // force: the database file may never have been created if the test failed early.
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
