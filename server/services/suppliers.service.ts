import { conflict, invalid, notFound } from '../../common/errors.ts';
import type { SupplierInput, SupplierPriceInput } from '../../common/masters/supplier.ts';
import { appendAudit } from '../db/audit.repository.ts';
import { itemsById } from '../db/catalog.repository.ts';
import { unitWithCode } from '../db/catalog-masters.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import {
  contactsOf,
  countItemsPreferring,
  deletePrice,
  insertSupplier,
  listSuppliers,
  pricesOfItem,
  pricesOfSupplier,
  replaceContacts,
  type Supplier,
  setSupplierArchived,
  supplierById,
  supplierNamed,
  updateSupplier,
  upsertPrice,
} from '../db/suppliers.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import type { Clock } from './clock.ts';

/**
 * Suppliers (contacts, lead time, currency, notes) and what each charges per item. An archived
 * supplier keeps its purchase orders and history but gets no new orders, prices or preferences.
 * Create and update take already-validated input (common/masters/supplier.ts), so the setup screen,
 * the API and a CSV import share the rules here.
 */
export class SupplierService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;

  constructor(deps: { db: Database; writer: Writer; clock: Clock }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  list() {
    return listSuppliers(this.#db.reader);
  }

  async get(id: number) {
    const supplier = await supplierById(this.#db.reader, id);
    if (!supplier) throw notFound(`Supplier ${id} does not exist`);
    const [contacts, prices, preferredBy] = await Promise.all([
      contactsOf(this.#db.reader, id),
      pricesOfSupplier(this.#db.reader, id),
      countItemsPreferring(this.#db.reader, id),
    ]);
    return { ...supplier, contacts, prices, preferredBy };
  }

  /** Who sells an item, for how much and in what pack. */
  pricesForItem(itemId: number) {
    return pricesOfItem(this.#db.reader, itemId);
  }

  async create(input: SupplierInput, actorId: number): Promise<number> {
    return this.#writer.run((tx) => this.createIn(tx, input, actorId));
  }

  /**
   * `create` inside the caller's write transaction (a CSV import applies every row in one);
   * `actorId` null is the command line.
   */
  async createIn(tx: WriteTx, input: SupplierInput, actorId: number | null): Promise<number> {
    await refuseTakenName(tx, input.name, 0);
    const id = await insertSupplier(tx, input);
    await replaceContacts(tx, id, input.contacts);
    await this.#audit(tx, actorId, 'supplier.create', id, input);
    tx.emit({ type: 'supplier', supplierId: id });
    return id;
  }

  async update(id: number, input: SupplierInput, actorId: number): Promise<void> {
    return this.#writer.run((tx) => this.updateIn(tx, id, input, actorId));
  }

  /** `update` inside the caller's write transaction. */
  async updateIn(tx: WriteTx, id: number, input: SupplierInput, actorId: number | null): Promise<void> {
    const existing = await existingSupplier(tx, id);
    await refuseTakenName(tx, input.name, id);
    if (existing.currency !== input.currency) {
      const priced = (await pricesOfSupplier(tx, id)).length;
      if (priced > 0)
        throw conflict(
          `${existing.name} has ${priced} price(s) in ${existing.currency}; remove them before changing its currency to ${input.currency}`,
        );
    }
    await updateSupplier(tx, id, input);
    await replaceContacts(tx, id, input.contacts);
    await this.#audit(tx, actorId, 'supplier.update', id, input);
    tx.emit({ type: 'supplier', supplierId: id });
  }

  /** Archived: kept on its orders and in history, but no new orders, prices or preferences. */
  archive(id: number, actorId: number): Promise<void> {
    return this.#setArchived(id, true, actorId);
  }

  restore(id: number, actorId: number): Promise<void> {
    return this.#setArchived(id, false, actorId);
  }

  #setArchived(id: number, archived: boolean, actorId: number): Promise<void> {
    return this.#writer.run((tx) => this.setArchivedIn(tx, id, archived, actorId));
  }

  /** `archive` or `restore` inside the caller's write transaction; nothing happens if it already is so. */
  async setArchivedIn(tx: WriteTx, id: number, archived: boolean, actorId: number | null): Promise<void> {
    const existing = await existingSupplier(tx, id);
    if (existing.archived === archived) return;
    await setSupplierArchived(tx, id, archived);
    await this.#audit(tx, actorId, archived ? 'supplier.archive' : 'supplier.restore', id, {});
    tx.emit({ type: 'supplier', supplierId: id });
  }

  /** Sets the one price of (supplier, item), replacing an earlier one. */
  async setPrice(input: SupplierPriceInput, actorId: number): Promise<void> {
    return this.#writer.run((tx) => this.setPriceIn(tx, input, actorId));
  }

  /** `setPrice` inside the caller's write transaction. */
  async setPriceIn(tx: WriteTx, input: SupplierPriceInput, actorId: number | null): Promise<void> {
    const supplier = await existingSupplier(tx, input.supplierId);
    if (supplier.archived)
      throw conflict(`${supplier.name} is archived; restore it before changing its prices`);
    const [item] = await itemsById(tx, [input.itemId]);
    if (!item) throw notFound(`Item ${input.itemId} does not exist`);
    const unit = await unitWithCode(tx, input.pack.unit);
    if (!unit || unit.archived)
      throw invalid(`There is no active unit "${input.pack.unit}"; add it under Setup → Units first`);
    if (unit.code.toLowerCase() === item.unit.toLowerCase() && input.pack.size !== 1)
      throw invalid(
        `${item.name} is counted in ${item.unit}: a pack of ${item.unit} holds 1; use a unit such as box`,
      );
    const price = { ...input, pack: { unit: unit.code, size: input.pack.size } };
    await upsertPrice(tx, price, this.#clock.now());
    await this.#audit(tx, actorId, 'supplier.price.set', input.supplierId, price);
    tx.emit({ type: 'supplier', supplierId: input.supplierId });
    tx.emit({ type: 'catalog', itemId: input.itemId });
  }

  removePrice(supplierId: number, itemId: number, actorId: number): Promise<void> {
    return this.#writer.run(async (tx) => {
      const supplier = await existingSupplier(tx, supplierId);
      if (!(await deletePrice(tx, supplierId, itemId)))
        throw notFound(`${supplier.name} has no price for item ${itemId}`);
      await this.#audit(tx, actorId, 'supplier.price.remove', supplierId, { itemId });
      tx.emit({ type: 'supplier', supplierId });
      tx.emit({ type: 'catalog', itemId });
    });
  }

  #audit(tx: WriteTx, actorId: number | null, action: string, id: number, data: unknown) {
    return appendAudit(tx, [
      {
        actorId,
        action,
        entity: 'supplier',
        entityId: String(id),
        data: JSON.stringify(data),
        createdAt: this.#clock.now(),
      },
    ]);
  }
}

async function existingSupplier(ex: Executor, id: number): Promise<Supplier> {
  const supplier = await supplierById(ex, id);
  if (!supplier) throw notFound(`Supplier ${id} does not exist`);
  return supplier;
}

async function refuseTakenName(ex: Executor, name: string, exceptId: number): Promise<void> {
  const other = await supplierNamed(ex, name, exceptId);
  if (other)
    throw conflict(
      `A supplier named ${other.name} already exists${other.archived ? ' (archived: restore it instead)' : ''}`,
    );
}

/**
 * The supplier an item may newly prefer: any active one (whether or not it prices the item yet).
 * Shared by the item rules, so an archived supplier can never be chosen anywhere.
 */
export async function preferableSupplier(ex: Executor, id: number): Promise<Supplier> {
  const supplier = await supplierById(ex, id);
  if (!supplier) throw notFound(`Supplier ${id} does not exist`);
  if (supplier.archived)
    throw conflict(`${supplier.name} is archived and cannot be a preferred supplier; choose an active one`);
  return supplier;
}
