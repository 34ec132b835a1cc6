import type { Pack } from '../../common/units.ts';
import type { Executor } from './database.ts';
import { insertRows, list, num, str } from './sql.ts';

/*
 * Item categories, units of measure and item packs. Items name their category and unit as text (the
 * name or code of a row here); renames rewrite that text in the same transaction.
 */

export type Category = { id: number; name: string; archived: boolean; items: number };
export type Unit = { id: number; code: string; name: string; archived: boolean; items: number };

export async function listCategories(ex: Executor): Promise<Category[]> {
  const rs = await ex.execute(`SELECT c.id, c.name, c.archived,
      (SELECT count(*) FROM items i WHERE i.category = c.name) AS items
    FROM categories c ORDER BY c.name`);
  return rs.rows.map((r) => ({
    id: num(r.id),
    name: str(r.name),
    archived: num(r.archived) === 1,
    items: num(r.items),
  }));
}

export async function categoryById(ex: Executor, id: number): Promise<Category | null> {
  const rs = await ex.execute({
    sql: `SELECT c.id, c.name, c.archived, (SELECT count(*) FROM items i WHERE i.category = c.name) AS items
          FROM categories c WHERE c.id = ?`,
    args: [id],
  });
  const r = rs.rows[0];
  return r
    ? { id: num(r.id), name: str(r.name), archived: num(r.archived) === 1, items: num(r.items) }
    : null;
}

/** The category with this name in any case (names compare without case). */
export async function categoryNamed(
  ex: Executor,
  name: string,
): Promise<{ id: number; name: string; archived: boolean } | null> {
  const rs = await ex.execute({
    sql: 'SELECT id, name, archived FROM categories WHERE name = ?',
    args: [name],
  });
  const r = rs.rows[0];
  return r ? { id: num(r.id), name: str(r.name), archived: num(r.archived) === 1 } : null;
}

export async function insertCategory(ex: Executor, name: string): Promise<number> {
  const rs = await ex.execute({ sql: 'INSERT INTO categories (name) VALUES (?) RETURNING id', args: [name] });
  return num(rs.rows[0]?.id);
}

/** Categories that do not exist yet (the seed); existing names are left alone. */
export async function insertCategories(ex: Executor, names: readonly string[]): Promise<void> {
  await insertRows(
    ex,
    'INSERT INTO categories (name)',
    names.map((n) => [n]),
    'ON CONFLICT (name) DO NOTHING',
  );
}

/** Renames the category and every item filed under it; returns how many items moved with it. */
export async function renameCategory(ex: Executor, id: number, from: string, to: string): Promise<number> {
  await ex.execute({ sql: 'UPDATE categories SET name = ? WHERE id = ?', args: [to, id] });
  const rs = await ex.execute({ sql: 'UPDATE items SET category = ? WHERE category = ?', args: [to, from] });
  return rs.rowsAffected;
}

export async function setCategoryArchived(ex: Executor, id: number, archived: boolean): Promise<void> {
  await ex.execute({ sql: 'UPDATE categories SET archived = ? WHERE id = ?', args: [archived ? 1 : 0, id] });
}

const UNIT_COLUMNS = `u.id, u.code, u.name, u.archived,
  (SELECT count(*) FROM items i WHERE i.unit = u.code
     OR EXISTS (SELECT 1 FROM item_packs p WHERE p.item_id = i.id AND p.unit = u.code)) AS items`;

const toUnit = (r: Record<string, unknown>): Unit => ({
  id: num(r.id),
  code: str(r.code),
  name: str(r.name),
  archived: num(r.archived) === 1,
  items: num(r.items),
});

/** Units by code, each with how many items count in it or are packed in it. */
export async function listUnits(ex: Executor): Promise<Unit[]> {
  const rs = await ex.execute(`SELECT ${UNIT_COLUMNS} FROM units u ORDER BY u.code`);
  return rs.rows.map(toUnit);
}

export async function unitById(ex: Executor, id: number): Promise<Unit | null> {
  const rs = await ex.execute({ sql: `SELECT ${UNIT_COLUMNS} FROM units u WHERE u.id = ?`, args: [id] });
  const r = rs.rows[0];
  return r ? toUnit(r) : null;
}

export async function unitWithCode(
  ex: Executor,
  code: string,
): Promise<{ id: number; code: string; archived: boolean } | null> {
  const rs = await ex.execute({ sql: 'SELECT id, code, archived FROM units WHERE code = ?', args: [code] });
  const r = rs.rows[0];
  return r ? { id: num(r.id), code: str(r.code), archived: num(r.archived) === 1 } : null;
}

/** The active units among these codes, keyed by lower-case code, spelled as stored. */
export async function activeUnits(ex: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rs = await ex.execute({
    sql: `SELECT code FROM units WHERE archived = 0 AND code IN (${list(codes.length)})`,
    args: [...codes],
  });
  return new Map(rs.rows.map((r) => [str(r.code).toLowerCase(), str(r.code)]));
}

export async function insertUnit(ex: Executor, u: { code: string; name: string }): Promise<number> {
  const rs = await ex.execute({
    sql: 'INSERT INTO units (code, name) VALUES (?, ?) RETURNING id',
    args: [u.code, u.name],
  });
  return num(rs.rows[0]?.id);
}

/** Units that do not exist yet (the seed), named by their code. */
export async function insertUnits(ex: Executor, codes: readonly string[]): Promise<void> {
  await insertRows(
    ex,
    'INSERT INTO units (code, name)',
    codes.map((c) => [c, c]),
    'ON CONFLICT (code) DO NOTHING',
  );
}

/**
 * Changes a unit's code and name; a new code is rewritten wherever the old one is used (items' base
 * unit, item packs, supplier price packs). Returns how many items count in it.
 */
export async function updateUnit(
  ex: Executor,
  id: number,
  from: string,
  to: { code: string; name: string },
): Promise<number> {
  await ex.execute({ sql: 'UPDATE units SET code = ?, name = ? WHERE id = ?', args: [to.code, to.name, id] });
  if (from === to.code) return 0;
  const items = await ex.execute({ sql: 'UPDATE items SET unit = ? WHERE unit = ?', args: [to.code, from] });
  await ex.execute({ sql: 'UPDATE item_packs SET unit = ? WHERE unit = ?', args: [to.code, from] });
  await ex.execute({
    sql: 'UPDATE supplier_prices SET pack_unit = ? WHERE pack_unit = ?',
    args: [to.code, from],
  });
  return items.rowsAffected;
}

export async function setUnitArchived(ex: Executor, id: number, archived: boolean): Promise<void> {
  await ex.execute({ sql: 'UPDATE units SET archived = ? WHERE id = ?', args: [archived ? 1 : 0, id] });
}

/** Supplier prices whose pack is in this unit (a unit in use there cannot be archived either). */
export async function countPricesPackedIn(ex: Executor, code: string): Promise<number> {
  const rs = await ex.execute({
    sql: 'SELECT count(*) AS n FROM supplier_prices WHERE pack_unit = ?',
    args: [code],
  });
  return num(rs.rows[0]?.n);
}

export type ItemPack = Pack & { id: number };

export async function packsOfItem(ex: Executor, itemId: number): Promise<ItemPack[]> {
  const rs = await ex.execute({
    sql: 'SELECT id, unit, size FROM item_packs WHERE item_id = ? ORDER BY size, unit',
    args: [itemId],
  });
  return rs.rows.map((r) => ({ id: num(r.id), unit: str(r.unit), size: num(r.size) }));
}

/** An item's packs become exactly these. */
export async function replaceItemPacks(ex: Executor, itemId: number, packs: readonly Pack[]): Promise<void> {
  await ex.execute({ sql: 'DELETE FROM item_packs WHERE item_id = ?', args: [itemId] });
  await insertRows(
    ex,
    'INSERT INTO item_packs (item_id, unit, size)',
    packs.map((p) => [itemId, p.unit, p.size]),
  );
}

/** Pack rows in bulk (the seed). */
export async function insertItemPacks(
  ex: Executor,
  packs: readonly (Pack & { itemId: number })[],
): Promise<void> {
  await insertRows(
    ex,
    'INSERT INTO item_packs (item_id, unit, size)',
    packs.map((p) => [p.itemId, p.unit, p.size]),
  );
}
