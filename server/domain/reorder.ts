/**
 * Reorder suggestions: when what is available plus what is already on order falls to the reorder
 * point, order enough to get back above it, in multiples of the reorder quantity.
 */
export type ReorderInput = {
  itemId: number;
  onHand: number;
  reserved: number;
  onOrder: number;
  reorderPoint: number;
  reorderQty: number;
};

export type ReorderSuggestion = { itemId: number; available: number; onOrder: number; suggestedQty: number };

export function suggestReorder(rows: readonly ReorderInput[]): ReorderSuggestion[] {
  const out: ReorderSuggestion[] = [];
  for (const r of rows) {
    const available = r.onHand - r.reserved;
    const position = available + r.onOrder;
    if (position > r.reorderPoint || r.reorderQty <= 0) continue;
    const lots = Math.max(1, Math.ceil((r.reorderPoint - position + 1) / r.reorderQty));
    out.push({ itemId: r.itemId, available, onOrder: r.onOrder, suggestedQty: lots * r.reorderQty });
  }
  return out;
}
