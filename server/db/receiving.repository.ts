import type { Executor } from './database.ts';
import { list, num, str } from './sql.ts';

export type UsualBin = { locationId: number; code: string };

/**
 * Where each item usually goes when it arrives: the active bin holding most of it now, else the
 * active location it was last received into. Items never stocked or received have none.
 */
export async function usualBins(ex: Executor, itemIds: readonly number[]): Promise<Map<number, UsualBin>> {
  const out = new Map<number, UsualBin>();
  if (itemIds.length === 0) return out;
  const stocked = await ex.execute({
    sql: `SELECT s.item_id, s.location_id, l.code, sum(s.on_hand) AS on_hand
          FROM stock s JOIN locations l ON l.id = s.location_id
          WHERE s.item_id IN (${list(itemIds.length)}) AND s.on_hand > 0 AND l.kind = 'bin' AND l.active = 1
          GROUP BY s.item_id, s.location_id
          ORDER BY on_hand DESC, l.code`,
    args: [...itemIds],
  });
  for (const r of stocked.rows) {
    if (!out.has(num(r.item_id)))
      out.set(num(r.item_id), { locationId: num(r.location_id), code: str(r.code) });
  }
  const rest = itemIds.filter((id) => !out.has(id));
  if (rest.length === 0) return out;
  const received = await ex.execute({
    sql: `SELECT m.item_id, m.location_id, l.code
          FROM movements m JOIN locations l ON l.id = m.location_id
          WHERE m.id IN (SELECT max(id) FROM movements
                         WHERE kind = 'receive' AND item_id IN (${list(rest.length)}) GROUP BY item_id)
            AND l.active = 1`,
    args: rest,
  });
  for (const r of received.rows) {
    out.set(num(r.item_id), { locationId: num(r.location_id), code: str(r.code) });
  }
  return out;
}
