import { describe, expect, test } from 'vitest';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { ledgerHolds } from '../support/db-state.ts';
import { cookieOf, PASSWORD } from '../support/test-app.ts';

describe.each(BACKENDS)('workflows on $name', (backend) => {
  let now = Date.parse('2026-06-01T08:00:00Z');
  const clock = { now: () => now };
  const fx = useFixture(backend, clock);

  test.skipIf(!backend.available)(
    'a work order reserves parts, consumes them through the ledger and releases the rest when done',
    async () => {
      const t = fx().as.technician;
      const { id } = await t.workOrders.create.mutate({
        title: 'Replace bearing on conveyor 3',
        priority: 'high',
      });
      await fx().as.planner.workOrders.assign.mutate({ id, assigneeId: fx().users.technician });
      const { partId } = await t.workOrders.reservePart.mutate({
        workOrderId: id,
        itemId: fx().items.bearing,
        locationId: fx().bins.c,
        qty: 3,
      });
      // Reserved stock is not available to anyone else.
      await expect(
        t.stock.pick.mutate({
          itemId: fx().items.bearing,
          locationId: fx().bins.c,
          qty: 3,
          idempotencyKey: 'steal-reserved-1',
        }),
      ).rejects.toThrow(
        'Bin B-01-1 holds 5 ea of 6204-2RS deep groove ball bearing (3 reserved for work orders); cannot pick 3',
      );
      await expect(
        t.workOrders.consumePart.mutate({
          workOrderId: id,
          partId,
          qty: 1,
          idempotencyKey: 'consume-early-1',
        }),
      ).rejects.toThrow(/Start work order/);
      await t.workOrders.transition.mutate({ id, to: 'in_progress' });
      await t.workOrders.consumePart.mutate({
        workOrderId: id,
        partId,
        qty: 2,
        idempotencyKey: 'consume-part-01',
      });
      await t.workOrders.consumePart.mutate({
        workOrderId: id,
        partId,
        qty: 2,
        idempotencyKey: 'consume-part-01',
      });
      await t.workOrders.transition.mutate({
        id,
        to: 'done',
        note: 'Bearing replaced, belt tension checked',
      });

      const wo = await t.workOrders.get.query({ id });
      expect(wo.status).toBe('done');
      expect(wo.parts).toEqual([expect.objectContaining({ qtyReserved: 2, qtyConsumed: 2, code: 'B-01-1' })]);
      expect(wo.events.map((e) => e.kind)).toEqual([
        'created',
        'assigned',
        'part_reserved',
        'status',
        'part_consumed',
        'status',
      ]);
      const level = await t.stock.level.query({ itemId: fx().items.bearing });
      expect(level).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
      const [pick] = await t.items.movements.query({ itemId: fx().items.bearing, limit: 1 });
      expect(pick).toMatchObject({ kind: 'pick', qty: -2, refType: 'work_order', refId: id });
      expect(await ledgerHolds(fx().app.services.db)).toBe(true);
      await expect(t.workOrders.transition.mutate({ id, to: 'in_progress' })).rejects.toThrow(
        /can no longer change/,
      );
    },
  );

  test.skipIf(!backend.available)(
    'low stock becomes a purchase order that is received line by line',
    async () => {
      const { id: supplier } = await fx().factories.newSupplier({ name: 'Bearings Direct', leadTimeDays: 5 });
      const bearing = await fx().as.planner.items.get.query({ id: fx().items.bearing });
      await fx().as.planner.items.update.mutate({
        id: fx().items.bearing,
        item: {
          ...bearing,
          aliases: bearing.aliases,
          supplierId: supplier,
          reorderPoint: 10,
          reorderQty: 24,
        },
      });
      const low = await fx().as.technician.stock.lowStock.query();
      const line = low.lines.find((l) => l.itemId === fx().items.bearing);
      // 3 on hand against a reorder point of 10: one lot of 24 brings it back above.
      expect(line).toMatchObject({
        available: 3,
        onOrder: 0,
        suggestedQty: 24,
        supplierName: 'Bearings Direct',
      });
      await expect(
        fx().as.technician.purchasing.createFromSuggestions.mutate({ itemIds: [fx().items.bearing] }),
      ).rejects.toThrow(/cannot do this/);
      const { purchaseOrderIds } = await fx().as.planner.purchasing.createFromSuggestions.mutate({
        itemIds: [fx().items.bearing],
      });
      expect(purchaseOrderIds).toHaveLength(1);
      const poId = purchaseOrderIds[0] ?? 0;
      const po = await fx().as.technician.purchasing.get.query({ id: poId });
      expect(po).toMatchObject({ status: 'open', supplier: { name: 'Bearings Direct' } });
      // Once ordered, it no longer needs ordering.
      expect(
        (await fx().as.technician.stock.lowStock.query()).lines.find((l) => l.itemId === fx().items.bearing)
          ?.suggestedQty,
      ).toBe(0);

      const lineId = po.lines[0]?.id ?? 0;
      const first = await fx().as.technician.purchasing.receiveLine.mutate({
        lineId,
        qty: 10,
        locationId: fx().bins.c,
        idempotencyKey: 'po-receive-0001',
      });
      expect(first.status).toBe('partially_received');
      await fx().as.technician.purchasing.receiveLine.mutate({
        lineId,
        qty: 10,
        locationId: fx().bins.c,
        idempotencyKey: 'po-receive-0001',
      });
      await expect(
        fx().as.technician.purchasing.receiveLine.mutate({
          lineId,
          qty: 15,
          locationId: fx().bins.c,
          idempotencyKey: 'po-receive-0002',
        }),
      ).rejects.toThrow('Only 14 remain to be received on this line; 15 is too many');
      const last = await fx().as.technician.purchasing.receiveLine.mutate({
        lineId,
        qty: 14,
        locationId: fx().bins.c,
        idempotencyKey: 'po-receive-0003',
      });
      expect(last.status).toBe('received');
      await expect(
        fx().as.planner.purchasing.cancel.mutate({ id: poId, reason: 'no longer needed' }),
      ).rejects.toThrow(`Purchase order ${poId} is received; only an open order can be cancelled`);
      expect((await fx().as.technician.stock.level.query({ itemId: fx().items.bearing })).onHand).toBe(27);
      expect(await ledgerHolds(fx().app.services.db)).toBe(true);
    },
  );

  test.skipIf(!backend.available)(
    'maintenance plans raise work orders when the calendar or the meter says so, once',
    async () => {
      const DAY = 86_400_000;
      const { newAsset, newMaintenancePlan } = fx().factories;
      const { id: assetId } = await newAsset({
        tag: 'CMP-01',
        name: 'Air compressor 1',
        category: 'compressor',
        meterUnit: 'hours',
        meterValue: 1000,
      });
      await newMaintenancePlan(assetId, {
        title: 'Quarterly inspection',
        intervalDays: 90,
        lastDoneAt: now - 30 * DAY,
      });
      await newMaintenancePlan(assetId, {
        title: '500 h service',
        intervalDays: null,
        intervalMeter: 500,
        priority: 'high',
      });
      expect((await fx().as.planner.assets.runScheduler.mutate()).createdWorkOrders).toEqual([]);
      // The meter passes 500 hours since the last service: the service falls due at once.
      const byMeter = await fx().as.technician.assets.recordMeter.mutate({ assetId, value: 1510 });
      expect(byMeter.createdWorkOrders).toHaveLength(1);
      await expect(fx().as.technician.assets.recordMeter.mutate({ assetId, value: 1400 })).rejects.toThrow(
        /cannot go back/,
      );
      // Sixty-one days later the quarterly inspection is due too; running twice raises it once.
      now += 61 * DAY;
      // Two months on, the 14-day sessions have expired: everyone logs in again.
      await expect(fx().as.planner.assets.runScheduler.mutate()).rejects.toThrow('Log in first');
      await fx().as.planner.auth.login.mutate({ username: 'plan', password: PASSWORD });
      await fx().as.technician.auth.login.mutate({ username: 'tech', password: PASSWORD });
      const byCalendar = await fx().as.planner.assets.runScheduler.mutate();
      expect(byCalendar.createdWorkOrders).toHaveLength(1);
      expect((await fx().as.planner.assets.runScheduler.mutate()).createdWorkOrders).toEqual([]);
      const asset = await fx().as.technician.assets.get.query({ id: assetId });
      expect(asset.plans.map((p) => p.due)).toEqual([true, true]);
      const orders = await fx().as.technician.workOrders.list.query({ assetId });
      expect(orders.map((o) => o.title).sort()).toEqual([
        '500 h service — CMP-01',
        'Quarterly inspection — CMP-01',
      ]);
      // Doing the work resets the plan.
      const service = orders.find((o) => o.title.startsWith('500 h'));
      await fx().as.technician.workOrders.transition.mutate({ id: service?.id ?? 0, to: 'in_progress' });
      await fx().as.technician.workOrders.transition.mutate({ id: service?.id ?? 0, to: 'done' });
      const after = await fx().as.technician.assets.get.query({ id: assetId });
      expect(after.plans.find((p) => p.title === '500 h service')).toMatchObject({
        due: false,
        lastDoneMeter: 1510,
      });
    },
  );

  test.skipIf(!backend.available)(
    'CSV: a dry run reports row errors by line and column, a clean import applies through the ledger, an exported file updates with "update existing"',
    async () => {
      const csv = [
        'sku,location,lot,on_hand',
        'FST-M8-030,A-01-2,,40',
        'NOPE-1,A-01-2,,3',
        'FST-M8-030,Z-99-9,,1',
        'BRG-6204,B-01-1,,x',
      ].join('\n');
      const dry = await fx().as.planner.io.importCsv.mutate({ kind: 'stock', csv, dryRun: true });
      expect(dry.errors).toEqual([
        { line: 3, column: 'sku', message: 'No item has SKU NOPE-1' },
        { line: 4, column: 'location', message: 'No location has the code Z-99-9' },
        { line: 5, column: 'on_hand', message: 'on_hand must be a number' },
      ]);
      // A real import of the same file is refused whole, and the rows to fix travel with the refusal.
      const refused = await fx()
        .as.planner.io.importCsv.mutate({ kind: 'stock', csv, dryRun: false })
        .catch((e: unknown) => e);
      expect((refused as { data?: { details?: { errors?: unknown[] } } }).data?.details?.errors).toHaveLength(
        3,
      );
      const good = 'sku,location,on_hand\nFST-M8-030,A-01-2,40\n';
      expect(
        await fx().as.planner.io.importCsv.mutate({ kind: 'stock', csv: good, dryRun: true }),
      ).toMatchObject({ errors: [], totals: { create: 1 } });
      expect(
        await fx().as.planner.io.importCsv.mutate({ kind: 'stock', csv: good, dryRun: false }),
      ).toMatchObject({ errors: [], totals: { create: 1, update: 0, unchanged: 0 } });
      const level = await fx().as.technician.stock.level.query({ itemId: fx().items.bolt });
      expect(level.locations.find((l) => l.code === 'A-01-2')?.onHand).toBe(40);
      expect(await ledgerHolds(fx().app.services.db)).toBe(true);

      const exported = await fx().as.planner.io.exportCsv.mutate({ kind: 'items' });
      expect(exported.filename).toMatch(/^twinventory-items-\d{4}-\d{2}-\d{2}\.csv$/);
      const renamed = exported.csv.replace('M8 x 30 hex bolt', 'M8 x 30 hex bolt (zinc)');
      expect(
        await fx().as.planner.io.importCsv.mutate({
          kind: 'items',
          csv: renamed,
          dryRun: false,
          update: true,
        }),
      ).toMatchObject({ errors: [], totals: { update: 1 } });
      expect((await fx().as.technician.items.get.query({ id: fx().items.bolt })).name).toBe(
        'M8 x 30 hex bolt (zinc)',
      );
      expect((await fx().as.technician.items.search.query({ q: 'zinc' }))[0]?.id).toBe(fx().items.bolt);
    },
  );

  test.skipIf(!backend.available)('other users see stock changes live over the event stream', async () => {
    const controller = new AbortController();
    const res = await fetch(`${fx().app.url}/events`, {
      headers: { cookie: cookieOf(fx().as.planner), accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    const seen = (async () => {
      let text = '';
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return text;
        text += new TextDecoder().decode(chunk.value);
        if (text.includes('"type":"stock"')) return text;
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    await fx().as.technician.stock.pick.mutate({
      itemId: fx().items.bolt,
      locationId: fx().bins.a,
      qty: 1,
      idempotencyKey: 'live-pick-00001',
    });
    const text = await seen;
    controller.abort();
    expect(text).toContain(`"itemId":${fx().items.bolt}`);
    expect(text).toMatch(/"code":"A-01-1","lot":"","onHand":\d+/);
  });
});
