import type { PurchaseOrderStatus } from '../../common/purchase-order-status.ts';
import type { Executor } from './database.ts';
import { insertRows, num, numOrNull, str } from './sql.ts';

export type Supplier = { id: number; name: string; email: string; leadTimeDays: number };

export async function listSuppliers(ex: Executor): Promise<Supplier[]> {
  const rs = await ex.execute('SELECT id, name, email, lead_time_days FROM suppliers ORDER BY name');
  return rs.rows.map((r) => ({
    id: num(r.id),
    name: str(r.name),
    email: str(r.email),
    leadTimeDays: num(r.lead_time_days),
  }));
}

export async function supplierById(ex: Executor, id: number): Promise<Supplier | null> {
  const rs = await ex.execute({
    sql: 'SELECT id, name, email, lead_time_days FROM suppliers WHERE id = ?',
    args: [id],
  });
  const r = rs.rows[0];
  return r
    ? { id: num(r.id), name: str(r.name), email: str(r.email), leadTimeDays: num(r.lead_time_days) }
    : null;
}

export async function insertSuppliers(
  ex: Executor,
  suppliers: readonly Omit<Supplier, 'id'>[],
): Promise<void> {
  await insertRows(
    ex,
    'INSERT INTO suppliers (name, email, lead_time_days)',
    suppliers.map((s) => [s.name, s.email, s.leadTimeDays]),
  );
}

/** Every supplier id, oldest first (the seed addresses suppliers by position). */
export async function supplierIdsInOrder(ex: Executor): Promise<number[]> {
  const rs = await ex.execute('SELECT id FROM suppliers ORDER BY id');
  return rs.rows.map((r) => num(r.id));
}

/** An open order with its lines. */
export async function insertPurchaseOrder(
  ex: Executor,
  po: {
    supplierId: number;
    createdBy: number;
    createdAt: number;
    expectedAt: number;
    lines: readonly { itemId: number; qtyOrdered: number; unitCostCents: number }[];
  },
): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO purchase_orders (supplier_id, status, created_by, created_at, expected_at)
          VALUES (?, 'open', ?, ?, ?) RETURNING id`,
    args: [po.supplierId, po.createdBy, po.createdAt, po.expectedAt],
  });
  const poId = num(rs.rows[0]?.id);
  await insertRows(
    ex,
    'INSERT INTO purchase_order_lines (po_id, item_id, qty_ordered, qty_received, unit_cost_cents)',
    po.lines.map((l) => [poId, l.itemId, l.qtyOrdered, 0, l.unitCostCents]),
  );
  return poId;
}

export type PurchaseOrderSummary = {
  id: number;
  status: PurchaseOrderStatus;
  supplier: string;
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
    sql: `SELECT p.id, p.status, p.created_at, p.expected_at, s.name AS supplier,
                 count(l.id) AS lines, sum(l.qty_ordered * l.unit_cost_cents) AS total_cents
          FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id
          LEFT JOIN purchase_order_lines l ON l.po_id = p.id
          WHERE (? IS NULL OR p.status = ?) GROUP BY p.id ORDER BY p.id DESC LIMIT ?`,
    args: [filter.status, filter.status, filter.limit],
  });
  return rs.rows.map((r) => ({
    id: num(r.id),
    status: str(r.status) as PurchaseOrderStatus,
    supplier: str(r.supplier),
    createdAt: num(r.created_at),
    expectedAt: numOrNull(r.expected_at),
    lines: num(r.lines),
    totalCents: num(r.total_cents ?? 0),
  }));
}

export type PurchaseOrderHead = {
  id: number;
  status: PurchaseOrderStatus;
  supplier: { id: number; name: string };
  createdAt: number;
  expectedAt: number | null;
};

export async function purchaseOrderById(ex: Executor, id: number): Promise<PurchaseOrderHead | null> {
  const rs = await ex.execute({
    sql: `SELECT p.id, p.status, p.created_at, p.expected_at, s.id AS supplier_id, s.name AS supplier
          FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id WHERE p.id = ?`,
    args: [id],
  });
  const r = rs.rows[0];
  return r
    ? {
        id: num(r.id),
        status: str(r.status) as PurchaseOrderStatus,
        supplier: { id: num(r.supplier_id), name: str(r.supplier) },
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
};

export async function linesOfPurchaseOrder(ex: Executor, poId: number): Promise<PurchaseOrderLineView[]> {
  const rs = await ex.execute({
    sql: `SELECT l.id, l.item_id, i.sku, i.name, i.unit, i.tracking, l.qty_ordered, l.qty_received, l.unit_cost_cents
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
};

/** A line with its order's status: what receiving on it decides from. */
export async function lineToReceive(ex: Executor, lineId: number): Promise<LineToReceive | null> {
  const rs = await ex.execute({
    sql: `SELECT l.po_id, l.item_id, l.qty_ordered, l.qty_received, p.status
          FROM purchase_order_lines l JOIN purchase_orders p ON p.id = l.po_id WHERE l.id = ?`,
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
