import { exhaustive } from '../../common/errors.ts';
import type { LowStockSort } from '../../common/low-stock.ts';
import { suggestReorder } from './reorder.ts';

/** One item at or below its reorder point, as the catalogue repository reads it. */
export type LowStockInput = {
  itemId: number;
  sku: string;
  name: string;
  unit: string;
  category: string;
  onHand: number;
  reserved: number;
  /** Still expected on open and partly received purchase orders. */
  onOrder: number;
  reorderPoint: number;
  reorderQty: number;
  unitCostCents: number;
  supplierId: number | null;
  supplierName: string | null;
  supplierArchived: boolean;
  supplierCurrency: string | null;
  supplierLeadTimeDays: number | null;
  /** The preferred supplier's price for the item, when it has one. */
  price: {
    partNumber: string;
    priceMinor: number;
    pack: { unit: string; size: number };
    minOrderPacks: number;
    leadTimeDays: number | null;
  } | null;
};

export type LowStockLine = Omit<LowStockInput, 'reserved' | 'reorderQty'> & {
  available: number;
  /** 0 when what is on order already covers it; whole packs when the preferred supplier prices it. */
  suggestedQty: number;
  /** The suggestion in the preferred supplier's packs, when it prices the item. */
  suggestedPacks: number | null;
};

export type LowStockQuery = {
  /** Only items nothing on order covers yet (the ones still to order). */
  uncoveredOnly: boolean;
  /** A supplier's items, or 'none' for items without a supplier. */
  supplierId?: number | 'none' | undefined;
  category?: string | undefined;
  sort: LowStockSort;
  offset: number;
  limit: number;
};

export type LowStockPage = {
  /** Lines matching the filters, before paging. */
  total: number;
  lines: LowStockLine[];
  /** What the filters can choose from, over every low item (not just this page). */
  suppliers: { id: number | null; name: string | null; count: number }[];
  categories: { name: string; count: number }[];
};

/**
 * Each low item with its reorder suggestion (in the preferred supplier's packs, at least its
 * minimum order, when it prices the item), most urgent (furthest below its reorder point) first.
 */
export function lowStockLines(rows: readonly LowStockInput[]): LowStockLine[] {
  const suggested = new Map(
    suggestReorder(
      rows.map((r) => ({
        ...r,
        pack: r.price ? { size: r.price.pack.size, minPacks: r.price.minOrderPacks } : null,
      })),
    ).map((s) => [s.itemId, s.suggestedQty]),
  );
  return rows
    .map(({ reserved, reorderQty, ...r }) => {
      const suggestedQty = suggested.get(r.itemId) ?? 0;
      return {
        ...r,
        available: r.onHand - reserved,
        suggestedQty,
        suggestedPacks: r.price ? suggestedQty / r.price.pack.size : null,
      };
    })
    .sort(byUrgency);
}

const byUrgency = (a: LowStockLine, b: LowStockLine) =>
  a.available - a.reorderPoint - (b.available - b.reorderPoint) || a.name.localeCompare(b.name);

function comparator(sort: LowStockSort): (a: LowStockLine, b: LowStockLine) => number {
  switch (sort) {
    case 'urgency':
      return byUrgency;
    case 'name':
      return (a, b) => a.name.localeCompare(b.name) || a.itemId - b.itemId;
    case 'supplier':
      // Items without a supplier last: they cannot be ordered until someone sets one.
      return (a, b) =>
        (a.supplierName ?? '\uffff').localeCompare(b.supplierName ?? '\uffff') || byUrgency(a, b);
    case 'value':
      // At the item's own cost: the one currency every line shares, whatever its supplier bills in.
      return (a, b) => b.suggestedQty * b.unitCostCents - a.suggestedQty * a.unitCostCents || byUrgency(a, b);
    default:
      return exhaustive(sort);
  }
}

/** Filters, sorts and pages the low-stock lines; the facets count every low item. */
export function queryLowStock(lines: readonly LowStockLine[], q: LowStockQuery): LowStockPage {
  const matching = lines.filter(
    (l) =>
      (!q.uncoveredOnly || l.suggestedQty > 0) &&
      (q.supplierId === undefined || l.supplierId === (q.supplierId === 'none' ? null : q.supplierId)) &&
      (q.category === undefined || l.category === q.category),
  );
  const suppliers = new Map<number | null, { id: number | null; name: string | null; count: number }>();
  const categories = new Map<string, number>();
  for (const l of lines) {
    const s = suppliers.get(l.supplierId);
    if (s) s.count += 1;
    else suppliers.set(l.supplierId, { id: l.supplierId, name: l.supplierName, count: 1 });
    categories.set(l.category, (categories.get(l.category) ?? 0) + 1);
  }
  return {
    total: matching.length,
    lines: [...matching].sort(comparator(q.sort)).slice(q.offset, q.offset + q.limit),
    suppliers: [...suppliers.values()].sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff')),
    categories: [...categories]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
