import { conflict, invalid, notFound } from '../../common/errors.ts';
import type { PurchaseOrderStatus } from '../../common/purchase-order-status.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import { usualBins } from '../db/receiving.repository.ts';
import { insertRows, num, str } from '../db/sql.ts';
import type { Writer } from '../db/writer.ts';
import type { Clock } from './clock.ts';
import type { InventoryService } from './inventory.service.ts';
import { type LedgerResult, postStockOperations } from './stock-ledger.service.ts';

/** Suppliers and purchase orders: reorder suggestions become orders; receiving a line posts a receipt. */
export class PurchasingService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #inventory: InventoryService;

  constructor(deps: {
    db: Database;
    writer: Writer;
    clock: Clock;
    inventory: InventoryService;
  }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#inventory = deps.inventory;
  }

  async suppliers() {
    const rs = await this.#db.reader.execute(
      'SELECT id, name, email, lead_time_days FROM suppliers ORDER BY name',
    );
    return rs.rows.map((r) => ({
      id: num(r.id),
      name: str(r.name),
      email: str(r.email),
      leadTimeDays: num(r.lead_time_days),
    }));
  }

  /** One order per supplier for the chosen low-stock items (all of them when none are chosen). */
  async createFromSuggestions(itemIds: readonly number[] | undefined, actorId: number): Promise<number[]> {
    const low = await this.#inventory.lowStock();
    const chosen = low.filter(
      (l) => l.suggestedQty > 0 && (itemIds === undefined || itemIds.includes(l.itemId)),
    );
    if (chosen.length === 0) throw invalid('None of the chosen items needs reordering');
    const missing = chosen.filter((c) => c.supplierId === null);
    if (missing.length > 0) {
      throw invalid(`No supplier is set for ${missing.map((m) => m.name).join(', ')}`);
    }
    const bySupplier = new Map<number, typeof chosen>();
    for (const c of chosen)
      bySupplier.set(c.supplierId ?? 0, [...(bySupplier.get(c.supplierId ?? 0) ?? []), c]);
    const now = this.#clock.now();
    const ids = await this.#writer.run(async (tx) => {
      const created: number[] = [];
      for (const [supplierId, lines] of bySupplier) {
        const lead = await tx.execute({
          sql: 'SELECT lead_time_days FROM suppliers WHERE id = ?',
          args: [supplierId],
        });
        const expectedAt = now + num(lead.rows[0]?.lead_time_days ?? 7) * 86_400_000;
        const rs = await tx.execute({
          sql: `INSERT INTO purchase_orders (supplier_id, status, created_by, created_at, expected_at)
                VALUES (?, 'open', ?, ?, ?) RETURNING id`,
          args: [supplierId, actorId, now, expectedAt],
        });
        const poId = num(rs.rows[0]?.id);
        await insertRows(
          tx,
          'INSERT INTO purchase_order_lines (po_id, item_id, qty_ordered, qty_received, unit_cost_cents)',
          lines.map((l) => [poId, l.itemId, l.suggestedQty, 0, l.unitCostCents]),
        );
        await appendAudit(tx, [
          {
            actorId,
            action: 'purchase_order.create',
            entity: 'purchase_order',
            entityId: String(poId),
            data: JSON.stringify({ supplierId, lines: lines.map((l) => [l.itemId, l.suggestedQty]) }),
            createdAt: now,
          },
        ]);
        tx.emit({ type: 'purchase_order', purchaseOrderId: poId, status: 'open' });
        created.push(poId);
      }
      return created;
    });
    return ids;
  }

  async list(status: PurchaseOrderStatus | undefined, limit: number) {
    const rs = await this.#db.reader.execute({
      sql: `SELECT p.id, p.status, p.created_at, p.expected_at, s.name AS supplier,
                   count(l.id) AS lines, sum(l.qty_ordered * l.unit_cost_cents) AS total_cents
            FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id
            LEFT JOIN purchase_order_lines l ON l.po_id = p.id
            WHERE (? IS NULL OR p.status = ?) GROUP BY p.id ORDER BY p.id DESC LIMIT ?`,
      args: [status ?? null, status ?? null, limit],
    });
    return rs.rows.map((r) => ({
      id: num(r.id),
      status: str(r.status) as PurchaseOrderStatus,
      supplier: str(r.supplier),
      createdAt: num(r.created_at),
      expectedAt: r.expected_at === null ? null : num(r.expected_at),
      lines: num(r.lines),
      totalCents: num(r.total_cents ?? 0),
    }));
  }

  async get(id: number) {
    const head = await this.#db.reader.execute({
      sql: `SELECT p.id, p.status, p.created_at, p.expected_at, s.id AS supplier_id, s.name AS supplier
            FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id WHERE p.id = ?`,
      args: [id],
    });
    const h = head.rows[0];
    if (!h) throw notFound(`Purchase order ${id} does not exist`);
    const lines = await this.#db.reader.execute({
      sql: `SELECT l.id, l.item_id, i.sku, i.name, i.unit, i.tracking, l.qty_ordered, l.qty_received, l.unit_cost_cents
            FROM purchase_order_lines l JOIN items i ON i.id = l.item_id WHERE l.po_id = ? ORDER BY l.id`,
      args: [id],
    });
    const usual = await usualBins(
      this.#db.reader,
      lines.rows.map((r) => num(r.item_id)),
    );
    return {
      id: num(h.id),
      status: str(h.status) as PurchaseOrderStatus,
      supplier: { id: num(h.supplier_id), name: str(h.supplier) },
      createdAt: num(h.created_at),
      expectedAt: h.expected_at === null ? null : num(h.expected_at),
      lines: lines.rows.map((r) => ({
        id: num(r.id),
        usualBin: usual.get(num(r.item_id)) ?? null,
        itemId: num(r.item_id),
        sku: str(r.sku),
        name: str(r.name),
        unit: str(r.unit),
        tracking: str(r.tracking),
        qtyOrdered: num(r.qty_ordered),
        qtyReceived: num(r.qty_received),
        unitCostCents: num(r.unit_cost_cents),
      })),
    };
  }

  /** Cancels an order nothing has been received on yet; a partly received order is closed by receiving or adjusting. */
  async cancel(id: number, reason: string, actorId: number): Promise<void> {
    await this.#writer.run(async (tx) => {
      const rs = await tx.execute({ sql: 'SELECT status FROM purchase_orders WHERE id = ?', args: [id] });
      const status = rs.rows[0] ? str(rs.rows[0].status) : null;
      if (status === null) throw notFound(`Purchase order ${id} does not exist`);
      if (status !== 'open') {
        throw conflict(
          `Purchase order ${id} is ${status.replace('_', ' ')}; only an open order can be cancelled`,
        );
      }
      await tx.execute({ sql: "UPDATE purchase_orders SET status = 'cancelled' WHERE id = ?", args: [id] });
      await appendAudit(tx, [
        {
          actorId,
          action: 'purchase_order.cancel',
          entity: 'purchase_order',
          entityId: String(id),
          data: JSON.stringify({ reason }),
          createdAt: this.#clock.now(),
        },
      ]);
      tx.emit({ type: 'purchase_order', purchaseOrderId: id, status: 'cancelled' });
    });
  }

  /** Receives part or all of one line into a bin: the receipt and the order's progress in one transaction. */
  async receiveLine(
    input: {
      lineId: number;
      qty: number;
      locationId: number;
      lot?: string | undefined;
      idempotencyKey: string;
    },
    actorId: number,
  ): Promise<{ purchaseOrderId: number; status: PurchaseOrderStatus; receipt: LedgerResult }> {
    const now = this.#clock.now();
    return this.#writer.run(async (tx) => {
      const rs = await tx.execute({
        sql: `SELECT l.po_id, l.item_id, l.qty_ordered, l.qty_received, p.status
              FROM purchase_order_lines l JOIN purchase_orders p ON p.id = l.po_id WHERE l.id = ?`,
        args: [input.lineId],
      });
      const line = rs.rows[0];
      if (!line) throw notFound(`Purchase order line ${input.lineId} does not exist`);
      const poId = num(line.po_id);
      const [outcome] = await postStockOperations(
        tx,
        [
          {
            op: {
              kind: 'receive',
              itemId: num(line.item_id),
              locationId: input.locationId,
              qty: input.qty,
              lot: input.lot,
              refType: 'purchase_order',
              refId: poId,
            },
            actorId,
            idempotencyKey: input.idempotencyKey,
          },
        ],
        now,
      );
      if (!outcome) throw new Error('ledger returned no outcome');
      if (!outcome.ok) throw outcome.error;
      if (outcome.value.replayed) {
        return {
          purchaseOrderId: poId,
          status: str(line.status) as PurchaseOrderStatus,
          receipt: outcome.value,
        };
      }
      const status = str(line.status);
      if (status === 'received' || status === 'cancelled') {
        throw conflict(`Purchase order ${poId} is ${status}; nothing more can be received on it`);
      }
      const outstanding = num(line.qty_ordered) - num(line.qty_received);
      if (input.qty > outstanding) {
        throw conflict(`Only ${outstanding} remain to be received on this line; ${input.qty} is too many`);
      }
      await tx.execute({
        sql: 'UPDATE purchase_order_lines SET qty_received = qty_received + ? WHERE id = ?',
        args: [input.qty, input.lineId],
      });
      const left = await tx.execute({
        sql: 'SELECT sum(qty_ordered - qty_received) AS left FROM purchase_order_lines WHERE po_id = ?',
        args: [poId],
      });
      const next: PurchaseOrderStatus = num(left.rows[0]?.left) === 0 ? 'received' : 'partially_received';
      await tx.execute({ sql: 'UPDATE purchase_orders SET status = ? WHERE id = ?', args: [next, poId] });
      await appendAudit(tx, [
        {
          actorId,
          action: 'purchase_order.receive',
          entity: 'purchase_order',
          entityId: String(poId),
          data: JSON.stringify({ lineId: input.lineId, qty: input.qty, status: next }),
          createdAt: now,
        },
      ]);
      tx.emit({ type: 'purchase_order', purchaseOrderId: poId, status: next });
      return { purchaseOrderId: poId, status: next, receipt: outcome.value };
    });
  }
}
