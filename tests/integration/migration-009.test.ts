import { expect, test } from 'vitest';
import { openDatabase, prepareDatabase } from '../../server/db/database.ts';
import { findStoredResults } from '../../server/db/ledger.repository.ts';
import { listMigrations, migrate } from '../../server/db/migrate.ts';
import { tempDatabaseUrl } from '../support/tmp-db.ts';

/**
 * Migration 009 keys stored idempotency results by (user, key). Results stored before it keep
 * answering their own sender's replays (a device that queued a pick across the upgrade), and the
 * results of work done by no user (actor NULL) are kept under actor 0.
 */
test('migration 009 keeps every stored result under its sender, and the same key is free for others', async () => {
  const tmp = await tempDatabaseUrl();
  const db = openDatabase({ url: tmp.url });
  try {
    await prepareDatabase(db);
    await migrate(
      db,
      listMigrations().filter((m) => m.version < 9),
    );
    const w = db.writer;
    await w.execute(
      "INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (5, 'tess', 'Tess', 'technician', 'x', 0)",
    );
    await w.execute(
      `INSERT INTO idempotency (key, actor_id, operation, result, created_at)
       VALUES ('pick-1', 5, 'pick:abc', '{"operationId":1}', 10), ('seed-1', NULL, 'receive:def', '{"operationId":2}', 11)`,
    );

    expect(
      await migrate(
        db,
        listMigrations().filter((m) => m.version === 9),
      ),
    ).toEqual([9]);

    expect(
      (await w.execute('SELECT actor_id, key, operation, created_at FROM idempotency ORDER BY key')).rows,
    ).toEqual([
      expect.objectContaining({ actor_id: 5, key: 'pick-1', operation: 'pick:abc', created_at: 10 }),
      expect.objectContaining({ actor_id: 0, key: 'seed-1', operation: 'receive:def', created_at: 11 }),
    ]);
    const found = await findStoredResults(db.reader, [
      { actorId: 5, key: 'pick-1' },
      { actorId: null, key: 'seed-1' },
      { actorId: 6, key: 'pick-1' },
    ]);
    expect([...found.keys()].sort()).toEqual(['0:seed-1', '5:pick-1']);
    // Another user may now use the key; the same user still may not store it twice.
    await w.execute(
      "INSERT INTO idempotency (actor_id, key, operation, result, created_at) VALUES (6, 'pick-1', 'pick:x', '{}', 12)",
    );
    await expect(
      w.execute(
        "INSERT INTO idempotency (actor_id, key, operation, result, created_at) VALUES (5, 'pick-1', 'pick:x', '{}', 12)",
      ),
    ).rejects.toThrow(/UNIQUE|PRIMARY KEY/);
  } finally {
    db.close();
    await tmp.cleanup();
  }
});
