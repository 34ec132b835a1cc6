import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DomainError } from '../../common/errors.ts';
import { tempDatabaseUrl } from '../../tests/support/tmp-db.ts';
import { demoWarehouse, plantRoom } from '../../twin-models/samples/index.ts';
import type { Facility } from '../../twin-models/schema.ts';
import { type Database, openDatabase, prepareDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { insertRevision, makeRevisionCurrent } from '../db/twin-revisions.repository.ts';
import { TwinDocuments } from './twin-documents.ts';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const tmp = await tempDatabaseUrl();
  cleanup = tmp.cleanup;
  db = openDatabase({ url: tmp.url });
  await prepareDatabase(db);
  await migrate(db);
});
afterEach(async () => {
  db.close();
  await cleanup();
});

const store = (facility: Facility | string, note = '') =>
  insertRevision(db.writer, {
    facilityId: typeof facility === 'string' ? 'broken' : facility.id,
    document: typeof facility === 'string' ? facility : JSON.stringify(facility),
    note,
    createdBy: null,
    createdAt: 1_000,
  });

describe('TwinDocuments', () => {
  test('loads a revision once: later and simultaneous requests get the same validated document', async () => {
    const id = await store(demoWarehouse());
    const documents = new TwinDocuments(db.reader);
    const [a, b] = await Promise.all([documents.revision(id), documents.revision(id)]);
    expect(a.id).toBe(demoWarehouse().id);
    expect(b).toBe(a);
    expect(await documents.revision(id)).toBe(a);
  });

  test('keeps the few most recently used revisions and drops the least recently used', async () => {
    const [r1, r2, r3] = [await store(demoWarehouse()), await store(plantRoom()), await store(plantRoom())];
    const documents = new TwinDocuments(db.reader, { entries: 2 });
    const first = await documents.revision(r1);
    const second = await documents.revision(r2);
    expect(await documents.revision(r1)).toBe(first); // r1 is now the most recent
    await documents.revision(r3); // evicts r2, the least recently used
    expect(await documents.revision(r1)).toBe(first);
    const again = await documents.revision(r2);
    expect(again).not.toBe(second);
    expect(again).toEqual(second);
  });

  test('a missing revision is not found, and is read again once it exists', async () => {
    const documents = new TwinDocuments(db.reader);
    const missing = documents.revision(1);
    await expect(missing).rejects.toBeInstanceOf(DomainError);
    await expect(missing).rejects.toThrow('Layout revision 1 does not exist');
    const id = await store(plantRoom());
    expect(id).toBe(1);
    expect((await documents.revision(1)).id).toBe(plantRoom().id);
  });

  test('a stored document that no longer validates is refused, naming the revision', async () => {
    const id = await store('{"version": 99}');
    await expect(new TwinDocuments(db.reader).revision(id)).rejects.toThrow(
      `Stored twin revision ${id} is invalid`,
    );
  });

  test('current() follows the live revision, with its note and time', async () => {
    const documents = new TwinDocuments(db.reader);
    expect(await documents.current()).toBeNull();
    const r1 = await store(demoWarehouse(), 'first');
    const r2 = await store(plantRoom(), 'second');
    await makeRevisionCurrent(db.writer, r1);
    const live = await documents.current();
    expect(live).toMatchObject({ revisionId: r1, note: 'first', createdAt: 1_000 });
    expect(live?.facility).toBe(await documents.revision(r1));
    await makeRevisionCurrent(db.writer, r2);
    expect(await documents.current()).toMatchObject({ revisionId: r2, note: 'second' });
    expect((await documents.current())?.facility.id).toBe(plantRoom().id);
  });
});
