import type { InValue } from '@libsql/client';
import type { Pack } from '../../common/units.ts';
import { type Item, itemArgs, type Location, toItem, toLocation } from './catalog.repository.ts';
import type { Executor } from './database.ts';
import { insertRows, jsonColumns, num, selectAsJson, str } from './sql.ts';

/**
 * Reads by natural key and multi-row writes for bulk work (CSV imports of tens of thousands of rows):
 * every read takes its keys in chunks, every write sends many rows per statement, so the number of
 * statements grows with rows / chunk, never with rows. Keys and rows travel as one JSON parameter
 * per statement, read with json_each (why: insertRows in sql.ts).
 */
const KEYS_PER_READ = 5000;
const ROWS_PER_WRITE = 2000;
const IN_KEYS = 'IN (SELECT value FROM json_each(?))';
const json = (values: readonly unknown[]) => [JSON.stringify(values)];

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/**
 * Rows whose `column` matches one of `keys`, ignoring case as people do when they type codes. The
 * exact match uses the column's index; only keys it missed are looked for again without case, which
 * scans, so a file in the stored spelling never pays for it.
 */
async function byKeyIgnoringCase<T>(
  ex: Executor,
  table: string,
  columns: readonly string[],
  column: string,
  keys: readonly string[],
  map: (row: Record<string, unknown>) => T,
): Promise<T[]> {
  const wanted = [...new Set(keys)];
  const out: T[] = [];
  const found = new Set<string>();
  for (const part of chunks(wanted, KEYS_PER_READ)) {
    for (const r of await selectAsJson(ex, columns, `FROM ${table} WHERE ${column} ${IN_KEYS}`, json(part))) {
      out.push(map(r));
      found.add(str(r[column]).toLowerCase());
    }
  }
  const rest = [...new Set(wanted.map((k) => k.toLowerCase()).filter((k) => !found.has(k)))];
  for (const part of chunks(rest, KEYS_PER_READ)) {
    const rows = await selectAsJson(
      ex,
      columns,
      `FROM ${table} WHERE ${column} COLLATE NOCASE ${IN_KEYS}`,
      json(part),
    );
    for (const r of rows) out.push(map(r));
  }
  return out;
}

const ITEM_COLUMNS = [
  'id',
  'sku',
  'name',
  'aliases',
  'unit',
  'barcode',
  'category',
  'unit_cost_cents',
  'reorder_point',
  'reorder_qty',
  'tracking',
  'supplier_id',
];
const LOCATION_COLUMNS = [
  'id',
  'code',
  'kind',
  'name',
  'description',
  'floor_id',
  'aisle',
  'bay',
  'level',
  'x',
  'y',
  'z',
  'width',
  'height',
  'depth',
  'capacity',
  'active',
];

export async function itemsBySku(ex: Executor, skus: readonly string[]): Promise<Item[]> {
  return byKeyIgnoringCase(ex, 'items', ITEM_COLUMNS, 'sku', skus, toItem);
}

/** What stock rows need of an item: far smaller than the item, for 100,000-row files. */
export type ItemRef = Pick<Item, 'id' | 'sku' | 'name' | 'unit' | 'tracking'>;

export async function itemRefsBySku(ex: Executor, skus: readonly string[]): Promise<ItemRef[]> {
  return byKeyIgnoringCase(ex, 'items', ['id', 'sku', 'name', 'unit', 'tracking'], 'sku', skus, (r) => ({
    id: num(r.id),
    sku: str(r.sku),
    name: str(r.name),
    unit: str(r.unit),
    tracking: str(r.tracking) as Item['tracking'],
  }));
}

export async function locationsByCode(ex: Executor, codes: readonly string[]): Promise<Location[]> {
  return byKeyIgnoringCase(ex, 'locations', LOCATION_COLUMNS, 'code', codes, toLocation);
}

/** Which SKU owns each of these barcodes (those that are in use). */
export async function skusByBarcode(ex: Executor, barcodes: readonly string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const part of chunks([...new Set(barcodes)], KEYS_PER_READ)) {
    const rs = await ex.execute({
      sql: `SELECT barcode, sku FROM items WHERE barcode ${IN_KEYS}`,
      args: json(part),
    });
    for (const r of rs.rows) owners.set(str(r.barcode), str(r.sku));
  }
  return owners;
}

/** Of these ids (of items or of locations, as `column` says), the ones with stock on hand. */
async function idsInStock(
  ex: Executor,
  column: 'item_id' | 'location_id',
  ids: readonly number[],
): Promise<Set<number>> {
  const held = new Set<number>();
  for (const part of chunks([...new Set(ids)], KEYS_PER_READ)) {
    const rs = await ex.execute({
      sql: `SELECT DISTINCT ${column} AS id FROM stock WHERE on_hand > 0 AND ${column} ${IN_KEYS}`,
      args: json(part),
    });
    for (const r of rs.rows) held.add(num(r.id));
  }
  return held;
}

/** Of these items, the ones with stock on hand somewhere. */
export const itemsInStock = (ex: Executor, itemIds: readonly number[]): Promise<Set<number>> =>
  idsInStock(ex, 'item_id', itemIds);

/** The packs of each of these items (items without packs are left out), smallest first. */
export async function packsOfItems(ex: Executor, itemIds: readonly number[]): Promise<Map<number, Pack[]>> {
  const out = new Map<number, Pack[]>();
  for (const part of chunks([...new Set(itemIds)], KEYS_PER_READ)) {
    const rows = await selectAsJson(
      ex,
      ['item_id', 'unit', 'size'],
      `FROM (SELECT item_id, unit, size FROM item_packs WHERE item_id ${IN_KEYS} ORDER BY item_id, size, unit)`,
      json(part),
    );
    for (const r of rows) {
      const packs = out.get(num(r.item_id)) ?? [];
      packs.push({ unit: str(r.unit), size: num(r.size) });
      out.set(num(r.item_id), packs);
    }
  }
  return out;
}

/** Removes every pack of these items (before their new packs are inserted). */
export async function deletePacksOfItems(ex: Executor, itemIds: readonly number[]): Promise<void> {
  for (const part of chunks([...new Set(itemIds)], KEYS_PER_READ)) {
    await ex.execute({ sql: `DELETE FROM item_packs WHERE item_id ${IN_KEYS}`, args: json(part) });
  }
}

/** Of these locations, the ones holding stock. */
export const locationsInStock = (ex: Executor, locationIds: readonly number[]): Promise<Set<number>> =>
  idsInStock(ex, 'location_id', locationIds);

export type StockLevel = {
  itemId: number;
  locationId: number;
  lot: string;
  onHand: number;
  reserved: number;
};

/** Stock rows (every lot) of these item x location pairs. */
export async function stockOfPairs(
  ex: Executor,
  pairs: readonly { itemId: number; locationId: number }[],
): Promise<StockLevel[]> {
  const unique = [...new Map(pairs.map((p) => [`${p.itemId}|${p.locationId}`, p])).values()];
  const out: StockLevel[] = [];
  for (const part of chunks(unique, KEYS_PER_READ)) {
    const rows = await selectAsJson(
      ex,
      ['item_id', 'location_id', 'lot', 'on_hand', 'reserved'],
      'FROM stock WHERE (item_id, location_id) IN (SELECT value->>0, value->>1 FROM json_each(?))',
      json(part.map((p) => [p.itemId, p.locationId])),
    );
    for (const r of rows) {
      out.push({
        itemId: num(r.item_id),
        locationId: num(r.location_id),
        lot: str(r.lot),
        onHand: num(r.on_hand),
        reserved: num(r.reserved),
      });
    }
  }
  return out;
}

/** Updates items by id, many per statement. */
export async function updateItems(ex: Executor, items: readonly Item[]): Promise<void> {
  for (const part of chunks(items, ROWS_PER_WRITE)) {
    await ex.execute({
      sql: `WITH v (id, sku, name, aliases, unit, barcode, category, unit_cost_cents, reorder_point, reorder_qty,
              tracking, supplier_id) AS (SELECT ${jsonColumns(12)} FROM json_each(?))
            UPDATE items SET sku = v.sku, name = v.name, aliases = v.aliases, unit = v.unit, barcode = v.barcode,
              category = v.category, unit_cost_cents = v.unit_cost_cents, reorder_point = v.reorder_point,
              reorder_qty = v.reorder_qty, tracking = v.tracking, supplier_id = v.supplier_id
            FROM v WHERE items.id = v.id`,
      args: json(part.map((i) => [i.id, ...itemArgs(i)])),
    });
  }
}

/** A location as a CSV row sets it: the floor a hand-kept location stands on is the setup screen's. */
export type LocationFields = Omit<Location, 'id' | 'floorId'>;

const locationValues = (l: LocationFields): InValue[] => [
  l.code,
  l.kind,
  l.name,
  l.description,
  l.aisle,
  l.bay,
  l.level,
  l.x,
  l.y,
  l.z,
  l.width,
  l.height,
  l.depth,
  l.capacity,
  l.active ? 1 : 0,
];

export async function insertLocations(ex: Executor, locations: readonly LocationFields[]): Promise<void> {
  await insertRows(
    ex,
    `INSERT INTO locations (code, kind, name, description, aisle, bay, level, x, y, z, width, height, depth,
       capacity, active)`,
    locations.map(locationValues),
    '',
    ROWS_PER_WRITE,
  );
}

/**
 * Updates locations by id, many per statement. A bin's rack and turn belong to the twin, and the floor
 * of a hand-kept location to the setup screen: they are left as they are.
 */
export async function updateLocations(
  ex: Executor,
  locations: readonly (LocationFields & { id: number })[],
): Promise<void> {
  for (const part of chunks(locations, ROWS_PER_WRITE)) {
    await ex.execute({
      sql: `WITH v (id, code, kind, name, description, aisle, bay, level, x, y, z, width, height, depth, capacity,
              active) AS (SELECT ${jsonColumns(16)} FROM json_each(?))
            UPDATE locations SET code = v.code, kind = v.kind, name = v.name, description = v.description,
              aisle = v.aisle, bay = v.bay, level = v.level,
              x = v.x, y = v.y, z = v.z, width = v.width, height = v.height, depth = v.depth,
              capacity = v.capacity, active = v.active
            FROM v WHERE locations.id = v.id`,
      args: json(part.map((l) => [l.id, ...locationValues(l)])),
    });
  }
}

/**
 * Items, stock rows on hand, the units on hand and the ledger's sum: after a bulk import the last two
 * must agree (checking every bin is too slow at 100,000 rows).
 */
export async function catalogTotals(ex: Executor) {
  const rs = await ex.execute(`SELECT (SELECT count(*) FROM items) AS items,
    (SELECT count(*) FROM stock WHERE on_hand > 0) AS stock_rows,
    (SELECT coalesce(sum(on_hand), 0) FROM stock) AS on_hand,
    (SELECT coalesce(sum(qty), 0) FROM movements) AS ledger_sum`);
  const r = rs.rows[0];
  return {
    items: num(r?.items),
    stockRows: num(r?.stock_rows),
    onHand: num(r?.on_hand),
    ledgerSum: num(r?.ledger_sum),
  };
}
