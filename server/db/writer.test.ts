import { afterEach, beforeEach, expect, test } from 'vitest';
import { tempDatabaseUrl } from '../../tests/support/tmp-db.ts';
import { type Database, openDatabase, prepareDatabase } from './database.ts';
import { type BatchHandler, Writer } from './writer.ts';

let db: Database;
let cleanup: () => Promise<void>;
let writer: Writer;

beforeEach(async () => {
  const tmp = await tempDatabaseUrl();
  cleanup = tmp.cleanup;
  db = openDatabase({ url: tmp.url });
  await prepareDatabase(db);
  await db.writer.execute('CREATE TABLE t (v INTEGER NOT NULL UNIQUE)');
  writer = new Writer(db);
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
