import type { Executor } from './database.ts';
import { num, numOrNull, str } from './sql.ts';

/*
 * Location reads and writes beyond the catalogue's look-ups (catalog.repository.ts): the twin's
 * bins and docks as a whole, and what they hold.
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
  onHand: number;
  items: number;
  lastCountedAt: number | null;
  /** Units picked from the bin since `pickedSince`. */
  picked: number;
};

/** Per active bin: what it holds, how many items, when it was last counted and what was picked since. */
export async function binStateRows(ex: Executor, pickedSince: number): Promise<BinStateRow[]> {
  const rs = await ex.execute({
    sql: `SELECT l.code, coalesce(s.on_hand, 0) AS on_hand, coalesce(s.items, 0) AS items,
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
    onHand: num(r.on_hand),
    items: num(r.items),
    lastCountedAt: numOrNull(r.last_counted_at),
    picked: num(r.picked),
  }));
}

/** Codes (upper case) of every location with stock on hand. */
export async function locationCodesWithStock(ex: Executor): Promise<Set<string>> {
  const rs = await ex.execute(
    'SELECT DISTINCT upper(l.code) AS code FROM stock s JOIN locations l ON l.id = s.location_id WHERE s.on_hand > 0',
  );
  return new Set(rs.rows.map((r) => str(r.code)));
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
