import { describe, expect, test } from 'vitest';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { openLiveStream, type SseMessage } from '../support/http-raw.ts';
import { cookieOf } from '../support/test-app.ts';

const typeOf = (m: SseMessage) => (m.data as { type?: string } | null)?.type;

describe.each(BACKENDS)('the live event stream on $name', (backend) => {
  const fx = useFixture(backend);
  const run = test.skipIf(!backend.available);
  let key = 0;
  const pick = (itemId: number, locationId: number) =>
    fx().as.technician.stock.pick.mutate({
      itemId,
      locationId,
      qty: 1,
      idempotencyKey: `live-events-${backend.name}-${++key}`.replace(/\W/g, '-'),
    });

  run(
    'a screen that reconnects with Last-Event-ID hears what it missed, each item once, then carries on',
    async () => {
      const cookie = cookieOf(fx().as.planner);
      const first = await openLiveStream(fx().app.url, cookie);
      const opening = await first.next((m) => m.event === 'position');
      first.close();

      // While it is away: two picks of the bolt and one of the bearing.
      await pick(fx().items.bolt, fx().bins.a);
      await pick(fx().items.bolt, fx().bins.a);
      await pick(fx().items.bearing, fx().bins.c);
      const bolt = await fx().as.planner.stock.level.query({ itemId: fx().items.bolt });

      const again = await openLiveStream(fx().app.url, cookie, { lastEventId: opening.id ?? '' });
      await again.next((m) => (m.data as { itemId?: number }).itemId === fx().items.bearing);
      expect(again.messages.map((m) => [Number(m.id) - Number(opening.id), m.data])).toEqual([
        [
          2,
          {
            type: 'stock',
            itemId: fx().items.bolt,
            locations: [expect.objectContaining({ code: 'A-01-1', onHand: bolt.locations[0]?.onHand })],
          },
        ],
        [3, expect.objectContaining({ type: 'stock', itemId: fx().items.bearing })],
      ]);

      await pick(fx().items.bearing, fx().bins.c);
      const live = await again.next((m) => Number(m.id) === Number(opening.id) + 4);
      expect(live.data).toMatchObject({ type: 'stock', itemId: fx().items.bearing });
      again.close();
    },
  );

  run('a screen further behind than the feed keeps is told to refetch everything', async () => {
    const cookie = cookieOf(fx().as.technician);
    const first = await openLiveStream(fx().app.url, cookie);
    const opening = await first.next((m) => m.event === 'position');
    first.close();
    await pick(fx().items.bolt, fx().bins.a);
    await pick(fx().items.bolt, fx().bins.a);
    // Retention trims what this screen missed (done here by hand, as the hourly trim would).
    const { services } = fx().app;
    await services.writer.run((tx) =>
      tx.execute('DELETE FROM outbox WHERE id < (SELECT max(id) FROM outbox)'),
    );

    const again = await openLiveStream(fx().app.url, cookie, { lastEventId: opening.id ?? '' });
    const resync = await again.next((m) => typeOf(m) === 'resync');
    expect(again.messages).toEqual([resync]);
    expect(Number(resync.id)).toBe(services.feed.position);
    again.close();
  });
});
