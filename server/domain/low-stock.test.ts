import { describe, expect, test } from 'vitest';
import { type LowStockInput, type LowStockQuery, lowStockLines, queryLowStock } from './low-stock.ts';

const row = (itemId: number, over: Partial<LowStockInput> = {}): LowStockInput => ({
  itemId,
  sku: `SKU-${itemId}`,
  name: `Item ${itemId}`,
  unit: 'ea',
  category: 'Fasteners',
  onHand: 5,
  reserved: 0,
  onOrder: 0,
  reorderPoint: 10,
  reorderQty: 20,
  unitCostCents: 100,
  supplierId: 1,
  supplierName: 'Boltline',
  supplierArchived: false,
  supplierCurrency: 'EUR',
  supplierLeadTimeDays: 5,
  price: null,
  ...over,
});

const ROWS = [
  row(1, { name: 'Zinc bolt', onHand: 9 }),
  // Covered: what is on order lifts it above its reorder point.
  row(2, { name: 'Anchor', onHand: 0, onOrder: 50 }),
  row(3, { name: 'Bearing', onHand: 2, category: 'Bearings', supplierId: 2, supplierName: 'Acme Bearings' }),
  row(4, {
    name: 'Glove',
    onHand: 1,
    category: 'PPE',
    supplierId: null,
    supplierName: null,
    unitCostCents: 900,
  }),
];

const query = (over: Partial<LowStockQuery> = {}): LowStockQuery => ({
  uncoveredOnly: false,
  sort: 'urgency',
  offset: 0,
  limit: 50,
  ...over,
});

const ids = (q: Partial<LowStockQuery>) =>
  queryLowStock(lowStockLines(ROWS), query(q)).lines.map((l) => l.itemId);

describe('low-stock lines', () => {
  test('each carries its suggestion; a covered item suggests nothing', () => {
    const lines = lowStockLines(ROWS);
    expect(lines.find((l) => l.itemId === 2)).toMatchObject({ available: 0, onOrder: 50, suggestedQty: 0 });
    expect(lines.find((l) => l.itemId === 1)).toMatchObject({
      available: 9,
      suggestedQty: 20,
      suggestedPacks: null,
    });
  });

  test('a priced item is suggested in whole packs of its preferred supplier, at least its minimum order', () => {
    const price = {
      partNumber: 'BL-1',
      priceMinor: 900,
      pack: { unit: 'box', size: 100 },
      minOrderPacks: 2,
      leadTimeDays: null,
    };
    const [line] = lowStockLines([row(1, { onHand: 9, price })]);
    expect(line).toMatchObject({ suggestedQty: 200, suggestedPacks: 2, price });
  });

  test('most urgent first by default: furthest below the reorder point', () => {
    expect(ids({})).toEqual([2, 4, 3, 1]);
  });
});

describe('queryLowStock', () => {
  test('uncovered only leaves out what is already on order', () => {
    expect(ids({ uncoveredOnly: true })).toEqual([4, 3, 1]);
  });

  test('filters by supplier, by "no supplier" and by category', () => {
    expect(ids({ supplierId: 2 })).toEqual([3]);
    expect(ids({ supplierId: 'none' })).toEqual([4]);
    expect(ids({ category: 'Fasteners' })).toEqual([2, 1]);
    expect(ids({ category: 'Fasteners', uncoveredOnly: true })).toEqual([1]);
  });

  test('sorts by name, by supplier (none last) and by order value', () => {
    expect(ids({ sort: 'name' })).toEqual([2, 3, 4, 1]);
    expect(ids({ sort: 'supplier' })).toEqual([3, 2, 1, 4]);
    expect(ids({ sort: 'value' })[0]).toBe(4);
  });

  test('pages, with the total of everything that matches', () => {
    const page = queryLowStock(lowStockLines(ROWS), query({ offset: 1, limit: 2 }));
    expect(page.total).toBe(4);
    expect(page.lines.map((l) => l.itemId)).toEqual([4, 3]);
    expect(queryLowStock(lowStockLines(ROWS), query({ offset: 4 })).lines).toEqual([]);
  });

  test('the facets count every low item, whatever the filters', () => {
    const page = queryLowStock(lowStockLines(ROWS), query({ category: 'PPE' }));
    expect(page.total).toBe(1);
    expect(page.suppliers).toEqual([
      { id: 2, name: 'Acme Bearings', count: 1 },
      { id: 1, name: 'Boltline', count: 2 },
      { id: null, name: null, count: 1 },
    ]);
    expect(page.categories).toEqual([
      { name: 'Bearings', count: 1 },
      { name: 'Fasteners', count: 2 },
      { name: 'PPE', count: 1 },
    ]);
  });
});
