import { describe, expect, test } from 'vitest';
import { BACKENDS, useFixture } from '../support/backends.ts';

describe.each(BACKENDS)('long lists on $name', (backend) => {
  const fx = useFixture(backend);

  test.skipIf(!backend.available)(
    'low stock filters, sorts and pages on the server, with the total',
    async () => {
      const f = fx().factories;
      const supplier = (await f.newSupplier({ name: 'Boltline', leadTimeDays: 3 })).id;
      // Twelve empty fasteners (low, nothing ordered) from Boltline, plus the fixture's items.
      for (let n = 1; n <= 12; n++) {
        await f.newItem({
          sku: `FST-LOW-${String(n).padStart(2, '0')}`,
          name: `Low washer ${String(n).padStart(2, '0')}`,
          category: 'Fasteners',
          unitCostCents: 10 * n,
          reorderPoint: 5,
          reorderQty: 100,
          supplierId: supplier,
        });
      }
      const t = fx().as.technician;
      const all = await t.stock.lowStock.query();
      // 12 washers, the bearing (5 of reorder point 10) and the grease (none in stock).
      expect(all.total).toBe(14);
      expect(all.lines).toHaveLength(14);
      expect(all.suppliers).toContainEqual({ id: supplier, name: 'Boltline', count: 12 });
      expect(all.categories).toEqual([
        { name: 'Fasteners', count: 12 },
        { name: 'test', count: 2 },
      ]);

      const page2 = await t.stock.lowStock.query({ supplierId: supplier, sort: 'name', offset: 5, limit: 5 });
      expect(page2.total).toBe(12);
      expect(page2.lines.map((l) => l.name)).toEqual([
        'Low washer 06',
        'Low washer 07',
        'Low washer 08',
        'Low washer 09',
        'Low washer 10',
      ]);
      const byValue = await t.stock.lowStock.query({ category: 'Fasteners', sort: 'value', limit: 1 });
      expect(byValue.lines[0]).toMatchObject({
        name: 'Low washer 12',
        suggestedQty: 100,
        supplierName: 'Boltline',
      });
      const noSupplier = await t.stock.lowStock.query({ supplierId: 'none' });
      expect(noSupplier.lines.map((l) => l.itemId).sort()).toEqual(
        [fx().items.bearing, fx().items.grease].sort(),
      );

      // Once ordered, the washers are covered: "uncovered only" leaves them out.
      await fx().as.planner.purchasing.createFromSuggestions.mutate({
        itemIds: page2.lines.map((l) => l.itemId),
      });
      const uncovered = await t.stock.lowStock.query({ uncoveredOnly: true, supplierId: supplier });
      expect(uncovered.total).toBe(7);
      expect(uncovered.lines.every((l) => l.suggestedQty > 0)).toBe(true);
      await expect(t.stock.lowStock.query({ limit: 1000 })).rejects.toThrow();
    },
  );

  test.skipIf(!backend.available)(
    'the work-order board filters by assignee, priority and asset, and pages past the first 50',
    async () => {
      const { planner, technician } = fx().as;
      const tech = fx().users.technician;
      const ids: number[] = [];
      for (let n = 0; n < 60; n++) {
        const { id } = await planner.workOrders.create.mutate({
          title: `Check light ${n}`,
          priority: n % 3 === 0 ? 'urgent' : 'low',
        });
        ids.push(id);
        if (n % 2 === 0) await planner.workOrders.assign.mutate({ id, assigneeId: tech });
      }
      const mine = await technician.workOrders.counts.query({ assigneeId: tech });
      expect(mine).toMatchObject({ open: 0, assigned: 30 });
      expect((await technician.workOrders.counts.query({ assigneeId: 'none' })).open).toBe(30);
      expect((await technician.workOrders.counts.query()).open).toBe(30);
      const urgentMine = await technician.workOrders.list.query({
        status: 'assigned',
        assigneeId: tech,
        priority: 'urgent',
      });
      expect(urgentMine).toHaveLength(10);
      expect(urgentMine.every((w) => w.assigneeId === tech && w.priority === 'urgent')).toBe(true);

      const { id: pump } = await fx().factories.newAsset({
        tag: 'PMP-01',
        name: 'Pump 1',
        category: 'Pumps',
      });
      const { id: pumpJob } = await technician.workOrders.create.mutate({
        title: 'Pump seal',
        assetId: pump,
      });
      expect((await technician.workOrders.list.query({ assetId: pump })).map((w) => w.id)).toEqual([pumpJob]);
      expect(await technician.workOrders.counts.query({ assetId: pump })).toMatchObject({
        open: 1,
        assigned: 0,
      });
      await technician.workOrders.transition.mutate({ id: pumpJob, to: 'cancelled' });

      const first = await technician.workOrders.list.query({ status: 'open', limit: 20 });
      const second = await technician.workOrders.list.query({ status: 'open', limit: 20, cursor: 20 });
      expect(first).toHaveLength(20);
      expect(second).toHaveLength(10);
      expect(new Set([...first, ...second].map((w) => w.id)).size).toBe(30);
      // Most urgent first, across pages.
      expect(first.slice(0, 10).every((w) => w.priority === 'urgent')).toBe(true);
      expect(second.every((w) => w.priority === 'low')).toBe(true);
    },
  );
});
