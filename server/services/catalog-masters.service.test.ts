import { describe, expect, test } from 'vitest';
import type { LiveEvent } from '../../common/live-events.ts';
import { dbFingerprint } from '../../tests/support/db-state.ts';
import { useServices } from '../../tests/support/service-harness.ts';

describe('categories and units below HTTP', () => {
  const t = useServices();

  test('an item must name an active category and unit, and is saved spelled as they are', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    await services.masters.createCategory({ name: 'Bearings' }, planner.id);
    const base = {
      sku: 'BRG-6205',
      name: '6205 bearing',
      aliases: [],
      barcode: null,
      unitCostCents: 450,
      reorderPoint: 2,
      reorderQty: 10,
      tracking: 'none' as const,
      supplierId: null,
    };
    const before = await dbFingerprint(services.db);
    await expect(
      services.inventory.createItem({ ...base, category: 'Bearngs', unit: 'ea' }, planner.id),
    ).rejects.toThrow('There is no category "Bearngs"; add it under Setup → Categories first');
    await expect(
      services.inventory.createItem({ ...base, category: 'Bearings', unit: 'each' }, planner.id),
    ).rejects.toThrow('There is no active unit "each"; add or restore it under Setup → Units first');
    expect(await dbFingerprint(services.db)).toBe(before);
    const id = await services.inventory.createItem({ ...base, category: 'bearings', unit: 'EA' }, planner.id);
    expect(await services.inventory.item(id)).toMatchObject({ category: 'Bearings', unit: 'ea' });
  });

  test('renaming a category renames it on every item in the same transaction', async () => {
    const { services, factories } = t();
    const a = await factories.newItem({ category: 'Filters' });
    const b = await factories.newItem({ category: 'Filters' });
    const other = await factories.newItem({ category: 'Belts' });
    const filters = (await services.masters.categories()).find((c) => c.name === 'Filters');
    expect(filters?.items).toBe(2);
    const heard: LiveEvent[] = [];
    const stop = services.events.listen((e) => heard.push(e));
    const result = await services.masters.updateCategory(filters?.id ?? 0, { name: 'Air filters' }, 1);
    stop();
    expect(result).toEqual({ items: 2 });
    expect(heard).toEqual([{ type: 'category', categoryId: filters?.id }]);
    for (const item of [a, b]) expect((await services.inventory.item(item.id)).category).toBe('Air filters');
    expect((await services.inventory.item(other.id)).category).toBe('Belts');
    // Searching by the new name finds them: the index followed the rename.
    const hits = await services.inventory.search('air filters', 20);
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const [entry] = await services.audit.recent(1);
    expect(entry).toMatchObject({ action: 'category.update', entityId: String(filters?.id) });
    expect(JSON.parse(entry?.data ?? '{}')).toMatchObject({ from: 'Filters', name: 'Air filters', items: 2 });

    await expect(services.masters.updateCategory(filters?.id ?? 0, { name: 'belts' }, 1)).rejects.toThrow(
      'A category named Belts already exists',
    );
  });

  test('a category in use cannot be archived; once empty it can, and items can no longer choose it', async () => {
    const { services, factories } = t();
    const item = await factories.newItem({ category: 'Seals' });
    await factories.newItem({ category: 'Gaskets' });
    const seals = (await services.masters.categories()).find((c) => c.name === 'Seals');
    const before = await dbFingerprint(services.db);
    await expect(services.masters.archiveCategory(seals?.id ?? 0, 1)).rejects.toThrow(
      '1 item is filed under Seals; move it to another category before archiving it',
    );
    expect(await dbFingerprint(services.db)).toBe(before);

    const detail = await services.inventory.item(item.id);
    await services.inventory.updateItem(item.id, { ...detail, category: 'Gaskets' }, 1);
    await services.masters.archiveCategory(seals?.id ?? 0, 1);
    expect((await services.masters.categories()).find((c) => c.name === 'Seals')?.archived).toBe(true);
    await expect(services.inventory.updateItem(item.id, { ...detail, category: 'Seals' }, 1)).rejects.toThrow(
      'The category Seals is archived; choose an active one',
    );
    await expect(services.masters.createCategory({ name: 'seals' }, 1)).rejects.toThrow(
      'A category named Seals already exists (archived: restore it instead)',
    );
    await services.masters.restoreCategory(seals?.id ?? 0, 1);
    await services.inventory.updateItem(item.id, { ...detail, category: 'Seals' }, 1);
  });

  test('a new unit code follows into items, item packs and supplier packs', async () => {
    const { services, factories } = t();
    const unitId = await services.masters.createUnit({ code: 'ctn', name: 'carton' }, 1);
    const tin = await services.masters.createUnit({ code: 'tin', name: 'tin' }, 1);
    const loose = await factories.newItem({ unit: 'tin' });
    const packed = await factories.newItem({ unit: 'ea', packs: [{ unit: 'ctn', size: 12 }] });
    const supplier = await factories.newSupplier();
    await factories.newPrice(supplier.id, packed.id, { pack: { unit: 'ctn', size: 12 } });

    expect(await services.masters.updateUnit(unitId, { code: 'carton', name: 'carton of 12' }, 1)).toEqual({
      items: 0,
    });
    expect((await services.inventory.item(packed.id)).packs).toMatchObject([{ unit: 'carton', size: 12 }]);
    expect((await services.suppliers.get(supplier.id)).prices).toMatchObject([
      { pack: { unit: 'carton', size: 12 } },
    ]);
    expect(await services.masters.updateUnit(tin, { code: 'can', name: 'can' }, 1)).toEqual({ items: 1 });
    expect((await services.inventory.item(loose.id)).unit).toBe('can');
  });

  test('a unit items count or pack in cannot be archived, naming how many', async () => {
    const { services, factories } = t();
    const drum = await services.masters.createUnit({ code: 'drum', name: 'drum' }, 1);
    const item = await factories.newItem({ unit: 'l', packs: [{ unit: 'drum', size: 200 }] });
    await factories.newItem({ unit: 'drum' });
    await expect(services.masters.archiveUnit(drum, 1)).rejects.toThrow(
      '2 items count or pack in drum; change them before archiving the unit',
    );
    const detail = await services.inventory.item(item.id);
    await expect(
      services.inventory.updateItem(item.id, { ...detail, packs: [{ unit: 'l', size: 5 }] }, 1),
    ).rejects.toThrow('A pack cannot be in l, the unit the item is counted in; use a unit such as box');
  });
});
