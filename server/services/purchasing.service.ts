import { conflict, invalid, notFound } from '../../common/errors.ts';
import { currencyDigits } from '../../common/money.ts';
import type { PurchaseOrderStatus } from '../../common/purchase-order-status.ts';
import { describePacks, type Pack, samePack, toBaseQuantity } from '../../common/units.ts';
import { appendAudit } from '../db/audit.repository.ts';
import { packsOfItem } from '../db/catalog-masters.repository.ts';
import type { Database } from '../db/database.ts';
import {
  addReceivedToLine,
  insertPurchaseOrder,
  linesOfPurchaseOrder,
  lineToReceive,
  listPurchaseOrders,
  type NewOrderLine,
  outstandingOnOrder,
  purchaseOrderById,
  purchaseOrderStatus,
  setPurchaseOrderStatus,
} from '../db/purchasing.repository.ts';
import { usualBins } from '../db/receiving.repository.ts';
import { readSite } from '../db/site.repository.ts';
import { listSuppliers, supplierById } from '../db/suppliers.repository.ts';
import type { Writer } from '../db/writer.ts';
import type { Clock } from './clock.ts';
import type { InventoryService } from './inventory.service.ts';
import { type LedgerResult, postStockOperations } from './stock-ledger.service.ts';

/**
 * Purchase orders: reorder suggestions become orders to each item's preferred supplier, in its packs
 * and at its prices; receiving a line posts a receipt. Suppliers themselves are SupplierService's.
 */
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

  /**
   * One order per preferred supplier for the chosen low-stock items (all of them when none are
   * chosen). Each line is a whole number of the supplier's packs and records its part number and
   * pack price; an item the supplier does not price is ordered loose at the item's cost when the
   * supplier bills in the house currency, else with its price left to agree.
   */
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
    const archived = chosen.filter((c) => c.supplierArchived);
    if (archived.length > 0) {
      throw invalid(
        `${[...new Set(archived.map((a) => a.supplierName))].join(', ')} is archived and takes no new orders: choose another preferred supplier for ${archived.map((a) => a.name).join(', ')}`,
      );
    }
    const bySupplier = new Map<number, typeof chosen>();
    for (const c of chosen)
      bySupplier.set(c.supplierId ?? 0, [...(bySupplier.get(c.supplierId ?? 0) ?? []), c]);
    const now = this.#clock.now();
    const ids = await this.#writer.run(async (tx) => {
      const created: number[] = [];
      for (const [supplierId, lines] of bySupplier) {
        const supplier = await supplierById(tx, supplierId);
        if (!supplier) throw notFound(`Supplier ${supplierId} does not exist`);
        // Archived since the suggestions were read: still no new orders.
        if (supplier.archived) throw conflict(`${supplier.name} is archived and takes no new orders`);
        // An item's own cost is in the site's currency (hundredths); it stands in for a missing
        // price only when the supplier bills in that currency too.
        const siteCurrency = (await readSite(tx)).currency;
        const fromCost = (cents: number) =>
          supplier.currency === siteCurrency
            ? Math.round((cents * 10 ** currencyDigits(siteCurrency)) / 100)
            : null;
        const orderLines: NewOrderLine[] = lines.map((l) => ({
          itemId: l.itemId,
          qtyOrdered: l.suggestedQty,
          unitCostCents: l.unitCostCents,
          partNumber: l.price?.partNumber ?? null,
          pack: l.price?.pack ?? { unit: l.unit, size: 1 },
          packPrice: l.price?.priceMinor ?? fromCost(l.unitCostCents),
        }));
        // The order comes when its slowest line does.
        const leadTimeDays = Math.max(...lines.map((l) => l.price?.leadTimeDays ?? supplier.leadTimeDays));
        const poId = await insertPurchaseOrder(tx, {
          supplierId,
          currency: supplier.currency,
          createdBy: actorId,
          createdAt: now,
          expectedAt: now + leadTimeDays * 86_400_000,
          lines: orderLines,
        });
        await appendAudit(tx, [
          {
            actorId,
            action: 'purchase_order.create',
            entity: 'purchase_order',
            entityId: String(poId),
            data: JSON.stringify({
              supplierId,
              currency: supplier.currency,
              lines: orderLines.map((l) => [l.itemId, l.qtyOrdered, l.partNumber, l.pack, l.packPrice]),
            }),
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
    const lines = await linesOfPurchaseOrder(this.#db.reader, id);
    // Receiving starts at the bin each part usually goes to.
    const usual = await usualBins(
      this.#db.reader,
      lines.map((l) => l.itemId),
    );
    return { ...head, lines: lines.map((l) => ({ ...l, usualBin: usual.get(l.itemId) ?? null })) };
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

  /**
   * Receives part or all of one line into a location: the receipt and the order's progress in one
   * transaction. With a pack (the line's own, or one of the item's), `qty` counts packs and the
   * ledger books base units, its reason saying what was counted ("2 box of 100").
   */
  async receiveLine(
    input: {
      lineId: number;
      qty: number;
      pack?: Pack | undefined;
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
      let qty = input.qty;
      let reason: string | undefined;
      if (input.pack !== undefined) {
        const wanted = input.pack;
        const packs = [line.pack, ...(await packsOfItem(tx, line.itemId))].filter((p) => p.size > 1);
        const pack = packs.find((p) => samePack(p, wanted));
        if (pack === undefined)
          throw invalid(
            `This line is not delivered in ${wanted.unit} of ${wanted.size}${packs.length > 0 ? `; use ${packs.map((p) => `${p.unit} of ${p.size}`).join(' or ')}` : ''}`,
          );
        qty = toBaseQuantity(input.qty, pack);
        reason = describePacks(input.qty, pack);
      }
      const [outcome] = await postStockOperations(
        tx,
        [
          {
            op: {
              kind: 'receive',
              itemId: line.itemId,
              locationId: input.locationId,
              qty,
              lot: input.lot,
              reason,
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
      if (qty > outstanding) {
        throw conflict(`Only ${outstanding} remain to be received on this line; ${qty} is too many`);
      }
      await addReceivedToLine(tx, input.lineId, qty);
      const next: PurchaseOrderStatus =
        (await outstandingOnOrder(tx, poId)) === 0 ? 'received' : 'partially_received';
      await setPurchaseOrderStatus(tx, poId, next);
      await appendAudit(tx, [
        {
          actorId,
          action: 'purchase_order.receive',
          entity: 'purchase_order',
          entityId: String(poId),
          data: JSON.stringify({
            lineId: input.lineId,
            qty,
            ...(reason ? { counted: reason } : {}),
            status: next,
          }),
          createdAt: now,
        },
      ]);
      tx.emit({ type: 'purchase_order', purchaseOrderId: poId, status: next });
      return { purchaseOrderId: poId, status: next, receipt: outcome.value };
    });
  }
}
