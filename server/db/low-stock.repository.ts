import type { LowStockInput } from '../domain/low-stock.ts';
import type { Executor } from './database.ts';
import { num, numOrNull, str, strOrNull } from './sql.ts';

/** Items whose available stock is at or below their reorder point, with what is already on order. */
export async function lowStockRows(ex: Executor): Promise<LowStockInput[]> {
  const rs = await ex.execute(`
    SELECT i.id, i.sku, i.name, i.unit, i.category, i.reorder_point, i.reorder_qty, i.unit_cost_cents,
           i.supplier_id, sup.name AS supplier_name,
           coalesce(s.on_hand, 0) AS on_hand, coalesce(s.reserved, 0) AS reserved, coalesce(o.open_qty, 0) AS on_order
    FROM items i
    LEFT JOIN (SELECT item_id, sum(on_hand) AS on_hand, sum(reserved) AS reserved FROM stock GROUP BY item_id) s
      ON s.item_id = i.id
    LEFT JOIN (SELECT l.item_id, sum(l.qty_ordered - l.qty_received) AS open_qty
               FROM purchase_order_lines l JOIN purchase_orders p ON p.id = l.po_id
               WHERE p.status IN ('open', 'partially_received') GROUP BY l.item_id) o ON o.item_id = i.id
    LEFT JOIN suppliers sup ON sup.id = i.supplier_id
    WHERE coalesce(s.on_hand, 0) - coalesce(s.reserved, 0) <= i.reorder_point`);
  return rs.rows.map((r) => ({
    itemId: num(r.id),
    sku: str(r.sku),
    name: str(r.name),
    unit: str(r.unit),
    category: str(r.category),
    onHand: num(r.on_hand),
    reserved: num(r.reserved),
    onOrder: num(r.on_order),
    reorderPoint: num(r.reorder_point),
    reorderQty: num(r.reorder_qty),
    unitCostCents: num(r.unit_cost_cents),
    supplierId: numOrNull(r.supplier_id),
    supplierName: strOrNull(r.supplier_name),
  }));
}
