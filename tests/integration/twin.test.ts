import { describe, expect, test } from 'vitest';
import { deriveBins } from '../../twin-models/geometry.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { dbFingerprint } from '../support/db-state.ts';

describe.each(BACKENDS)('facility twin on $name', (backend) => {
  const fx = useFixture(backend);
  const demo = demoWarehouse();

  test.skipIf(!backend.available)('publishing a layout makes its bins the ledger locations', async () => {
    await expect(fx().as.technician.twin.current.query()).rejects.toThrow(
      'No facility layout has been published yet',
    );
    const { revisionId } = await fx().as.planner.twin.publish.mutate({
      document: demo,
      note: 'first layout',
    });
    const current = await fx().as.technician.twin.current.query();
    expect(current.revisionId).toBe(revisionId);
    expect(deriveBins(current.facility)).toHaveLength(5280);
    // A bin that already held stock keeps its id and stock, and now has the twin's pose.
    const a = await fx().as.technician.locations.get.query({ code: 'A-01-1' });
    expect(a.id).toBe(fx().bins.a);
    expect(a.contents.map((c) => [c.sku, c.onHand])).toEqual([['FST-M8-030', 100]]);
    expect(a.x).toBeCloseTo(4.4, 5);
    const far = await fx().as.technician.locations.get.query({ code: 'L-88-5' });
    expect(far.active).toBe(true);
  });

  test.skipIf(!backend.available)(
    'a layout that would strand stock is refused, naming the bins, and changes nothing',
    async () => {
      const before = await dbFingerprint(fx().app.services.db);
      const withoutRack = { ...demo, racks: demo.racks.filter((r) => r.id !== 'R-A-1-L') };
      await expect(
        fx().as.planner.twin.publish.mutate({ document: withoutRack, note: 'drop rack A-1-L' }),
      ).rejects.toThrow(
        'This layout removes 1 bin(s) that still hold or reserve stock: A-01-1. Move that stock first.',
      );
      expect(await dbFingerprint(fx().app.services.db)).toBe(before);
      // Once the bolts have moved out, the same layout publishes and the emptied bins retire.
      await fx().as.technician.stock.transfer.mutate({
        itemId: fx().items.bolt,
        fromLocationId: fx().bins.a,
        toLocationId: fx().bins.c,
        qty: 100,
        idempotencyKey: 'move-out-of-A-1-L',
      });
      await fx().as.planner.twin.publish.mutate({ document: withoutRack, note: 'drop rack A-1-L' });
      expect((await fx().as.technician.locations.get.query({ code: 'A-01-1' })).active).toBe(false);
      await expect(
        fx().as.technician.stock.receive.mutate({
          itemId: fx().items.bolt,
          locationId: fx().bins.a,
          qty: 1,
          idempotencyKey: 'into-retired-bin',
        }),
      ).rejects.toThrow('Bin A-01-1 is retired and cannot take stock');
    },
  );

  test.skipIf(!backend.available)('a broken document is refused with the path of each problem', async () => {
    const broken = structuredClone(demo) as { racks: { levels: { height: number }[] }[] };
    const rack = broken.racks[12];
    const level = rack?.levels[3];
    if (level) level.height = 0;
    await expect(fx().as.planner.twin.publish.mutate({ document: broken })).rejects.toThrow(
      /^The facility document is not valid: racks\[12\]\.levels\[3\]\.height: /,
    );
    await expect(fx().as.planner.twin.publish.mutate({ document: { version: 99 } })).rejects.toThrow(
      /version/,
    );
  });

  test.skipIf(!backend.available)(
    'bin states feed the heatmaps: stock, items, days of cover, last count',
    async () => {
      const states = await fx().as.technician.twin.binStates.query();
      const c = states.find((s) => s.code === 'B-01-1');
      expect(c).toMatchObject({ onHand: 105, items: 2 });
      expect(states.length).toBeGreaterThan(5000);
    },
  );

  test.skipIf(!backend.available)(
    'routes go from a dock to a bin with turn-by-turn steps over the current layout',
    async () => {
      const route = await fx().as.technician.navigation.route.query({
        from: { kind: 'dock', code: 'D1' },
        to: { kind: 'bin', code: 'C-12-4' },
      });
      if (!route.ok) throw new Error(route.reason);
      expect(route.lengthM).toBeGreaterThan(5);
      expect(route.points.length).toBeGreaterThanOrEqual(2);
      expect(route.steps.at(-1)?.text).toMatch(/C-12-4 is on your (left|right), level 4/);
      const summed = route.steps.reduce((a, s) => a + s.distanceM, 0);
      expect(Math.abs(summed - route.lengthM)).toBeLessThan(1);
      const unknown = await fx().as.technician.navigation.route.query({
        from: { kind: 'dock', code: 'D1' },
        to: { kind: 'bin', code: 'Z-99-9' },
      });
      expect(unknown).toMatchObject({ ok: false });
      const tour = await fx().as.technician.navigation.multiStop.query({
        start: { kind: 'dock', code: 'D1' },
        stops: ['K-20-1', 'B-04-2', 'F-10-3'].map((code) => ({ kind: 'bin' as const, code })),
      });
      expect([...tour.order].sort()).toEqual([0, 1, 2]);
    },
  );
});
