import { describe, expect, test } from 'vitest';
import { dbFingerprint, ledgerHolds } from '../../tests/support/db-state.ts';
import { DAY_MS, useServices } from '../../tests/support/service-harness.ts';

describe('purchase orders below HTTP', () => {
  const t = useServices();

  /** An open order for 24 of one new item, a bin to receive into and someone receiving. */
  async function ordered() {
    const { newPurchaseOrder, newBin, newUser, newSupplier } = t().factories;
    const supplier = await newSupplier({ leadTimeDays: 5 });
    const po = await newPurchaseOrder({ supplierId: supplier.id, lines: [{ qty: 24 }] });
    const line = po.lines[0];
    if (line === undefined) throw new Error('the order has no line');
    return { po, line, bin: await newBin(), clerk: await newUser('technician') };
  }

  test("a reorder suggestion becomes an open order from the item's supplier, due after its lead time", async () => {
    const { po, line } = await ordered();
    expect(po).toMatchObject({ status: 'open', expectedAt: t().clock.now() + 5 * DAY_MS });
    expect(line).toMatchObject({ qtyOrdered: 24, qtyReceived: 0 });
    // Once on order, the item no longer needs ordering.
    const low = await t().services.inventory.lowStock();
    expect(low.find((l) => l.itemId === line.itemId)).toMatchObject({ onOrder: 24, suggestedQty: 0 });
  });

  test('receiving part of a line leaves the order partly received; the rest closes it', async () => {
    const { services } = t();
    const { po, line, bin, clerk } = await ordered();
    const first = await services.purchasing.receiveLine(
      { lineId: line.id, qty: 10, locationId: bin.id, idempotencyKey: 'po-part-1' },
      clerk.id,
    );
    expect(first).toMatchObject({ purchaseOrderId: po.id, status: 'partially_received' });
    expect((await services.purchasing.get(po.id)).lines[0]).toMatchObject({ qtyReceived: 10 });
    expect((await services.inventory.stockLevel(line.itemId)).onHand).toBe(10);

    const last = await services.purchasing.receiveLine(
      { lineId: line.id, qty: 14, locationId: bin.id, idempotencyKey: 'po-part-2' },
      clerk.id,
    );
    expect(last.status).toBe('received');
    const [receipt] = await services.inventory.movements(line.itemId, null, 1);
    expect(receipt).toMatchObject({ kind: 'receive', qty: 14, refType: 'purchase_order', refId: po.id });
    expect((await services.inventory.stockLevel(line.itemId)).onHand).toBe(24);
    await expect(
      services.purchasing.receiveLine(
        { lineId: line.id, qty: 1, locationId: bin.id, idempotencyKey: 'po-part-3' },
        clerk.id,
      ),
    ).rejects.toThrow(`Purchase order ${po.id} is received; nothing more can be received on it`);
    await expect(services.purchasing.cancel(po.id, 'too late', clerk.id)).rejects.toThrow(
      `Purchase order ${po.id} is received; only an open order can be cancelled`,
    );
    expect(await ledgerHolds(services.db)).toBe(true);
  });

  test('receiving more than is outstanding is refused and writes nothing', async () => {
    const { services } = t();
    const { po, line, bin, clerk } = await ordered();
    await services.purchasing.receiveLine(
      { lineId: line.id, qty: 10, locationId: bin.id, idempotencyKey: 'po-over-1' },
      clerk.id,
    );
    const before = await dbFingerprint(services.db);
    await expect(
      services.purchasing.receiveLine(
        { lineId: line.id, qty: 15, locationId: bin.id, idempotencyKey: 'po-over-2' },
        clerk.id,
      ),
    ).rejects.toThrow('Only 14 remain to be received on this line; 15 is too many');
    expect(await dbFingerprint(services.db)).toBe(before);
    expect((await services.purchasing.get(po.id)).status).toBe('partially_received');
  });

  test('a receipt replayed with the same idempotency key is written once', async () => {
    const { services } = t();
    const { po, line, bin, clerk } = await ordered();
    const input = { lineId: line.id, qty: 10, locationId: bin.id, idempotencyKey: 'po-replay-1' };
    const first = await services.purchasing.receiveLine(input, clerk.id);
    const before = await dbFingerprint(services.db);
    const again = await services.purchasing.receiveLine(input, clerk.id);
    expect(again).toEqual({ ...first, receipt: { ...first.receipt, replayed: true } });
    expect(await dbFingerprint(services.db)).toBe(before);
    expect((await services.purchasing.get(po.id)).lines[0]).toMatchObject({ qtyReceived: 10 });
    expect((await services.inventory.stockLevel(line.itemId)).onHand).toBe(10);
  });

  test('a cancelled order takes no receipts', async () => {
    const { services } = t();
    const { po, line, bin, clerk } = await ordered();
    await services.purchasing.cancel(po.id, 'ordered elsewhere', clerk.id);
    const before = await dbFingerprint(services.db);
    await expect(
      services.purchasing.receiveLine(
        { lineId: line.id, qty: 1, locationId: bin.id, idempotencyKey: 'po-cancelled-1' },
        clerk.id,
      ),
    ).rejects.toThrow(`Purchase order ${po.id} is cancelled; nothing more can be received on it`);
    expect(await dbFingerprint(services.db)).toBe(before);
  });

  test('an item without a supplier cannot be ordered from the suggestions', async () => {
    const { services, factories } = t();
    const item = await factories.newItem({ name: 'Orphan gasket', reorderPoint: 5, reorderQty: 10 });
    const planner = await factories.newUser('planner');
    await expect(services.purchasing.createFromSuggestions([item.id], planner.id)).rejects.toThrow(
      'No supplier is set for Orphan gasket',
    );
  });
});
