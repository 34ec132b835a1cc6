import { describe, expect, test } from 'vitest';
import { dbFingerprint } from '../../tests/support/db-state.ts';
import { useServices } from '../../tests/support/service-harness.ts';
import type { Item, ItemInput } from '../db/catalog.repository.ts';

describe('the item catalogue below HTTP', () => {
  const t = useServices();

  /** An item's editable fields, as the edit form sends them back. */
  const fieldsOf = ({ id: _, ...input }: Item): ItemInput => input;

  test('a second item with a used SKU or barcode is refused and writes nothing', async () => {
    const { services, factories } = t();
    const first = await factories.newItem({ sku: 'FLT-G4-592', barcode: '5012345678900' });
    const admin = await factories.newUser('admin');
    const before = await dbFingerprint(services.db);
    await expect(
      services.inventory.createItem({ ...fieldsOf(first), barcode: null, name: 'Another filter' }, admin.id),
    ).rejects.toThrow('SKU FLT-G4-592 is already used');
    await expect(
      services.inventory.createItem({ ...fieldsOf(first), sku: 'FLT-G4-593' }, admin.id),
    ).rejects.toThrow('Barcode 5012345678900 is already used');
    expect(await dbFingerprint(services.db)).toBe(before);
  });

  test("an item may keep its own SKU and barcode, but not take another item's", async () => {
    const { services, factories } = t();
    const admin = await factories.newUser('admin');
    const a = await factories.newItem({ barcode: '4006381333931' });
    const b = await factories.newItem({ barcode: '4006381333948' });
    await services.inventory.updateItem(a.id, { ...fieldsOf(a), name: 'Renamed, same codes' }, admin.id);
    expect((await services.inventory.item(a.id)).name).toBe('Renamed, same codes');
    await expect(
      services.inventory.updateItem(b.id, { ...fieldsOf(b), sku: a.sku }, admin.id),
    ).rejects.toThrow(`SKU ${a.sku} is already used`);
    await expect(
      services.inventory.updateItem(b.id, { ...fieldsOf(b), barcode: a.barcode }, admin.id),
    ).rejects.toThrow(`Barcode ${a.barcode} is already used`);
    expect(await services.inventory.item(b.id)).toMatchObject({ sku: b.sku, barcode: b.barcode });
  });

  test('tracking cannot change while the item is in stock, and can once it is not', async () => {
    const { services, factories } = t();
    const admin = await factories.newUser('admin');
    const item = await factories.newItem({ name: 'Hydraulic oil 20 l' });
    const bin = await factories.newBin();
    await factories.receive(item.id, bin.id, 3);
    await expect(
      services.inventory.updateItem(item.id, { ...fieldsOf(item), tracking: 'lot' }, admin.id),
    ).rejects.toThrow('Hydraulic oil 20 l is in stock; its tracking mode cannot change');
    await services.ledger.post({
      op: { kind: 'pick', itemId: item.id, locationId: bin.id, qty: 3 },
      actorId: admin.id,
    });
    await services.inventory.updateItem(item.id, { ...fieldsOf(item), tracking: 'lot' }, admin.id);
    expect((await services.inventory.item(item.id)).tracking).toBe('lot');
  });

  test('search finds an item as soon as it is created or renamed', async () => {
    const { services, factories } = t();
    // Build the index first, so what follows must reach it as changes.
    await services.inventory.search('anything', 5);
    const item = await factories.newItem({ name: 'Wombat grommet', aliases: ['rubber wombat'] });
    expect((await services.inventory.search('wombat', 5)).map((i) => i.id)).toContain(item.id);
    const admin = await factories.newUser('admin');
    await services.inventory.updateItem(item.id, { ...fieldsOf(item), name: 'Quokka grommet' }, admin.id);
    expect((await services.inventory.search('quokka', 5)).map((i) => i.id)).toContain(item.id);
  });
});

describe('receiving in packs below HTTP', () => {
  const t = useServices();

  test('2 boxes of 100 book 200 ea: one movement, 200 on hand, the ledger verifies', async () => {
    const { services, factories } = t();
    const item = await factories.newItem({ unit: 'ea', packs: [{ unit: 'box', size: 100 }] });
    const bin = await factories.newBin();
    const clerk = await factories.newUser('technician');
    const result = await services.inventory.receive(
      {
        itemId: item.id,
        locationId: bin.id,
        qty: 2,
        pack: { unit: 'box', size: 100 },
        reason: 'delivery note 4471',
        idempotencyKey: 'packs-receive-1',
      },
      clerk.id,
    );
    expect(result.movementIds).toHaveLength(1);
    expect(result.stock).toMatchObject([{ locationId: bin.id, onHand: 200 }]);
    const movements = await services.inventory.movements(item.id, null, 10);
    expect(movements).toMatchObject([
      { kind: 'receive', qty: 200, code: bin.code, reason: '2 box of 100; delivery note 4471' },
    ]);
    expect(await services.inventory.stockLevel(item.id)).toMatchObject({ onHand: 200, available: 200 });
    expect(await services.inventory.verifyLedger()).toMatchObject({ ok: true });

    // The same submission again (a retry) is booked once.
    const replay = await services.inventory.receive(
      {
        itemId: item.id,
        locationId: bin.id,
        qty: 2,
        pack: { unit: 'box', size: 100 },
        reason: 'delivery note 4471',
        idempotencyKey: 'packs-receive-1',
      },
      clerk.id,
    );
    expect(replay.replayed).toBe(true);
    expect((await services.inventory.stockLevel(item.id)).onHand).toBe(200);
  });

  test('a pack the item does not come in, or too many packs, is refused and writes nothing', async () => {
    const { services, factories } = t();
    const item = await factories.newItem({ packs: [{ unit: 'box', size: 100 }] });
    const bare = await factories.newItem();
    const bin = await factories.newBin();
    const before = await dbFingerprint(services.db);
    const receive = (itemId: number, qty: number, pack: { unit: string; size: number }) =>
      services.inventory.receive(
        { itemId, locationId: bin.id, qty, pack, idempotencyKey: `packs-bad-${qty}` },
        1,
      );
    await expect(receive(item.id, 1, { unit: 'box', size: 50 })).rejects.toThrow(
      `${item.name} does not come in box of 50; its packs are box of 100`,
    );
    await expect(receive(bare.id, 1, { unit: 'box', size: 100 })).rejects.toThrow(
      `${bare.name} has no packs; receive it in ea`,
    );
    await expect(receive(item.id, 20_000, { unit: 'box', size: 100 })).rejects.toThrow(
      '20000 box of 100 is 2,000,000; one booking may be at most 1,000,000',
    );
    expect(await dbFingerprint(services.db)).toBe(before);
  });
});
