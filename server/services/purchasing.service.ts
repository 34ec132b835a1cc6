import { conflict, invalid, notFound } from '../../common/errors.ts';
import type { PurchaseOrderStatus } from '../../common/purchase-order-status.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import {
  addReceivedToLine,
  insertPurchaseOrder,
  linesOfPurchaseOrder,
  lineToReceive,
  listPurchaseOrders,
  listSuppliers,
  outstandingOnOrder,
  purchaseOrderById,
  purchaseOrderStatus,
  setPurchaseOrderStatus,
  supplierById,
} from '../db/purchasing.repository.ts';
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

  suppliers() {
    return listSuppliers(this.#db.reader);
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
        const leadTimeDays = (await supplierById(tx, supplierId))?.leadTimeDays ?? 7;
        const poId = await insertPurchaseOrder(tx, {
          supplierId,
          createdBy: actorId,
          createdAt: now,
          expectedAt: now + leadTimeDays * 86_400_000,
          lines: lines.map((l) => ({
            itemId: l.itemId,
            qtyOrdered: l.suggestedQty,
            unitCostCents: l.unitCostCents,
          })),
        });
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

  list(status: PurchaseOrderStatus | undefined, limit: number) {
    return listPurchaseOrders(this.#db.reader, { status: status ?? null, limit });
  }

  async get(id: number) {
    const head = await purchaseOrderById(this.#db.reader, id);
    if (!head) throw notFound(`Purchase order ${id} does not exist`);
    return { ...head, lines: await linesOfPurchaseOrder(this.#db.reader, id) };
  }

  /** Cancels an order nothing has been received on yet; a partly received order is closed by receiving or adjusting. */
  async cancel(id: number, reason: string, actorId: number): Promise<void> {
    await this.#writer.run(async (tx) => {
      const status = await purchaseOrderStatus(tx, id);
      if (status === null) throw notFound(`Purchase order ${id} does not exist`);
      if (status !== 'open') {
        throw conflict(
          `Purchase order ${id} is ${status.replace('_', ' ')}; only an open order can be cancelled`,
        );
      }
      await setPurchaseOrderStatus(tx, id, 'cancelled');
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
      const line = await lineToReceive(tx, input.lineId);
      if (!line) throw notFound(`Purchase order line ${input.lineId} does not exist`);
      const poId = line.poId;
      const [outcome] = await postStockOperations(
        tx,
        [
          {
            op: {
              kind: 'receive',
              itemId: line.itemId,
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
        return { purchaseOrderId: poId, status: line.status, receipt: outcome.value };
      }
      const status = line.status;
      if (status === 'received' || status === 'cancelled') {
        throw conflict(`Purchase order ${poId} is ${status}; nothing more can be received on it`);
      }
      const outstanding = line.qtyOrdered - line.qtyReceived;
      if (input.qty > outstanding) {
        throw conflict(`Only ${outstanding} remain to be received on this line; ${input.qty} is too many`);
      }
      await addReceivedToLine(tx, input.lineId, input.qty);
      const next: PurchaseOrderStatus =
        (await outstandingOnOrder(tx, poId)) === 0 ? 'received' : 'partially_received';
      await setPurchaseOrderStatus(tx, poId, next);
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
