import { conflict, notFound } from '../../common/errors.ts';
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
import type { Database } from '../db/database.ts';
import { ledgerMismatches } from '../db/ledger.repository.ts';
import { supplierById } from '../db/purchasing.repository.ts';
import type { Writer } from '../db/writer.ts';
import { ItemSearchIndex } from '../domain/item-search.ts';
import { suggestReorder } from '../domain/reorder.ts';
import type { Clock } from './clock.ts';
import type { EventBus } from './event-bus.ts';

/** Reads of the catalogue and stock, plus item maintenance. Stock changes go through the ledger. */
export class InventoryService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  #search: ItemSearchIndex | null = null;
  /** Items changed since the index last looked; applied before the next search reads it. */
  readonly #stale = new Set<number>();
  #rebuild = false;

  constructor(deps: { db: Database; writer: Writer; clock: Clock; events: EventBus }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    // The index follows committed changes, whoever made them.
    deps.events.listen((event) => {
      if (event.type === 'catalog') this.#stale.add(event.itemId);
      else if (event.type === 'import' && event.kind === 'items') this.#rebuild = true;
    });
  }

  /** Builds the search index; call after migrations and whenever items are changed behind our back. */
  async load(): Promise<void> {
    this.#rebuild = false;
    this.#stale.clear();
    this.#search = new ItemSearchIndex(await allItems(this.#db.reader));
  }

  /** The index with every committed change applied. */
  async #index(): Promise<ItemSearchIndex> {
    if (this.#search === null || this.#rebuild) await this.load();
    const index = this.#search ?? new ItemSearchIndex([]);
    if (this.#stale.size > 0) {
      const ids = [...this.#stale];
      this.#stale.clear();
      for (const item of await itemsById(this.#db.reader, ids)) index.upsert(item);
    }
    return index;
  }

  async search(q: string, limit: number): Promise<(Item & { onHand: number })[]> {
    const index = await this.#index();
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
    const [stock, supplier] = await Promise.all([
      stockForItem(this.#db.reader, id),
      item.supplierId === null
        ? Promise.resolve(null)
        : supplierById(this.#db.reader, item.supplierId).then((s) => (s ? { id: s.id, name: s.name } : null)),
    ]);
    const onHand = stock.reduce((a, s) => a + s.onHand, 0);
    const reserved = stock.reduce((a, s) => a + s.reserved, 0);
    return { ...item, supplier, stock, onHand, reserved, available: onHand - reserved };
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

  async createItem(input: ItemInput, actorId: number): Promise<number> {
    const id = await this.#writer.run(async (tx) => {
      const clashes = await findItemConflicts(tx, input, 0);
      if (clashes.length > 0) throw conflict(clashes.join('; '));
      const id = await insertItem(tx, input, this.#clock.now());
      await appendAudit(tx, [this.#audit(actorId, 'item.create', id, input)]);
      tx.emit({ type: 'catalog', itemId: id });
      return id;
    });
    return id;
  }

  async updateItem(id: number, input: ItemInput, actorId: number): Promise<void> {
    await this.#writer.run(async (tx) => {
      const [existing] = await itemsById(tx, [id]);
      if (!existing) throw notFound(`Item ${id} does not exist`);
      if (existing.tracking !== input.tracking) {
        if (await itemIsOnHand(tx, id))
          throw conflict(`${existing.name} is in stock; its tracking mode cannot change`);
      }
      const clashes = await findItemConflicts(tx, input, id);
      if (clashes.length > 0) throw conflict(clashes.join('; '));
      await updateItem(tx, id, input);
      await appendAudit(tx, [this.#audit(actorId, 'item.update', id, input)]);
      tx.emit({ type: 'catalog', itemId: id });
    });
  }

  /** Items at or below their reorder point, with what to order and from whom. */
  async lowStock() {
    const rows = await itemsAtReorderPoint(this.#db.reader);
    const suggested = new Map(suggestReorder(rows).map((x) => [x.itemId, x.suggestedQty]));
    return rows
      .map((r) => ({
        itemId: r.itemId,
        sku: r.sku,
        name: r.name,
        unit: r.unit,
        onHand: r.onHand,
        available: r.onHand - r.reserved,
        onOrder: r.onOrder,
        reorderPoint: r.reorderPoint,
        suggestedQty: suggested.get(r.itemId) ?? 0,
        unitCostCents: r.unitCostCents,
        supplierId: r.supplierId,
        supplierName: r.supplierName,
      }))
      .sort((a, b) => a.available - a.reorderPoint - (b.available - b.reorderPoint));
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
