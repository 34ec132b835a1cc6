import { afterEach, beforeEach, expect, test } from 'vitest';
import type { LiveEvent } from '../../common/live-events.ts';
import { createFactories } from '../../tests/support/factories.ts';
import { testClock } from '../../tests/support/service-harness.ts';
import { tempDatabaseUrl } from '../../tests/support/tmp-db.ts';
import { openServices } from '../app.ts';
import type { FeedOptions } from './change-feed.ts';
import type { Services } from './services.ts';

/**
 * Two instances' services on one database file, as two servers would be. Their polling is off
 * (an hour), so whatever one hears of the other's commits it heard through `sync`.
 */
const clock = testClock();
let a: Services;
let b: Services;
let cleanup: () => Promise<void>;
let heardOnA: LiveEvent[];

const NO_POLLING = { pollMs: 3_600_000, trimEveryMs: 3_600_000 };

beforeEach(async () => {
  const db = await tempDatabaseUrl();
  cleanup = db.cleanup;
  const open = (feed: FeedOptions) =>
    openServices({ databaseUrl: db.url, clock, synchronous: 'NORMAL', feed });
  a = await open(NO_POLLING);
  b = await open({ ...NO_POLLING, keepRows: 2, keepMs: 60_000 });
  heardOnA = [];
  a.events.listen((e) => heardOnA.push(e));
});
afterEach(async () => {
  for (const s of [a, b]) {
    s.voice.close();
    await s.writer.close();
    s.feed.close();
    s.db.close();
  }
  await cleanup();
});

test("one instance hears another's commits in order, at once when it asks, and its search finds them", async () => {
  const factories = createFactories(b);
  const admin = await factories.newUser('admin');
  factories.actAs(admin.id);
  const item = await factories.newItem({ name: 'Feed gauge', aliases: ['gauge'] });
  expect(heardOnA).toEqual([]);

  await a.feed.sync();
  expect(heardOnA).toEqual(
    expect.arrayContaining([
      { type: 'category', categoryId: expect.any(Number) },
      { type: 'catalog', itemId: item.id },
    ]),
  );
  expect(a.feed.position).toBe(b.feed.position);
  expect((await a.inventory.search('gauge', 5)).map((i) => i.id)).toEqual([item.id]);
});

test('trimming keeps the newest rows; an instance that missed trimmed rows starts over with a resync', async () => {
  const factories = createFactories(b);
  const admin = await factories.newUser('admin');
  factories.actAs(admin.id);
  // A's index is built (empty) before the changes it is going to miss.
  expect(await a.inventory.search('Test item', 10)).toEqual([]);
  const items = [];
  for (let i = 0; i < 4; i++) items.push(await factories.newItem());
  const head = b.feed.position;
  // Within the hour, but past the newest two rows: those two stay.
  expect(await b.feed.trim()).toBe(head - 2);
  clock.advance(3_600_000);
  // Past the hour: still the newest row, so an id is never handed out twice.
  expect(await b.feed.trim()).toBe(1);
  const next = await factories.newItem();
  expect(b.feed.position).toBe(head + 1);

  await a.feed.sync();
  expect(heardOnA).toEqual([
    { type: 'resync' },
    { type: 'catalog', itemId: items[3]?.id },
    { type: 'catalog', itemId: next.id },
  ]);
  expect(a.feed.stats()).toMatchObject({ position: head + 1, resyncs: 1 });
  // The resync rebuilt A's search index: the items whose events were trimmed are found too.
  expect((await a.inventory.search('Test item', 10)).map((i) => i.id).sort()).toEqual(
    [...items, next].map((i) => i.id).sort(),
  );
});
