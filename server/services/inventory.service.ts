import { conflict, invalid, notFound } from '../../common/errors.ts';
import type { PackInput } from '../../common/masters/catalog.ts';
import { describePacks, type Pack, samePack, toBaseQuantity } from '../../common/units.ts';
import { appendAudit } from '../db/audit.repository.ts';
import {
  allItems,
  findItemConflicts,
  type Item,
  type ItemInput,
  insertItem,
  itemByCode,
  itemIdsByName,
  itemIsOnHand,
  itemsAtReorderPoint,
  itemsById,
  locationByCode,
  locationById,
  movementsForItem,
  searchLocations,
  stockAtLocation,
  stockForItem,
  stockForItems,
  updateItem,
} from '../db/catalog.repository.ts';
import { packsOfItem, replaceItemPacks } from '../db/catalog-masters.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import { ledgerMismatches } from '../db/ledger.repository.ts';
import { pricesOfItem, supplierById } from '../db/suppliers.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import { ItemSearchIndex } from '../domain/item-search.ts';
import {
  type LowStockLine,
  type LowStockPage,
  type LowStockQuery,
  lowStockLines,
  queryLowStock,
} from '../domain/low-stock.ts';
import { activeCategory, activeUnitCodes } from './catalog-masters.service.ts';
import type { Clock } from './clock.ts';
import type { EventBus } from './event-bus.ts';
import { LiveIndex } from './live-index.ts';
import type { LedgerResult, StockLedgerService } from './stock-ledger.service.ts';
import { preferableSupplier } from './suppliers.service.ts';

/** An item as a form or a CSV row gives it: its packs are replaced only when listed. */
export type ItemChange = ItemInput & { packs?: readonly PackInput[] | undefined };

/** A receipt; with `pack`, `qty` counts packs ("2 box of 100") and the ledger books base units. */
export type ReceiveInput = {
  itemId: number;
  locationId: number;
  qty: number;
  pack?: Pack | undefined;
  lot?: string | undefined;
  reason?: string | undefined;
  workOrderId?: number | undefined;
  idempotencyKey: string;
};

/** Reads of the catalogue and stock, plus item maintenance. Stock changes go through the ledger. */
export class InventoryService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #ledger: StockLedgerService;
  readonly #search: LiveIndex<ItemSearchIndex>;

  constructor(deps: {
    db: Database;
    writer: Writer;
    clock: Clock;
    events: EventBus;
    ledger: StockLedgerService;
  }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#ledger = deps.ledger;
    const reader = deps.db.reader;
    this.#search = new LiveIndex({
      events: deps.events,
      changeOf: (event) =>
        event.type === 'catalog'
          ? { ids: [event.itemId] }
          : // A category rename changes the category of many items at once, and items are searched by it.
            (event.type === 'import' && event.kind === 'items') || event.type === 'category'
            ? 'rebuild'
            : null,
      build: async () => new ItemSearchIndex(await allItems(reader)),
      refresh: async (index, ids) => {
        for (const item of await itemsById(reader, ids)) index.upsert(item);
      },
    });
  }

  /** Builds the search index; call after migrations and whenever items are changed behind our back. */
  async load(): Promise<void> {
    await this.#search.reload();
  }

  async search(q: string, limit: number): Promise<(Item & { onHand: number })[]> {
    const index = await this.#search.current();
    // An empty query browses the catalogue by name rather than showing nothing.
    const ids = q.trim() === '' ? await itemIdsByName(this.#db.reader, limit) : index.search(q, limit);
    const [items, totals] = await Promise.all([
      itemsById(this.#db.reader, ids),
      stockForItems(this.#db.reader, ids),
    ]);
    const byId = new Map(items.map((i) => [i.id, i]));
    return ids.flatMap((id) => {
      const item = byId.get(id);
      return item ? [{ ...item, onHand: totals.get(id) ?? 0 }] : [];
    });
  }

  async item(id: number) {
    const [item] = await itemsById(this.#db.reader, [id]);
    if (!item) throw notFound(`Item ${id} does not exist`);
    const [stock, supplier, packs, prices] = await Promise.all([
      stockForItem(this.#db.reader, id),
      item.supplierId === null
        ? Promise.resolve(null)
        : supplierById(this.#db.reader, item.supplierId).then((s) =>
            s ? { id: s.id, name: s.name, archived: s.archived } : null,
          ),
      packsOfItem(this.#db.reader, id),
      pricesOfItem(this.#db.reader, id),
    ]);
    const onHand = stock.reduce((a, s) => a + s.onHand, 0);
    const reserved = stock.reduce((a, s) => a + s.reserved, 0);
    return { ...item, supplier, packs, prices, stock, onHand, reserved, available: onHand - reserved };
  }

  async stockLevel(itemId: number) {
    const stock = await stockForItem(this.#db.reader, itemId);
    const onHand = stock.reduce((a, s) => a + s.onHand, 0);
    const reserved = stock.reduce((a, s) => a + s.reserved, 0);
    return { itemId, onHand, reserved, available: onHand - reserved, locations: stock };
  }

  movements(itemId: number, beforeId: number | null, limit: number) {
    return movementsForItem(this.#db.reader, itemId, beforeId, limit);
  }

  /** What a scanned code is: an item's barcode or SKU, or a bin's code. */
  async lookupCode(code: string) {
    const trimmed = code.trim();
    const item = await itemByCode(this.#db.reader, trimmed);
    if (item) return { kind: 'item' as const, item };
    const location = await locationByCode(this.#db.reader, trimmed);
    if (location) return { kind: 'location' as const, location };
    throw notFound(`No item or bin has the code ${trimmed}`);
  }

  async location(ref: { id: number } | { code: string }) {
    const location =
      'id' in ref
        ? await locationById(this.#db.reader, ref.id)
        : await locationByCode(this.#db.reader, ref.code);
    if (!location) throw notFound(`Bin ${'id' in ref ? ref.id : ref.code} does not exist`);
    return { ...location, contents: await stockAtLocation(this.#db.reader, location.id) };
  }

  locations(prefix: string, limit: number, offset: number) {
    return searchLocations(this.#db.reader, { prefix, limit, offset });
  }

  async createItem(change: ItemChange, actorId: number): Promise<number> {
    return this.#writer.run((tx) => this.createItemIn(tx, change, actorId));
  }

  /** `createItem` inside the caller's write transaction (a CSV import applies every row in one). */
  async createItemIn(tx: WriteTx, change: ItemChange, actorId: number): Promise<number> {
    const { packs, ...fields } = change;
    const clashes = await findItemConflicts(tx, fields, 0);
    if (clashes.length > 0) throw conflict(clashes.join('; '));
    const input = await itemWithMasters(tx, fields, null);
    const stored = packs === undefined ? undefined : await checkedPacks(tx, input.unit, packs);
    const id = await insertItem(tx, input, this.#clock.now());
    if (stored) await replaceItemPacks(tx, id, stored);
    await appendAudit(tx, [this.#audit(actorId, 'item.create', id, { ...input, packs: stored })]);
    tx.emit({ type: 'catalog', itemId: id });
    return id;
  }

  async updateItem(id: number, change: ItemChange, actorId: number): Promise<void> {
    await this.#writer.run((tx) => this.updateItemIn(tx, id, change, actorId));
  }

  /** `updateItem` inside the caller's write transaction. */
  async updateItemIn(tx: WriteTx, id: number, change: ItemChange, actorId: number): Promise<void> {
    const { packs, ...fields } = change;
    const [existing] = await itemsById(tx, [id]);
    if (!existing) throw notFound(`Item ${id} does not exist`);
    if (existing.tracking !== fields.tracking) {
      if (await itemIsOnHand(tx, id))
        throw conflict(`${existing.name} is in stock; its tracking mode cannot change`);
    }
    const clashes = await findItemConflicts(tx, fields, id);
    if (clashes.length > 0) throw conflict(clashes.join('; '));
    const input = await itemWithMasters(tx, fields, existing);
    const stored =
      packs === undefined
        ? existing.unit === input.unit
          ? undefined
          : await checkedPacks(tx, input.unit, await packsOfItem(tx, id))
        : await checkedPacks(tx, input.unit, packs);
    await updateItem(tx, id, input);
    if (stored) await replaceItemPacks(tx, id, stored);
    await appendAudit(tx, [this.#audit(actorId, 'item.update', id, { ...input, packs: stored })]);
    tx.emit({ type: 'catalog', itemId: id });
  }

  /** Chooses the supplier reorders go to (any active one), or none. */
  async setPreferredSupplier(itemId: number, supplierId: number | null, actorId: number): Promise<void> {
    await this.#writer.run(async (tx) => {
      const [existing] = await itemsById(tx, [itemId]);
      if (!existing) throw notFound(`Item ${itemId} does not exist`);
      if (supplierId !== null) await preferableSupplier(tx, supplierId);
      await updateItem(tx, itemId, { ...existing, supplierId });
      await appendAudit(tx, [this.#audit(actorId, 'item.preferred_supplier', itemId, { supplierId })]);
      tx.emit({ type: 'catalog', itemId });
    });
  }

  /**
   * Books a receipt through the ledger. With a pack, "2 box of 100" becomes 200 in the item's base
   * unit and the movement's reason says what was counted in; the pack must be one of the item's own.
   */
  async receive(input: ReceiveInput, actorId: number): Promise<LedgerResult> {
    let qty = input.qty;
    let reason = input.reason;
    if (input.pack !== undefined) {
      const pack = input.pack;
      const packs = await packsOfItem(this.#db.reader, input.itemId);
      const known = packs.find((p) => samePack(p, pack));
      if (known === undefined) {
        const [item] = await itemsById(this.#db.reader, [input.itemId]);
        if (!item) throw notFound(`Item ${input.itemId} does not exist`);
        throw invalid(
          packs.length === 0
            ? `${item.name} has no packs; receive it in ${item.unit}`
            : `${item.name} does not come in ${pack.unit} of ${pack.size}; its packs are ${packs.map((p) => `${p.unit} of ${p.size}`).join(', ')}`,
        );
      }
      qty = toBaseQuantity(input.qty, known);
      const counted = describePacks(input.qty, known);
      reason = reason ? `${counted}; ${reason}` : counted;
    }
    return this.#ledger.post({
      op: {
        kind: 'receive',
        itemId: input.itemId,
        locationId: input.locationId,
        qty,
        lot: input.lot,
        reason,
        ...(input.workOrderId === undefined ? {} : { refType: 'work_order', refId: input.workOrderId }),
      },
      actorId,
      idempotencyKey: input.idempotencyKey,
    });
  }

  /**
   * Items at or below their reorder point, with what to order and from whom: in the preferred
   * supplier's packs (whole packs, at least its minimum order) when it prices the item.
   */
  async lowStock(): Promise<LowStockLine[]> {
    return lowStockLines(await itemsAtReorderPoint(this.#db.reader));
  }

  /** The low-stock list filtered, sorted and paged for a screen. */
  async lowStockPage(query: LowStockQuery): Promise<LowStockPage> {
    return queryLowStock(await this.lowStock(), query);
  }

  async verifyLedger() {
    const mismatches = await ledgerMismatches(this.#db.reader);
    return { ok: mismatches.length === 0, mismatches: mismatches.slice(0, 100), count: mismatches.length };
  }

  #audit(actorId: number, action: string, id: number, data: unknown) {
    return {
      actorId,
      action,
      entity: 'item',
      entityId: String(id),
      data: JSON.stringify(data),
      createdAt: this.#clock.now(),
    };
  }
}

/**
 * An item's fields with its category and unit spelled as their masters are, refused unless both are
 * active; a newly chosen preferred supplier must be active too (an unchanged one is kept as it is).
 */
async function itemWithMasters(tx: WriteTx, input: ItemInput, existing: Item | null): Promise<ItemInput> {
  const category = await activeCategory(tx, input.category);
  const unit = (await activeUnitCodes(tx, [input.unit])).get(input.unit.toLowerCase()) ?? input.unit;
  if (input.supplierId !== null && input.supplierId !== existing?.supplierId)
    await preferableSupplier(tx, input.supplierId);
  return { ...input, category, unit };
}

/** Packs in active units other than the item's own, spelled as the units are. */
async function checkedPacks(ex: Executor, baseUnit: string, packs: readonly Pack[]): Promise<Pack[]> {
  if (packs.length === 0) return [];
  const units = await activeUnitCodes(
    ex,
    packs.map((p) => p.unit),
  );
  return packs.map((p) => {
    if (p.unit.toLowerCase() === baseUnit.toLowerCase())
      throw invalid(
        `A pack cannot be in ${baseUnit}, the unit the item is counted in; use a unit such as box`,
      );
    return { unit: units.get(p.unit.toLowerCase()) ?? p.unit, size: p.size };
  });
}
