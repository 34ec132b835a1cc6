import { afterEach, beforeEach, expect, test } from 'vitest';
import type { LiveEvent } from '../../common/live-events.ts';
import { tempDatabaseUrl } from '../../tests/support/tmp-db.ts';
import { type Database, openDatabase, prepareDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { type BatchHandler, type CommittedEvents, Writer } from './writer.ts';

let db: Database;
let cleanup: () => Promise<void>;
let writer: Writer;
let published: LiveEvent[];
let committed: CommittedEvents[];

beforeEach(async () => {
  const tmp = await tempDatabaseUrl();
  cleanup = tmp.cleanup;
  db = openDatabase({ url: tmp.url });
  await prepareDatabase(db);
  await migrate(db);
  await db.writer.execute('CREATE TABLE t (v INTEGER NOT NULL UNIQUE)');
  published = [];
  committed = [];
  writer = new Writer(db, {
    now: () => 1_000,
    onCommit: async (c) => {
      committed.push(c);
      published.push(...c.events);
    },
  });
});
afterEach(async () => {
  await writer.close();
  db.close();
  await cleanup();
});

const values = async () =>
  (await db.reader.execute('SELECT v FROM t ORDER BY v')).rows.map((r) => Number(r.v));
const insert = (v: number) =>
  writer.run((tx) => tx.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: [v] }));

test('writes queued together commit as one group and each caller gets its own answer', async () => {
  const results = await Promise.allSettled([insert(1), insert(2), insert(2), insert(3)]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  expect(await values()).toEqual([1, 2, 3]);
  expect(writer.stats.largestGroup).toBe(4);
  expect(writer.stats.groups).toBe(1);
});

test('a task that fails halfway is rolled back alone', async () => {
  const halfway = writer.run(async (tx) => {
    await tx.execute('INSERT INTO t (v) VALUES (10)');
    throw new Error('changed my mind');
  });
  await Promise.allSettled([insert(9), halfway, insert(11)]);
  await expect(halfway).rejects.toThrow('changed my mind');
  expect(await values()).toEqual([9, 11]);
});

test('when a batch handler throws, its requests are retried one by one so only the bad one fails', async () => {
  const calls: number[] = [];
  const handler: BatchHandler<number, number> = async (tx, vs) => {
    calls.push(vs.length);
    for (const v of vs) await tx.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: [v] });
    return vs;
  };
  await insert(5);
  const results = await Promise.allSettled([4, 5, 6].map((v) => writer.submit(handler, v)));
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(calls).toEqual([3, 1, 1, 1]);
  expect(await values()).toEqual([4, 5, 6]);
});

test('the write lock is released after a failure: the next write goes through', async () => {
  await expect(writer.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await insert(42);
  expect(await values()).toEqual([42]);
});

test('a closed writer refuses new work instead of losing it', async () => {
  await writer.close();
  await expect(insert(1)).rejects.toThrow('The database writer is closed');
});

test('events a task emits are published after its commit, and dropped when it rolls back', async () => {
  const emitting = (v: number, fail: boolean) =>
    writer.run(async (tx) => {
      await tx.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: [v] });
      tx.emit({ type: 'catalog', itemId: v });
      // Nothing is out before the commit: a reader would not yet see the row either.
      expect(published).toEqual([]);
      if (fail) throw new Error('no');
    });
  const results = await Promise.allSettled([emitting(1, false), emitting(2, true), emitting(3, false)]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(published).toEqual([
    { type: 'catalog', itemId: 1 },
    { type: 'catalog', itemId: 3 },
  ]);
  expect(await values()).toEqual([1, 3]);
});

test('a batch re-run one by one publishes only what its surviving requests emitted', async () => {
  const handler: BatchHandler<number, number> = async (tx, vs) => {
    for (const v of vs) {
      await tx.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: [v] });
      tx.emit({ type: 'catalog', itemId: v });
    }
    return vs;
  };
  await insert(5);
  await Promise.allSettled([4, 5, 6].map((v) => writer.submit(handler, v)));
  expect(published).toEqual([
    { type: 'catalog', itemId: 4 },
    { type: 'catalog', itemId: 6 },
  ]);
});

test('a group writes what it announces to the outbox in its own transaction, once, with consecutive ids', async () => {
  const outbox = async () =>
    (await db.reader.execute('SELECT id, created_at, event FROM outbox ORDER BY id')).rows.map((r) => ({
      id: Number(r.id),
      at: Number(r.created_at),
      event: JSON.parse(String(r.event)),
    }));
  const emitting = (v: number) =>
    writer.run(async (tx) => {
      await tx.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: [v] });
      tx.emit({ type: 'catalog', itemId: v });
      tx.emit({ type: 'asset', assetId: v });
    });
  await Promise.allSettled([emitting(1), emitting(1), emitting(2)]);
  await insert(3); // announces nothing: no rows, no call
  expect(await outbox()).toEqual([
    { id: 1, at: 1_000, event: { type: 'catalog', itemId: 1 } },
    { id: 2, at: 1_000, event: { type: 'asset', assetId: 1 } },
    { id: 3, at: 1_000, event: { type: 'catalog', itemId: 2 } },
    { id: 4, at: 1_000, event: { type: 'asset', assetId: 2 } },
  ]);
  expect(committed).toEqual([
    {
      lastId: 4,
      events: published,
      json: published.map((e) => JSON.stringify(e)),
    },
  ]);
});

test('a group whose commit fails announces nothing; its members re-run alone announce their own', async () => {
  // A deferred constraint fails only at COMMIT, after every member and the outbox insert ran.
  await db.writer.execute(
    'CREATE TABLE child (parent INTEGER REFERENCES t(v) DEFERRABLE INITIALLY DEFERRED)',
  );
  const good = writer.run(async (tx) => {
    await tx.execute('INSERT INTO t (v) VALUES (7)');
    tx.emit({ type: 'catalog', itemId: 7 });
  });
  const orphan = writer.run(async (tx) => {
    await tx.execute('INSERT INTO child (parent) VALUES (999)');
    tx.emit({ type: 'catalog', itemId: 999 });
  });
  const results = await Promise.allSettled([good, orphan]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  expect(published).toEqual([{ type: 'catalog', itemId: 7 }]);
  const rows = await db.reader.execute('SELECT id, event FROM outbox');
  expect(rows.rows.map((r) => [Number(r.id), JSON.parse(String(r.event))])).toEqual([
    [1, { type: 'catalog', itemId: 7 }],
  ]);
});
