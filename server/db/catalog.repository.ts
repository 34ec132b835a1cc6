import type { LocationKind } from '../../common/masters/location.ts';
import type { LowStockInput } from '../domain/low-stock.ts';
import type { Executor } from './database.ts';
import { insertRows, list, num, numOrNull, str, strOrNull } from './sql.ts';

export type Tracking = 'none' | 'lot' | 'serial';
export type Item = {
  id: number;
  sku: string;
  name: string;
  aliases: string[];
  unit: string;
  barcode: string | null;
  category: string;
  unitCostCents: number;
  reorderPoint: number;
  reorderQty: number;
  tracking: Tracking;
  supplierId: number | null;
};
export type ItemInput = Omit<Item, 'id'>;

export type Location = {
  id: number;
  code: string;
  kind: LocationKind;
  /** What people call a hand-kept location ("Service van 2"); '' for bins and docks. */
  name: string;
  description: string;
  /** The floor a hand-kept location stands on, when it has a place in the twin. */
  floorId: string | null;
  aisle: string | null;
  bay: number | null;
  level: number | null;
  /** Null for a location with no place in the twin (a van). */
  x: number | null;
  y: number | null;
  z: number | null;
  width: number;
  height: number;
  depth: number;
  capacity: number;
  active: boolean;
};

const ITEM_COLUMNS =
  'id, sku, name, aliases, unit, barcode, category, unit_cost_cents, reorder_point, reorder_qty, tracking, supplier_id';
const LOCATION_COLUMNS =
  'id, code, kind, name, description, floor_id, aisle, bay, level, x, y, z, width, height, depth, capacity, active';

export const toItem = (r: Record<string, unknown>): Item => ({
  id: num(r.id),
  sku: str(r.sku),
  name: str(r.name),
  aliases: JSON.parse(str(r.aliases)) as string[],
  unit: str(r.unit),
  barcode: strOrNull(r.barcode),
  category: str(r.category),
  unitCostCents: num(r.unit_cost_cents),
  reorderPoint: num(r.reorder_point),
  reorderQty: num(r.reorder_qty),
  tracking: str(r.tracking) as Tracking,
  supplierId: numOrNull(r.supplier_id),
});

export const toLocation = (r: Record<string, unknown>): Location => ({
  id: num(r.id),
  code: str(r.code),
  kind: str(r.kind) as Location['kind'],
  name: str(r.name),
  description: str(r.description),
  floorId: strOrNull(r.floor_id),
  aisle: strOrNull(r.aisle),
  bay: numOrNull(r.bay),
  level: numOrNull(r.level),
  x: numOrNull(r.x),
  y: numOrNull(r.y),
  z: numOrNull(r.z),
  width: num(r.width),
  height: num(r.height),
  depth: num(r.depth),
  capacity: num(r.capacity),
  active: num(r.active) === 1,
});

export async function allItems(ex: Executor): Promise<Item[]> {
  const rs = await ex.execute(`SELECT ${ITEM_COLUMNS} FROM items ORDER BY id`);
  return rs.rows.map(toItem);
}

export async function itemsById(ex: Executor, ids: readonly number[]): Promise<Item[]> {
  if (ids.length === 0) return [];
  const rs = await ex.execute({
    sql: `SELECT ${ITEM_COLUMNS} FROM items WHERE id IN (${list(ids.length)})`,
    args: [...ids],
  });
  return rs.rows.map(toItem);
}

export async function itemByCode(ex: Executor, code: string): Promise<Item | null> {
  const rs = await ex.execute({
    sql: `SELECT ${ITEM_COLUMNS} FROM items WHERE barcode = ? OR sku = ? COLLATE NOCASE LIMIT 1`,
    args: [code, code],
  });
  const r = rs.rows[0];
  return r ? toItem(r) : null;
}

/** An item's columns in the order of its INSERT and UPDATE statements (here and in catalog-bulk). */
export const itemArgs = (i: ItemInput) => [
  i.sku,
  i.name,
  JSON.stringify(i.aliases),
  i.unit,
  i.barcode,
  i.category,
  i.unitCostCents,
  i.reorderPoint,
  i.reorderQty,
  i.tracking,
  i.supplierId,
];

export async function insertItem(ex: Executor, i: ItemInput, at: number): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO items (sku, name, aliases, unit, barcode, category, unit_cost_cents, reorder_point,
            reorder_qty, tracking, supplier_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    args: [...itemArgs(i), at],
  });
  return num(rs.rows[0]?.id);
}

export async function updateItem(ex: Executor, id: number, i: ItemInput): Promise<void> {
  await ex.execute({
    sql: `UPDATE items SET sku = ?, name = ?, aliases = ?, unit = ?, barcode = ?, category = ?, unit_cost_cents = ?,
            reorder_point = ?, reorder_qty = ?, tracking = ?, supplier_id = ? WHERE id = ?`,
    args: [...itemArgs(i), id],
  });
}

export async function findItemConflicts(
  ex: Executor,
  i: { sku: string; barcode: string | null },
  exceptId: number,
): Promise<string[]> {
  const rs = await ex.execute({
    sql: 'SELECT sku, barcode FROM items WHERE (sku = ? OR barcode = ?) AND id <> ?',
    args: [i.sku, i.barcode, exceptId],
  });
  return rs.rows.map((r) =>
    str(r.sku) === i.sku ? `SKU ${i.sku} is already used` : `Barcode ${i.barcode} is already used`,
  );
}

export async function allLocations(ex: Executor): Promise<Location[]> {
  const rs = await ex.execute(`SELECT ${LOCATION_COLUMNS} FROM locations ORDER BY id`);
  return rs.rows.map(toLocation);
}

export async function locationByCode(ex: Executor, code: string): Promise<Location | null> {
  const rs = await ex.execute({
    sql: `SELECT ${LOCATION_COLUMNS} FROM locations WHERE code = ? COLLATE NOCASE`,
    args: [code],
  });
  const r = rs.rows[0];
  return r ? toLocation(r) : null;
}

export async function locationById(ex: Executor, id: number): Promise<Location | null> {
  const rs = await ex.execute({ sql: `SELECT ${LOCATION_COLUMNS} FROM locations WHERE id = ?`, args: [id] });
  const r = rs.rows[0];
  return r ? toLocation(r) : null;
}

export async function searchLocations(
  ex: Executor,
  q: { prefix: string; limit: number; offset: number },
): Promise<Location[]> {
  const rs = await ex.execute({
    sql: `SELECT ${LOCATION_COLUMNS} FROM locations WHERE code LIKE ? ESCAPE '\\' ORDER BY code LIMIT ? OFFSET ?`,
    args: [`${q.prefix.replace(/[\\%_]/g, '\\$&')}%`, q.limit, q.offset],
  });
  return rs.rows.map(toLocation);
}

/**
 * What a layout publish or a CSV import writes by code. Twin-managed locations also carry their rack
 * and turn; others leave them at their defaults. Hand-kept locations are written by the locations
 * repository instead.
 */
export type LocationUpsert = Omit<Location, 'id' | 'name' | 'description' | 'floorId'> & {
  name?: string;
  description?: string;
  floorId?: string | null;
  rotationY?: number;
  rackId?: string | null;
};

/** Adds locations or updates them by code (keeping their id, and so their stock and history). */
export async function upsertLocations(ex: Executor, rows: readonly LocationUpsert[]): Promise<void> {
  await insertRows(
    ex,
    `INSERT INTO locations (code, kind, name, description, floor_id, aisle, bay, level, x, y, z, width, height,
       depth, capacity, active, rotation_y, rack_id)`,
    rows.map((l) => [
      l.code,
      l.kind,
      l.name ?? '',
      l.description ?? '',
      l.floorId ?? null,
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
      l.rotationY ?? 0,
      l.rackId ?? null,
    ]),
    `ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name = excluded.name,
       description = excluded.description, floor_id = excluded.floor_id, aisle = excluded.aisle,
       bay = excluded.bay, level = excluded.level, x = excluded.x, y = excluded.y, z = excluded.z,
       width = excluded.width, height = excluded.height, depth = excluded.depth, capacity = excluded.capacity,
       active = excluded.active, rotation_y = excluded.rotation_y, rack_id = excluded.rack_id`,
  );
}

export function upsertLocation(ex: Executor, l: LocationUpsert): Promise<void> {
  return upsertLocations(ex, [l]);
}

export type StockAtLocation = {
  itemId: number;
  locationId: number;
  code: string;
  lot: string;
  onHand: number;
  reserved: number;
  lastCountedAt: number | null;
};

const toStock = (r: Record<string, unknown>): StockAtLocation => ({
  itemId: num(r.item_id),
  locationId: num(r.location_id),
  code: str(r.code),
  lot: str(r.lot),
  onHand: num(r.on_hand),
  reserved: num(r.reserved),
  lastCountedAt: numOrNull(r.last_counted_at),
});

export async function stockForItem(ex: Executor, itemId: number): Promise<StockAtLocation[]> {
  const rs = await ex.execute({
    sql: `SELECT s.item_id, s.location_id, l.code, s.lot, s.on_hand, s.reserved, s.last_counted_at
          FROM stock s JOIN locations l ON l.id = s.location_id
          WHERE s.item_id = ? AND (s.on_hand > 0 OR s.reserved > 0) ORDER BY l.code, s.lot`,
    args: [itemId],
  });
  return rs.rows.map(toStock);
}

export async function stockForItems(ex: Executor, itemIds: readonly number[]): Promise<Map<number, number>> {
  if (itemIds.length === 0) return new Map();
  const rs = await ex.execute({
    sql: `SELECT item_id, sum(on_hand) AS on_hand FROM stock WHERE item_id IN (${list(itemIds.length)}) GROUP BY item_id`,
    args: [...itemIds],
  });
  return new Map(rs.rows.map((r) => [num(r.item_id), num(r.on_hand)]));
}

export async function stockAtLocation(
  ex: Executor,
  locationId: number,
): Promise<(StockAtLocation & { itemName: string; sku: string; unit: string })[]> {
  const rs = await ex.execute({
    sql: `SELECT s.item_id, s.location_id, l.code, s.lot, s.on_hand, s.reserved, s.last_counted_at,
                 i.name AS item_name, i.sku, i.unit
          FROM stock s JOIN locations l ON l.id = s.location_id JOIN items i ON i.id = s.item_id
          WHERE s.location_id = ? AND (s.on_hand > 0 OR s.reserved > 0) ORDER BY i.name`,
    args: [locationId],
  });
  return rs.rows.map((r) => ({
    ...toStock(r),
    itemName: str(r.item_name),
    sku: str(r.sku),
    unit: str(r.unit),
  }));
}

export type MovementView = {
  id: number;
  operationId: number;
  kind: string;
  locationId: number;
  code: string;
  lot: string;
  qty: number;
  countedQty: number | null;
  actor: string | null;
  reason: string | null;
  refType: string | null;
  refId: number | null;
  at: number;
};

export async function movementsForItem(
  ex: Executor,
  itemId: number,
  beforeId: number | null,
  limit: number,
): Promise<MovementView[]> {
  const rs = await ex.execute({
    sql: `SELECT m.id, m.operation_id, m.kind, m.location_id, l.code, m.lot, m.qty, m.counted_qty,
                 u.display_name AS actor, m.reason, m.ref_type, m.ref_id, m.created_at
          FROM movements m JOIN locations l ON l.id = m.location_id LEFT JOIN users u ON u.id = m.actor_id
          WHERE m.item_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?`,
    args: [itemId, beforeId ?? Number.MAX_SAFE_INTEGER, limit],
  });
  return rs.rows.map((r) => ({
    id: num(r.id),
    operationId: num(r.operation_id),
    kind: str(r.kind),
    locationId: num(r.location_id),
    code: str(r.code),
    lot: str(r.lot),
    qty: num(r.qty),
    countedQty: numOrNull(r.counted_qty),
    actor: strOrNull(r.actor),
    reason: strOrNull(r.reason),
    refType: strOrNull(r.ref_type),
    refId: numOrNull(r.ref_id),
    at: num(r.created_at),
  }));
}

/** The first `limit` items by name (browsing the catalogue without a query). */
export async function itemIdsByName(ex: Executor, limit: number): Promise<number[]> {
  const rs = await ex.execute({ sql: 'SELECT id FROM items ORDER BY name LIMIT ?', args: [limit] });
  return rs.rows.map((r) => num(r.id));
}

/** Item rows in the given order, for bulk loads (the seed); ids are assigned in this order. */
export async function insertItems(ex: Executor, items: readonly ItemInput[], at: number): Promise<void> {
  await insertRows(
    ex,
    `INSERT INTO items (sku, name, aliases, unit, barcode, category, unit_cost_cents, reorder_point, reorder_qty,
       tracking, supplier_id, created_at)`,
    items.map((i) => [...itemArgs(i), at]),
  );
}

/** Whether any of the item is on hand anywhere. */
export async function itemIsOnHand(ex: Executor, itemId: number): Promise<boolean> {
  const rs = await ex.execute({
    sql: 'SELECT 1 FROM stock WHERE item_id = ? AND on_hand > 0 LIMIT 1',
    args: [itemId],
  });
  return rs.rows.length > 0;
}

/** Items whose available stock (on hand less reserved) is at or below their reorder point. */
export async function itemsAtReorderPoint(ex: Executor): Promise<LowStockInput[]> {
  const rs = await ex.execute(`
    SELECT i.id, i.sku, i.name, i.unit, i.category, i.reorder_point, i.reorder_qty, i.unit_cost_cents, i.supplier_id,
           sup.name AS supplier_name, sup.archived AS supplier_archived, sup.currency AS supplier_currency,
           sup.lead_time_days AS supplier_lead_time,
           pr.part_number, pr.price_minor, pr.pack_unit, pr.pack_size, pr.min_order_packs,
           pr.lead_time_days AS price_lead_time,
           coalesce(s.on_hand, 0) AS on_hand, coalesce(s.reserved, 0) AS reserved, coalesce(o.open_qty, 0) AS on_order
    FROM items i
    LEFT JOIN (SELECT item_id, sum(on_hand) AS on_hand, sum(reserved) AS reserved FROM stock GROUP BY item_id) s
      ON s.item_id = i.id
    LEFT JOIN (SELECT l.item_id, sum(l.qty_ordered - l.qty_received) AS open_qty
               FROM purchase_order_lines l JOIN purchase_orders p ON p.id = l.po_id
               WHERE p.status IN ('open', 'partially_received') GROUP BY l.item_id) o ON o.item_id = i.id
    LEFT JOIN suppliers sup ON sup.id = i.supplier_id
    LEFT JOIN supplier_prices pr ON pr.supplier_id = i.supplier_id AND pr.item_id = i.id
    WHERE coalesce(s.on_hand, 0) - coalesce(s.reserved, 0) <= i.reorder_point`);
  return rs.rows.map((r) => ({
    itemId: num(r.id),
    sku: str(r.sku),
    name: str(r.name),
    unit: str(r.unit),
    category: str(r.category),
    onHand: num(r.on_hand),
    reserved: num(r.reserved),
    onOrder: num(r.on_order),
    reorderPoint: num(r.reorder_point),
    reorderQty: num(r.reorder_qty),
    unitCostCents: num(r.unit_cost_cents),
    supplierId: numOrNull(r.supplier_id),
    supplierName: strOrNull(r.supplier_name),
    supplierArchived: num(r.supplier_archived ?? 0) === 1,
    supplierCurrency: strOrNull(r.supplier_currency),
    supplierLeadTimeDays: numOrNull(r.supplier_lead_time),
    price:
      r.part_number === null
        ? null
        : {
            partNumber: str(r.part_number),
            priceMinor: num(r.price_minor),
            pack: { unit: str(r.pack_unit), size: num(r.pack_size) },
            minOrderPacks: num(r.min_order_packs),
            leadTimeDays: numOrNull(r.price_lead_time),
          },
  }));
}

/** Stock on hand as SKU, location code, lot and quantity, for the CSV export. */
export async function stockOnHandBySku(
  ex: Executor,
): Promise<{ sku: string; location: string; lot: string; onHand: number }[]> {
  const rs = await ex.execute(`SELECT i.sku, l.code AS location, s.lot, s.on_hand FROM stock s
    JOIN items i ON i.id = s.item_id JOIN locations l ON l.id = s.location_id
    WHERE s.on_hand > 0 ORDER BY i.sku, l.code, s.lot`);
  return rs.rows.map((r) => ({
    sku: str(r.sku),
    location: str(r.location),
    lot: str(r.lot),
    onHand: num(r.on_hand),
  }));
}

/** Untracked stock that is on hand, by item and location (the API benchmark picks from it). */
export async function untrackedStockSlots(
  ex: Executor,
  limit: number,
): Promise<{ itemId: number; locationId: number }[]> {
  const rs = await ex.execute({
    sql: `SELECT s.item_id, s.location_id FROM stock s JOIN items i ON i.id = s.item_id
          WHERE i.tracking = 'none' AND s.on_hand > 0 ORDER BY s.item_id, s.location_id LIMIT ?`,
    args: [limit],
  });
  return rs.rows.map((r) => ({ itemId: num(r.item_id), locationId: num(r.location_id) }));
}
