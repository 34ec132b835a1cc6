import type { ManualLocationKind } from '../../common/masters/location.ts';
import type { Executor } from './database.ts';
import { num, numOrNull, str } from './sql.ts';

/*
 * Location reads and writes beyond the catalogue's look-ups (catalog.repository.ts): the twin's
 * bins and docks as a whole, the hand-kept locations (cabinets, rooms, vans, other areas), and what
 * they hold.
 */

/** Marks every twin-managed location (bins and docks) inactive; a publish then re-activates the kept ones. */
export async function retireTwinLocations(ex: Executor): Promise<void> {
  await ex.execute("UPDATE locations SET active = 0 WHERE kind IN ('bin', 'dock')");
}

/** What each active bin or dock holds or reserves, summed over items and lots (only those with stock rows). */
export async function stockHeldByTwinLocation(ex: Executor): Promise<{ code: string; held: number }[]> {
  const rs = await ex.execute(`SELECT l.code, sum(s.on_hand + s.reserved) AS held
    FROM locations l JOIN stock s ON s.location_id = l.id
    WHERE l.kind IN ('bin', 'dock') AND l.active = 1 GROUP BY l.code`);
  return rs.rows.map((r) => ({ code: str(r.code), held: num(r.held) }));
}

export type BinStateRow = {
  code: string;
  /** How many units the bin holds when full. */
  capacity: number;
  onHand: number;
  items: number;
  lastCountedAt: number | null;
  /** Units picked from the bin since `pickedSince`. */
  picked: number;
};

/** Per active bin: what it holds, how many items, when it was last counted and what was picked since. */
export async function binStateRows(ex: Executor, pickedSince: number): Promise<BinStateRow[]> {
  const rs = await ex.execute({
    sql: `SELECT l.code, l.capacity, coalesce(s.on_hand, 0) AS on_hand, coalesce(s.items, 0) AS items,
                 s.last_counted_at, coalesce(p.picked, 0) AS picked
          FROM locations l
          LEFT JOIN (SELECT location_id, sum(on_hand) AS on_hand, count(DISTINCT item_id) AS items,
                            max(last_counted_at) AS last_counted_at
                     FROM stock WHERE on_hand > 0 GROUP BY location_id) s ON s.location_id = l.id
          LEFT JOIN (SELECT location_id, -sum(qty) AS picked FROM movements
                     WHERE kind = 'pick' AND created_at >= ? GROUP BY location_id) p ON p.location_id = l.id
          WHERE l.kind = 'bin' AND l.active = 1`,
    args: [pickedSince],
  });
  return rs.rows.map((r) => ({
    code: str(r.code),
    capacity: num(r.capacity),
    onHand: num(r.on_hand),
    items: num(r.items),
    lastCountedAt: numOrNull(r.last_counted_at),
    picked: num(r.picked),
  }));
}

/** Ids of every bin, oldest first (the seed addresses bins by position). */
export async function binIdsInOrder(ex: Executor): Promise<number[]> {
  const rs = await ex.execute("SELECT id FROM locations WHERE kind = 'bin' ORDER BY id");
  return rs.rows.map((r) => num(r.id));
}

export async function countActiveLocations(ex: Executor): Promise<number> {
  const rs = await ex.execute('SELECT count(*) AS n FROM locations WHERE active = 1');
  return num(rs.rows[0]?.n ?? 0);
}

/** A hand-kept location as the setup screen writes it; y is the floor's elevation when placed. */
export type ManualLocationRow = {
  code: string;
  kind: ManualLocationKind;
  name: string;
  description: string;
  floorId: string | null;
  x: number | null;
  y: number | null;
  z: number | null;
  capacity: number;
};

const manualArgs = (l: ManualLocationRow) => [
  l.code,
  l.kind,
  l.name,
  l.description,
  l.floorId,
  l.x,
  l.y,
  l.z,
  l.capacity,
];

export async function insertManualLocation(ex: Executor, l: ManualLocationRow): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO locations (code, kind, name, description, floor_id, x, y, z, capacity, active)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`,
    args: manualArgs(l),
  });
  return num(rs.rows[0]?.id);
}

export async function updateManualLocation(ex: Executor, id: number, l: ManualLocationRow): Promise<void> {
  await ex.execute({
    sql: `UPDATE locations SET code = ?, kind = ?, name = ?, description = ?, floor_id = ?, x = ?, y = ?, z = ?,
            capacity = ? WHERE id = ?`,
    args: [...manualArgs(l), id],
  });
}

export async function setLocationActive(ex: Executor, id: number, active: boolean): Promise<void> {
  await ex.execute({ sql: 'UPDATE locations SET active = ? WHERE id = ?', args: [active ? 1 : 0, id] });
}

/** The location with this code in any case, other than `exceptId`. */
export async function locationWithCode(
  ex: Executor,
  code: string,
  exceptId: number,
): Promise<{ id: number; code: string; kind: string } | null> {
  const rs = await ex.execute({
    sql: 'SELECT id, code, kind FROM locations WHERE code = ? COLLATE NOCASE AND id <> ?',
    args: [code, exceptId],
  });
  const r = rs.rows[0];
  return r ? { id: num(r.id), code: str(r.code), kind: str(r.kind) } : null;
}

export type ManualLocationSummary = {
  id: number;
  code: string;
  kind: ManualLocationKind;
  name: string;
  description: string;
  floorId: string | null;
  x: number | null;
  z: number | null;
  capacity: number;
  active: boolean;
  onHand: number;
  items: number;
};

/** Every hand-kept location by code, with what it holds. */
export async function manualLocations(ex: Executor): Promise<ManualLocationSummary[]> {
  const rs = await ex.execute(`SELECT l.id, l.code, l.kind, l.name, l.description, l.floor_id, l.x, l.z,
      l.capacity, l.active, coalesce(s.on_hand, 0) AS on_hand, coalesce(s.items, 0) AS items
    FROM locations l
    LEFT JOIN (SELECT location_id, sum(on_hand) AS on_hand, count(DISTINCT item_id) AS items FROM stock
               WHERE on_hand > 0 GROUP BY location_id) s ON s.location_id = l.id
    WHERE l.kind IN ('cabinet', 'room', 'van', 'area') ORDER BY l.code`);
  return rs.rows.map((r) => ({
    id: num(r.id),
    code: str(r.code),
    kind: str(r.kind) as ManualLocationKind,
    name: str(r.name),
    description: str(r.description),
    floorId: r.floor_id === null ? null : str(r.floor_id),
    x: numOrNull(r.x),
    z: numOrNull(r.z),
    capacity: num(r.capacity),
    active: num(r.active) === 1,
    onHand: num(r.on_hand),
    items: num(r.items),
  }));
}

/** What one location holds or reserves, per item (summed over lots), largest first. */
export async function holdingsAt(
  ex: Executor,
  locationId: number,
): Promise<{ name: string; unit: string; onHand: number; reserved: number }[]> {
  const rs = await ex.execute({
    sql: `SELECT i.name, i.unit, sum(s.on_hand) AS on_hand, sum(s.reserved) AS reserved
          FROM stock s JOIN items i ON i.id = s.item_id
          WHERE s.location_id = ? AND (s.on_hand > 0 OR s.reserved > 0)
          GROUP BY s.item_id ORDER BY sum(s.on_hand) DESC, i.name`,
    args: [locationId],
  });
  return rs.rows.map((r) => ({
    name: str(r.name),
    unit: str(r.unit),
    onHand: num(r.on_hand),
    reserved: num(r.reserved),
  }));
}

/** Codes of every hand-kept location (a layout may not take one over). */
export async function manualLocationCodes(ex: Executor): Promise<string[]> {
  const rs = await ex.execute("SELECT code FROM locations WHERE kind IN ('cabinet', 'room', 'van', 'area')");
  return rs.rows.map((r) => str(r.code));
}
