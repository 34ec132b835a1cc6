import { describe, expect, test } from 'vitest';
import { BACKENDS, useFixture } from '../support/backends.ts';

describe.each(BACKENDS)('messages a person can act on, on $name', (backend) => {
  const fx = useFixture(backend);

  test.skipIf(!backend.available)(
    'using more parts than a job reserved says how many are reserved for it',
    async () => {
      const t = fx().as.technician;
      const { id } = await t.workOrders.create.mutate({ title: 'Replace conveyor bearings' });
      await t.workOrders.transition.mutate({ id, to: 'in_progress' });
      // B-01-1 holds 5 bearings; this job sets 2 aside.
      const { partId } = await t.workOrders.reservePart.mutate({
        workOrderId: id,
        itemId: fx().items.bearing,
        locationId: fx().bins.c,
        qty: 2,
      });
      // More than reserved, though the bin has enough free: still only what the job reserved.
      await expect(
        t.workOrders.consumePart.mutate({
          workOrderId: id,
          partId,
          qty: 4,
          idempotencyKey: 'use-4-bearings',
        }),
      ).rejects.toThrow('Only 2 reserved for this job; reserve more before using 4');
      // More than the bin holds: the same message, not the bin's.
      await expect(
        t.workOrders.consumePart.mutate({
          workOrderId: id,
          partId,
          qty: 9,
          idempotencyKey: 'use-9-bearings',
        }),
      ).rejects.toThrow('Only 2 reserved for this job');
      expect((await t.stock.level.query({ itemId: fx().items.bearing })).onHand).toBe(5);

      await t.workOrders.consumePart.mutate({
        workOrderId: id,
        partId,
        qty: 2,
        idempotencyKey: 'use-2-bearings',
      });
      // A retry of a use that went through is answered as before, not refused.
      const replay = await t.workOrders.consumePart.mutate({
        workOrderId: id,
        partId,
        qty: 2,
        idempotencyKey: 'use-2-bearings',
      });
      expect(replay.replayed).toBe(true);
      await expect(
        t.workOrders.consumePart.mutate({ workOrderId: id, partId, qty: 1, idempotencyKey: 'use-1-more' }),
      ).rejects.toThrow('Nothing more is reserved for this job');
      expect((await t.stock.level.query({ itemId: fx().items.bearing })).onHand).toBe(3);
    },
  );

  test.skipIf(!backend.available)(
    "receiving a purchase order suggests the part's usual bin: where it is stocked, else where it last arrived",
    async () => {
      const supplier = (await fx().factories.newSupplier({ name: 'Acme', leadTimeDays: 5 })).id;
      const planner = fx().as.planner;
      for (const itemId of [fx().items.bearing, fx().items.grease, fx().items.bolt]) {
        const item = await planner.items.get.query({ id: itemId });
        await planner.items.update.mutate({
          id: itemId,
          item: { ...item, supplierId: supplier, reorderPoint: 500, reorderQty: 10 },
        });
      }
      // Grease was received into A-01-2 once and has all been used since.
      await fx().as.admin.stock.receive.mutate({
        itemId: fx().items.grease,
        locationId: fx().bins.b,
        qty: 1,
        lot: 'G-1',
        idempotencyKey: 'grease-in-1',
      });
      await fx().as.admin.stock.pick.mutate({
        itemId: fx().items.grease,
        locationId: fx().bins.b,
        qty: 1,
        lot: 'G-1',
        idempotencyKey: 'grease-out-1',
      });
      const [poId] = (await planner.purchasing.createFromSuggestions.mutate({})).purchaseOrderIds;
      const po = await fx().as.technician.purchasing.get.query({ id: poId ?? 0 });
      const usual = Object.fromEntries(po.lines.map((l) => [l.itemId, l.usualBin?.code ?? null]));
      expect(usual).toEqual({
        [fx().items.bearing]: 'B-01-1',
        [fx().items.bolt]: 'A-01-1',
        [fx().items.grease]: 'A-01-2',
      });
    },
  );
});
