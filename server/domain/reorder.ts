import { packsFor } from '../../common/units.ts';

/**
 * Reorder suggestions: when what is available plus what is already on order falls to the reorder
 * point, order enough to get back above it, in multiples of the reorder quantity. When the supplier
 * sells in packs, that is rounded up to whole packs and to at least the supplier's minimum order.
 */
export type ReorderInput = {
  itemId: number;
  onHand: number;
  reserved: number;
  onOrder: number;
  reorderPoint: number;
  reorderQty: number;
  /** The preferred supplier's pack: base units per pack and the fewest packs it takes an order for. */
  pack?: { size: number; minPacks: number } | null;
};

export type ReorderSuggestion = { itemId: number; available: number; onOrder: number; suggestedQty: number };

export function suggestReorder(rows: readonly ReorderInput[]): ReorderSuggestion[] {
  const out: ReorderSuggestion[] = [];
  for (const r of rows) {
    const available = r.onHand - r.reserved;
    const position = available + r.onOrder;
    if (position > r.reorderPoint || r.reorderQty <= 0) continue;
    const lots = Math.max(1, Math.ceil((r.reorderPoint - position + 1) / r.reorderQty));
    const qty = lots * r.reorderQty;
    const suggestedQty = r.pack ? packsFor(qty, r.pack.size, r.pack.minPacks) * r.pack.size : qty;
    out.push({ itemId: r.itemId, available, onOrder: r.onOrder, suggestedQty });
  }
  return out;
}
