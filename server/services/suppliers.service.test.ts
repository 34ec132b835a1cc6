import { describe, expect, test } from 'vitest';
import type { LiveEvent } from '../../common/live-events.ts';
import { dbFingerprint, ledgerHolds } from '../../tests/support/db-state.ts';
import { DAY_MS, useServices } from '../../tests/support/service-harness.ts';

describe('suppliers below HTTP', () => {
  const t = useServices();

  test('a planner creates a supplier with contacts; it is audited, announced and read back whole', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    const heard: LiveEvent[] = [];
    const stop = services.events.listen((e) => heard.push(e));
    const id = await services.suppliers.create(
      {
        name: 'Meridian Bearings',
        contacts: [
          { name: 'Orders desk', role: 'orders', email: 'orders@meridian.example', phone: '' },
          { name: 'Kim Lee', role: 'account manager', email: '', phone: '+44 20 7946 0000' },
        ],
        leadTimeDays: 4,
        currency: 'GBP',
        notes: 'Closed on Fridays',
      },
      planner.id,
    );
    stop();
    expect(await services.suppliers.get(id)).toMatchObject({
      name: 'Meridian Bearings',
      leadTimeDays: 4,
      currency: 'GBP',
      notes: 'Closed on Fridays',
      archived: false,
      contacts: [
        { name: 'Orders desk', role: 'orders', email: 'orders@meridian.example', phone: '' },
        { name: 'Kim Lee', role: 'account manager', email: '', phone: '+44 20 7946 0000' },
      ],
      prices: [],
    });
    expect(heard).toEqual([{ type: 'supplier', supplierId: id }]);
    const [entry] = await services.audit.recent(1);
    expect(entry).toMatchObject({ action: 'supplier.create', entity: 'supplier', entityId: String(id) });
    expect(entry?.actorId).toBe(planner.id);
    expect((await services.suppliers.list()).find((s) => s.id === id)).toMatchObject({
      contacts: 2,
      prices: 0,
      primaryEmail: 'orders@meridian.example',
    });
  });

  test('names are unique in any case; a refused create or rename writes nothing', async () => {
    const { services, factories } = t();
    const first = await factories.newSupplier({ name: 'Clearflow Filtration' });
    const other = await factories.newSupplier();
    const before = await dbFingerprint(services.db);
    await expect(factories.newSupplier({ name: 'CLEARFLOW filtration' })).rejects.toThrow(
      'A supplier named Clearflow Filtration already exists',
    );
    await expect(
      services.suppliers.update(other.id, { ...other, name: 'clearflow filtration' }, 1),
    ).rejects.toThrow('A supplier named Clearflow Filtration already exists');
    expect(await dbFingerprint(services.db)).toBe(before);
    // Renaming to its own name in another case is fine.
    await services.suppliers.update(first.id, { ...first, name: 'ClearFlow Filtration' }, 1);
    expect((await services.suppliers.get(first.id)).name).toBe('ClearFlow Filtration');
  });

  test('an update replaces the contacts; the currency cannot change under existing prices', async () => {
    const { services, factories } = t();
    const supplier = await factories.newSupplier({ currency: 'EUR' });
    await services.suppliers.update(
      supplier.id,
      { ...supplier, contacts: [{ name: 'New desk', role: '', email: 'new@example.test', phone: '' }] },
      1,
    );
    expect((await services.suppliers.get(supplier.id)).contacts).toMatchObject([{ name: 'New desk' }]);
    const item = await factories.newItem();
    await factories.newPrice(supplier.id, item.id);
    await expect(services.suppliers.update(supplier.id, { ...supplier, currency: 'USD' }, 1)).rejects.toThrow(
      `${supplier.name} has 1 price(s) in EUR; remove them before changing its currency to USD`,
    );
    await services.suppliers.removePrice(supplier.id, item.id, 1);
    await services.suppliers.update(supplier.id, { ...supplier, currency: 'USD' }, 1);
    expect((await services.suppliers.get(supplier.id)).currency).toBe('USD');
  });

  test('an archived supplier keeps its orders but gets no new ones, no prices and no new preferences', async () => {
    const { services, factories } = t();
    const supplier = await factories.newSupplier();
    const po = await factories.newPurchaseOrder({ supplierId: supplier.id, lines: [{ qty: 5 }] });
    const preferring = po.lines[0]?.itemId ?? 0;
    await services.suppliers.archive(supplier.id, 1);

    // Its order and history stay as they were.
    expect(await services.purchasing.get(po.id)).toMatchObject({
      supplier: { id: supplier.id, name: supplier.name, archived: true },
      status: 'open',
    });
    expect((await services.suppliers.get(supplier.id)).archived).toBe(true);

    // No new preferences, prices or orders.
    const item = await factories.newItem();
    await expect(factories.newItem({ supplierId: supplier.id })).rejects.toThrow(
      `${supplier.name} is archived and cannot be a preferred supplier; choose an active one`,
    );
    await expect(services.inventory.setPreferredSupplier(item.id, supplier.id, 1)).rejects.toThrow(
      'is archived and cannot be a preferred supplier',
    );
    await expect(factories.newPrice(supplier.id, item.id)).rejects.toThrow(
      `${supplier.name} is archived; restore it before changing its prices`,
    );
    await services.purchasing.cancel(po.id, 'ordered elsewhere', 1);
    await expect(services.purchasing.createFromSuggestions([preferring], 1)).rejects.toThrow(
      `${supplier.name} is archived and takes no new orders: choose another preferred supplier for`,
    );
    // An item already preferring it can still be edited without choosing again.
    const [kept] = await Promise.all([services.inventory.item(preferring)]);
    await services.inventory.updateItem(preferring, { ...kept, name: 'Renamed while archived' }, 1);

    await services.suppliers.restore(supplier.id, 1);
    const [reordered] = await services.purchasing.createFromSuggestions([preferring], 1);
    expect((await services.purchasing.get(reordered ?? 0)).supplier.id).toBe(supplier.id);
    const actions = (await services.audit.recent(20)).map((a) => a.action);
    expect(actions).toContain('supplier.archive');
    expect(actions).toContain('supplier.restore');
  });

  test('one price per supplier and item: setting it again replaces it, in the supplier currency', async () => {
    const { services, factories } = t();
    const supplier = await factories.newSupplier({ currency: 'GBP' });
    const item = await factories.newItem({ packs: [{ unit: 'box', size: 100 }] });
    await factories.newPrice(supplier.id, item.id, { partNumber: 'MB-1', priceMinor: 900 });
    await factories.newPrice(supplier.id, item.id, {
      partNumber: 'MB-1-BOX',
      priceMinor: 1250,
      pack: { unit: 'box', size: 100 },
      minOrderPacks: 2,
      leadTimeDays: 10,
    });
    expect((await services.suppliers.get(supplier.id)).prices).toMatchObject([
      {
        itemId: item.id,
        partNumber: 'MB-1-BOX',
        priceMinor: 1250,
        pack: { unit: 'box', size: 100 },
        minOrderPacks: 2,
        leadTimeDays: 10,
        preferred: false,
      },
    ]);
    const detail = await services.inventory.item(item.id);
    expect(detail.prices).toMatchObject([
      { supplierName: supplier.name, currency: 'GBP', partNumber: 'MB-1-BOX' },
    ]);
    expect(detail.packs).toMatchObject([{ unit: 'box', size: 100 }]);

    // A pack in the item's own unit holds exactly one; an unknown unit is refused.
    await expect(
      factories.newPrice(supplier.id, item.id, { pack: { unit: 'ea', size: 10 } }),
    ).rejects.toThrow('is counted in ea: a pack of ea holds 1; use a unit such as box');
    await expect(
      services.suppliers.setPrice(
        {
          supplierId: supplier.id,
          itemId: item.id,
          partNumber: 'X',
          priceMinor: 1,
          pack: { unit: 'crate', size: 4 },
          minOrderPacks: 1,
          leadTimeDays: null,
        },
        1,
      ),
    ).rejects.toThrow('There is no active unit "crate"');

    await services.suppliers.removePrice(supplier.id, item.id, 1);
    expect((await services.suppliers.get(supplier.id)).prices).toEqual([]);
    await expect(services.suppliers.removePrice(supplier.id, item.id, 1)).rejects.toThrow(
      `${supplier.name} has no price for item ${item.id}`,
    );
  });

  test("suggestions and new orders use the preferred supplier's pack, part number and price", async () => {
    const { services, factories, clock } = t();
    const supplier = await factories.newSupplier({ leadTimeDays: 3 });
    // Nothing in stock against a reorder point of 0: one reorder quantity (30) is needed.
    const item = await factories.newItem({ supplierId: supplier.id, reorderPoint: 0, reorderQty: 30 });
    await factories.newPrice(supplier.id, item.id, {
      partNumber: 'NG-M8-BOX',
      priceMinor: 1250,
      pack: { unit: 'box', size: 100 },
      minOrderPacks: 1,
      leadTimeDays: 6,
    });
    const low = (await services.inventory.lowStock()).find((l) => l.itemId === item.id);
    expect(low).toMatchObject({ suggestedQty: 100, suggestedPacks: 1, price: { partNumber: 'NG-M8-BOX' } });

    const [poId] = await services.purchasing.createFromSuggestions([item.id], 1);
    const po = await services.purchasing.get(poId ?? 0);
    expect(po).toMatchObject({ currency: 'EUR', expectedAt: clock.now() + 6 * DAY_MS });
    expect(po.lines).toMatchObject([
      {
        itemId: item.id,
        qtyOrdered: 100,
        partNumber: 'NG-M8-BOX',
        pack: { unit: 'box', size: 100 },
        packPrice: 1250,
      },
    ]);
    expect((await services.purchasing.list('open', 100)).find((p) => p.id === poId)?.totalCents).toBe(1250);

    // A minimum order of 3 boxes lifts the next suggestion to 300.
    const other = await factories.newItem({ supplierId: supplier.id, reorderPoint: 0, reorderQty: 30 });
    await factories.newPrice(supplier.id, other.id, { pack: { unit: 'box', size: 100 }, minOrderPacks: 3 });
    expect((await services.inventory.lowStock()).find((l) => l.itemId === other.id)?.suggestedQty).toBe(300);
  });

  test('an unpriced item is ordered loose: at its cost in the house currency, else with its price to agree', async () => {
    const { services, factories } = t();
    const euro = await factories.newSupplier({ currency: 'EUR' });
    const dollar = await factories.newSupplier({ currency: 'USD' });
    const a = await factories.newItem({
      supplierId: euro.id,
      reorderPoint: 0,
      reorderQty: 7,
      unitCostCents: 40,
    });
    const b = await factories.newItem({ supplierId: dollar.id, reorderPoint: 0, reorderQty: 7 });
    const ids = await services.purchasing.createFromSuggestions([a.id, b.id], 1);
    const orders = await Promise.all(ids.map((id) => services.purchasing.get(id)));
    const inEuro = orders.find((o) => o.supplier.id === euro.id);
    const inDollar = orders.find((o) => o.supplier.id === dollar.id);
    expect(inEuro).toMatchObject({
      currency: 'EUR',
      lines: [{ qtyOrdered: 7, pack: { unit: 'ea', size: 1 }, packPrice: 40 }],
    });
    expect(inDollar).toMatchObject({
      currency: 'USD',
      lines: [{ qtyOrdered: 7, partNumber: null, packPrice: null }],
    });
  });

  test('a line ordered in boxes is received in boxes: one box books 100 with the pack in its reason', async () => {
    const { services, factories } = t();
    const supplier = await factories.newSupplier();
    const item = await factories.newItem({ supplierId: supplier.id, reorderPoint: 0, reorderQty: 150 });
    await factories.newPrice(supplier.id, item.id, { pack: { unit: 'box', size: 100 } });
    const [poId] = await services.purchasing.createFromSuggestions([item.id], 1);
    const line = (await services.purchasing.get(poId ?? 0)).lines[0];
    expect(line?.qtyOrdered).toBe(200);
    const van = await factories.newManualLocation();
    const clerk = await factories.newUser('technician');
    const result = await services.purchasing.receiveLine(
      {
        lineId: line?.id ?? 0,
        qty: 1,
        pack: { unit: 'box', size: 100 },
        locationId: van.id,
        idempotencyKey: 'po-box-1',
      },
      clerk.id,
    );
    expect(result.status).toBe('partially_received');
    const [movement] = await services.inventory.movements(item.id, null, 1);
    expect(movement).toMatchObject({
      kind: 'receive',
      qty: 100,
      code: van.code,
      reason: '1 box of 100',
      refId: poId,
    });
    await expect(
      services.purchasing.receiveLine(
        {
          lineId: line?.id ?? 0,
          qty: 1,
          pack: { unit: 'box', size: 50 },
          locationId: van.id,
          idempotencyKey: 'po-box-2',
        },
        clerk.id,
      ),
    ).rejects.toThrow('This line is not delivered in box of 50; use box of 100');
    await expect(
      services.purchasing.receiveLine(
        {
          lineId: line?.id ?? 0,
          qty: 2,
          pack: { unit: 'box', size: 100 },
          locationId: van.id,
          idempotencyKey: 'po-box-3',
        },
        clerk.id,
      ),
    ).rejects.toThrow('Only 100 remain to be received on this line; 200 is too many');
    expect(await ledgerHolds(services.db)).toBe(true);
  });
});
