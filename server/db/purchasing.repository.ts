import type { PurchaseOrderStatus } from '../../common/purchase-order-status.ts';
import type { Executor } from './database.ts';
import { insertRows, num, numOrNull, str, strOrNull } from './sql.ts';

/** An open order with its lines. */
export type NewOrderLine = {
  itemId: number;
  /** In the item's base unit; a whole number of packs. */
  qtyOrdered: number;
  /** The item's cost in the house currency, for stock valuation. */
  unitCostCents: number;
  partNumber: string | null;
  pack: { unit: string; size: number };
  /** Per pack in the order's currency; null when no price is known yet. */
  packPrice: number | null;
};

export async function insertPurchaseOrder(
  ex: Executor,
  po: {
    supplierId: number;
    currency: string;
    createdBy: number;
    createdAt: number;
    expectedAt: number;
    lines: readonly NewOrderLine[];
  },
): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO purchase_orders (supplier_id, status, currency, created_by, created_at, expected_at)
          VALUES (?, 'open', ?, ?, ?, ?) RETURNING id`,
    args: [po.supplierId, po.currency, po.createdBy, po.createdAt, po.expectedAt],
  });
  const poId = num(rs.rows[0]?.id);
  await insertRows(
    ex,
    `INSERT INTO purchase_order_lines (po_id, item_id, qty_ordered, qty_received, unit_cost_cents, part_number,
       pack_unit, pack_size, pack_price)`,
    po.lines.map((l) => [
      poId,
      l.itemId,
      l.qtyOrdered,
      0,
      l.unitCostCents,
      l.partNumber,
      l.pack.unit,
      l.pack.size,
      l.packPrice,
    ]),
  );
  return poId;
}

/** A line's value in the order's currency: whole packs times the pack price (0 while unpriced). */
const LINE_TOTAL = '(l.qty_ordered / l.pack_size) * coalesce(l.pack_price, 0)';

export type PurchaseOrderSummary = {
  id: number;
  status: PurchaseOrderStatus;
  supplier: string;
  currency: string;
  createdAt: number;
  expectedAt: number | null;
  lines: number;
  totalCents: number;
};

/** Newest first. */
export async function listPurchaseOrders(
  ex: Executor,
  filter: { status: PurchaseOrderStatus | null; limit: number },
): Promise<PurchaseOrderSummary[]> {
  const rs = await ex.execute({
    sql: `SELECT p.id, p.status, p.currency, p.created_at, p.expected_at, s.name AS supplier,
                 count(l.id) AS lines, sum(${LINE_TOTAL}) AS total_cents
          FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id
          LEFT JOIN purchase_order_lines l ON l.po_id = p.id
          WHERE (? IS NULL OR p.status = ?) GROUP BY p.id ORDER BY p.id DESC LIMIT ?`,
    args: [filter.status, filter.status, filter.limit],
  });
  return rs.rows.map((r) => ({
    id: num(r.id),
    status: str(r.status) as PurchaseOrderStatus,
    supplier: str(r.supplier),
    currency: str(r.currency),
    createdAt: num(r.created_at),
    expectedAt: numOrNull(r.expected_at),
    lines: num(r.lines),
    totalCents: num(r.total_cents ?? 0),
  }));
}

export type PurchaseOrderHead = {
  id: number;
  status: PurchaseOrderStatus;
  currency: string;
  supplier: { id: number; name: string; archived: boolean };
  createdAt: number;
  expectedAt: number | null;
};

export async function purchaseOrderById(ex: Executor, id: number): Promise<PurchaseOrderHead | null> {
  const rs = await ex.execute({
    sql: `SELECT p.id, p.status, p.currency, p.created_at, p.expected_at, s.id AS supplier_id, s.name AS supplier,
                 s.archived AS supplier_archived
          FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id WHERE p.id = ?`,
    args: [id],
  });
  const r = rs.rows[0];
  return r
    ? {
        id: num(r.id),
        status: str(r.status) as PurchaseOrderStatus,
        currency: str(r.currency),
        supplier: { id: num(r.supplier_id), name: str(r.supplier), archived: num(r.supplier_archived) === 1 },
        createdAt: num(r.created_at),
        expectedAt: numOrNull(r.expected_at),
      }
    : null;
}

export type PurchaseOrderLineView = {
  id: number;
  itemId: number;
  sku: string;
  name: string;
  unit: string;
  tracking: string;
  qtyOrdered: number;
  qtyReceived: number;
  unitCostCents: number;
  partNumber: string | null;
  pack: { unit: string; size: number };
  packPrice: number | null;
};

export async function linesOfPurchaseOrder(ex: Executor, poId: number): Promise<PurchaseOrderLineView[]> {
  const rs = await ex.execute({
    sql: `SELECT l.id, l.item_id, i.sku, i.name, i.unit, i.tracking, l.qty_ordered, l.qty_received, l.unit_cost_cents,
                 l.part_number, coalesce(l.pack_unit, i.unit) AS pack_unit, l.pack_size, l.pack_price
          FROM purchase_order_lines l JOIN items i ON i.id = l.item_id WHERE l.po_id = ? ORDER BY l.id`,
    args: [poId],
  });
  return rs.rows.map((r) => ({
    id: num(r.id),
    itemId: num(r.item_id),
    sku: str(r.sku),
    name: str(r.name),
    unit: str(r.unit),
    tracking: str(r.tracking),
    qtyOrdered: num(r.qty_ordered),
    qtyReceived: num(r.qty_received),
    unitCostCents: num(r.unit_cost_cents),
    partNumber: strOrNull(r.part_number),
    pack: { unit: str(r.pack_unit), size: num(r.pack_size) },
    packPrice: numOrNull(r.pack_price),
  }));
}

export async function purchaseOrderStatus(ex: Executor, id: number): Promise<PurchaseOrderStatus | null> {
  const rs = await ex.execute({ sql: 'SELECT status FROM purchase_orders WHERE id = ?', args: [id] });
  const r = rs.rows[0];
  return r ? (str(r.status) as PurchaseOrderStatus) : null;
}

export async function setPurchaseOrderStatus(
  ex: Executor,
  id: number,
  status: PurchaseOrderStatus,
): Promise<void> {
  await ex.execute({ sql: 'UPDATE purchase_orders SET status = ? WHERE id = ?', args: [status, id] });
}

export type LineToReceive = {
  poId: number;
  itemId: number;
  qtyOrdered: number;
  qtyReceived: number;
  status: PurchaseOrderStatus;
  /** The pack the line was ordered in (the item's base unit and 1 when ordered loose). */
  pack: { unit: string; size: number };
};

/** A line with its order's status: what receiving on it decides from. */
export async function lineToReceive(ex: Executor, lineId: number): Promise<LineToReceive | null> {
  const rs = await ex.execute({
    sql: `SELECT l.po_id, l.item_id, l.qty_ordered, l.qty_received, p.status,
                 coalesce(l.pack_unit, i.unit) AS pack_unit, l.pack_size
          FROM purchase_order_lines l JOIN purchase_orders p ON p.id = l.po_id JOIN items i ON i.id = l.item_id
          WHERE l.id = ?`,
    args: [lineId],
  });
  const r = rs.rows[0];
  return r
    ? {
        poId: num(r.po_id),
        itemId: num(r.item_id),
        qtyOrdered: num(r.qty_ordered),
        qtyReceived: num(r.qty_received),
        status: str(r.status) as PurchaseOrderStatus,
        pack: { unit: str(r.pack_unit), size: num(r.pack_size) },
      }
    : null;
}

export async function addReceivedToLine(ex: Executor, lineId: number, qty: number): Promise<void> {
  await ex.execute({
    sql: 'UPDATE purchase_order_lines SET qty_received = qty_received + ? WHERE id = ?',
    args: [qty, lineId],
  });
}

/** Units still to be received over all of an order's lines. */
export async function outstandingOnOrder(ex: Executor, poId: number): Promise<number> {
  const rs = await ex.execute({
    sql: 'SELECT sum(qty_ordered - qty_received) AS left FROM purchase_order_lines WHERE po_id = ?',
    args: [poId],
  });
  return num(rs.rows[0]?.left);
}
