import { conflict, notFound } from '../../common/errors.ts';
import { appendAudit } from '../db/audit.repository.ts';
import {
  allItems,
  findItemConflicts,
  type Item,
  type ItemInput,
  insertItem,
  itemByCode,
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
import { lowStockRows } from '../db/low-stock.repository.ts';
import { num, str } from '../db/sql.ts';
import type { Writer } from '../db/writer.ts';
import { ItemSearchIndex } from '../domain/item-search.ts';
import {
  type LowStockLine,
  type LowStockPage,
  type LowStockQuery,
  lowStockLines,
  queryLowStock,
} from '../domain/low-stock.ts';
import type { Clock } from './clock.ts';
import type { EventBus } from './event-bus.ts';
import { LiveIndex } from './live-index.ts';

/** Reads of the catalogue and stock, plus item maintenance. Stock changes go through the ledger. */
export class InventoryService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #search: LiveIndex<ItemSearchIndex>;

  constructor(deps: { db: Database; writer: Writer; clock: Clock; events: EventBus }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    const reader = deps.db.reader;
    this.#search = new LiveIndex({
      events: deps.events,
      changeOf: (event) =>
        event.type === 'catalog'
          ? { ids: [event.itemId] }
          : event.type === 'import' && event.kind === 'items'
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
    const ids =
      q.trim() === ''
        ? (
            await this.#db.reader.execute({
              sql: 'SELECT id FROM items ORDER BY name LIMIT ?',
              args: [limit],
            })
          ).rows.map((r) => num(r.id))
        : index.search(q, limit);
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
        : this.#db.reader
            .execute({ sql: 'SELECT id, name FROM suppliers WHERE id = ?', args: [item.supplierId] })
            .then((rs) => (rs.rows[0] ? { id: num(rs.rows[0].id), name: str(rs.rows[0].name) } : null)),
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
        const held = await tx.execute({
          sql: 'SELECT 1 FROM stock WHERE item_id = ? AND on_hand > 0 LIMIT 1',
          args: [id],
        });
        if (held.rows.length > 0)
          throw conflict(`${existing.name} is in stock; its tracking mode cannot change`);
      }
      const clashes = await findItemConflicts(tx, input, id);
      if (clashes.length > 0) throw conflict(clashes.join('; '));
      await updateItem(tx, id, input);
      await appendAudit(tx, [this.#audit(actorId, 'item.update', id, input)]);
      tx.emit({ type: 'catalog', itemId: id });
    });
  }

  /** Items at or below their reorder point, with what to order and from whom, most urgent first. */
  async lowStock(): Promise<LowStockLine[]> {
    return lowStockLines(await lowStockRows(this.#db.reader));
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
