import { conflict, invalid, notFound } from '../../common/errors.ts';
import type { CategoryInput, UnitInput } from '../../common/masters/catalog.ts';
import { appendAudit } from '../db/audit.repository.ts';
import {
  activeUnits,
  type Category,
  categoryById,
  categoryNamed,
  countPricesPackedIn,
  insertCategory,
  insertUnit,
  listCategories,
  listUnits,
  renameCategory,
  setCategoryArchived,
  setUnitArchived,
  type Unit,
  unitById,
  unitWithCode,
  updateUnit,
} from '../db/catalog-masters.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import type { Clock } from './clock.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Item categories and units of measure. Items keep their category and unit as text, which must name
 * an active row here (checked by `activeCategory`/`activeUnit` when an item is saved); a rename
 * rewrites that text on every item in the same transaction, and a row in use cannot be archived.
 */
export class CatalogMastersService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;

  constructor(deps: { db: Database; writer: Writer; clock: Clock }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  categories(): Promise<Category[]> {
    return listCategories(this.#db.reader);
  }

  async createCategory(input: CategoryInput, actorId: number): Promise<number> {
    return this.#writer.run((tx) => this.createCategoryIn(tx, input, actorId));
  }

  /**
   * `createCategory` inside the caller's write transaction (a CSV import applies every row in one);
   * `actorId` null is the command line.
   */
  async createCategoryIn(tx: WriteTx, input: CategoryInput, actorId: number | null): Promise<number> {
    await refuseTakenCategory(tx, input.name, 0);
    const id = await insertCategory(tx, input.name);
    await this.#audit(tx, actorId, 'category.create', 'category', id, input);
    tx.emit({ type: 'category', categoryId: id });
    return id;
  }

  /** Renames a category and, in the same transaction, every item filed under it. */
  updateCategory(id: number, input: CategoryInput, actorId: number): Promise<{ items: number }> {
    return this.#writer.run(async (tx) => {
      const existing = await categoryById(tx, id);
      if (!existing) throw notFound(`Category ${id} does not exist`);
      await refuseTakenCategory(tx, input.name, id);
      const items = await renameCategory(tx, id, existing.name, input.name);
      await this.#audit(tx, actorId, 'category.update', 'category', id, {
        from: existing.name,
        ...input,
        items,
      });
      tx.emit({ type: 'category', categoryId: id });
      return { items };
    });
  }

  archiveCategory(id: number, actorId: number): Promise<void> {
    return this.#writer.run(async (tx) => {
      const existing = await categoryById(tx, id);
      if (!existing) throw notFound(`Category ${id} does not exist`);
      if (existing.archived) return;
      if (existing.items > 0)
        throw conflict(
          `${plural(existing.items, 'item')} ${existing.items === 1 ? 'is' : 'are'} filed under ${existing.name}; move ${existing.items === 1 ? 'it' : 'them'} to another category before archiving it`,
        );
      await setCategoryArchived(tx, id, true);
      await this.#audit(tx, actorId, 'category.archive', 'category', id, {});
      tx.emit({ type: 'category', categoryId: id });
    });
  }

  restoreCategory(id: number, actorId: number): Promise<void> {
    return this.#writer.run(async (tx) => {
      const existing = await categoryById(tx, id);
      if (!existing) throw notFound(`Category ${id} does not exist`);
      if (!existing.archived) return;
      await setCategoryArchived(tx, id, false);
      await this.#audit(tx, actorId, 'category.restore', 'category', id, {});
      tx.emit({ type: 'category', categoryId: id });
    });
  }

  units(): Promise<Unit[]> {
    return listUnits(this.#db.reader);
  }

  async createUnit(input: UnitInput, actorId: number): Promise<number> {
    return this.#writer.run((tx) => this.createUnitIn(tx, input, actorId));
  }

  /** `createUnit` inside the caller's write transaction. */
  async createUnitIn(tx: WriteTx, input: UnitInput, actorId: number | null): Promise<number> {
    await refuseTakenUnit(tx, input.code, 0);
    const id = await insertUnit(tx, input);
    await this.#audit(tx, actorId, 'unit.create', 'unit', id, input);
    tx.emit({ type: 'unit', unitId: id });
    return id;
  }

  /** Changes a unit's code or name; a new code follows into items, item packs and supplier packs. */
  updateUnit(id: number, input: UnitInput, actorId: number): Promise<{ items: number }> {
    return this.#writer.run(async (tx) => {
      const existing = await unitById(tx, id);
      if (!existing) throw notFound(`Unit ${id} does not exist`);
      await refuseTakenUnit(tx, input.code, id);
      const items = await updateUnit(tx, id, existing.code, input);
      await this.#audit(tx, actorId, 'unit.update', 'unit', id, { from: existing.code, ...input, items });
      tx.emit({ type: 'unit', unitId: id });
      return { items };
    });
  }

  archiveUnit(id: number, actorId: number): Promise<void> {
    return this.#writer.run(async (tx) => {
      const existing = await unitById(tx, id);
      if (!existing) throw notFound(`Unit ${id} does not exist`);
      if (existing.archived) return;
      if (existing.items > 0)
        throw conflict(
          `${plural(existing.items, 'item')} ${existing.items === 1 ? 'counts or packs' : 'count or pack'} in ${existing.code}; change ${existing.items === 1 ? 'it' : 'them'} before archiving the unit`,
        );
      const prices = await countPricesPackedIn(tx, existing.code);
      if (prices > 0)
        throw conflict(
          `${plural(prices, 'supplier price')} use ${existing.code} packs; change them before archiving the unit`,
        );
      await setUnitArchived(tx, id, true);
      await this.#audit(tx, actorId, 'unit.archive', 'unit', id, {});
      tx.emit({ type: 'unit', unitId: id });
    });
  }

  restoreUnit(id: number, actorId: number): Promise<void> {
    return this.#writer.run(async (tx) => {
      const existing = await unitById(tx, id);
      if (!existing) throw notFound(`Unit ${id} does not exist`);
      if (!existing.archived) return;
      await setUnitArchived(tx, id, false);
      await this.#audit(tx, actorId, 'unit.restore', 'unit', id, {});
      tx.emit({ type: 'unit', unitId: id });
    });
  }

  #audit(tx: WriteTx, actorId: number | null, action: string, entity: string, id: number, data: unknown) {
    return appendAudit(tx, [
      {
        actorId,
        action,
        entity,
        entityId: String(id),
        data: JSON.stringify(data),
        createdAt: this.#clock.now(),
      },
    ]);
  }
}

async function refuseTakenCategory(ex: Executor, name: string, exceptId: number): Promise<void> {
  const other = await categoryNamed(ex, name);
  if (other && other.id !== exceptId)
    throw conflict(
      `A category named ${other.name} already exists${other.archived ? ' (archived: restore it instead)' : ''}`,
    );
}

async function refuseTakenUnit(ex: Executor, code: string, exceptId: number): Promise<void> {
  const other = await unitWithCode(ex, code);
  if (other && other.id !== exceptId)
    throw conflict(
      `A unit ${other.code} already exists${other.archived ? ' (archived: restore it instead)' : ''}`,
    );
}

/** The category an item may be filed under, spelled as the category is; refused unless active. */
export async function activeCategory(ex: Executor, name: string): Promise<string> {
  const category = await categoryNamed(ex, name);
  if (!category) throw invalid(`There is no category "${name}"; add it under Setup → Categories first`);
  if (category.archived) throw invalid(`The category ${category.name} is archived; choose an active one`);
  return category.name;
}

/** Each unit code, spelled as the unit is; refused unless every one is an active unit. */
export async function activeUnitCodes(ex: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  const found = await activeUnits(ex, codes);
  const missing = [...new Set(codes.filter((c) => !found.has(c.toLowerCase())))];
  if (missing.length > 0)
    throw invalid(
      `There is no active unit ${missing.map((c) => `"${c}"`).join(', ')}; add or restore it under Setup → Units first`,
    );
  return found;
}
