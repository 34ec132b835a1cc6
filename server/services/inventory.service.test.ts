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
