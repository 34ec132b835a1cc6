import type { InValue } from '@libsql/client';
import type {
  ItemInfo,
  LocationInfo,
  MovementLine,
  Snapshot,
  StockRow,
  Tracking,
} from '../domain/stock-ledger.ts';
import { stockKey } from '../domain/stock-ledger.ts';
import type { Executor } from './database.ts';
import { insertRows, list, num, numOrNull, selectAsJson, str } from './sql.ts';

export type StoredResult = { key: string; operation: string; result: string };

/** Loads exactly the items, locations and stock rows a group of operations touches. */
export async function loadSnapshot(
  ex: Executor,
  keys: readonly { itemId: number; locationId: number; lot: string }[],
): Promise<Snapshot> {
  const itemIds = [...new Set(keys.map((k) => k.itemId))];
  const locationIds = [...new Set(keys.map((k) => k.locationId))];
  const pairs = [...new Map(keys.map((k) => [`${k.itemId}|${k.locationId}`, k])).values()];
  // Keys go in as one JSON parameter and rows come back as one JSON document: an import posts
  // 100,000 counts, and per-parameter and per-row costs in the client dominate (see sql.ts).
  const [items, locations, stock] = await Promise.all([
    selectAsJson(
      ex,
      ['id', 'name', 'unit', 'tracking'],
      'FROM items WHERE id IN (SELECT value FROM json_each(?))',
      [JSON.stringify(itemIds)],
    ),
    selectAsJson(
      ex,
      ['id', 'code', 'active'],
      'FROM locations WHERE id IN (SELECT value FROM json_each(?))',
      [JSON.stringify(locationIds)],
    ),
    selectAsJson(
      ex,
      ['item_id', 'location_id', 'lot', 'on_hand', 'reserved', 'last_counted_at'],
      'FROM stock WHERE (item_id, location_id) IN (SELECT value->>0, value->>1 FROM json_each(?))',
      [JSON.stringify(pairs.map((p) => [p.itemId, p.locationId]))],
    ),
  ]);
  const snapshot: Snapshot = {
    items: new Map<number, ItemInfo>(
      items.map((r) => [
        num(r.id),
        { id: num(r.id), name: str(r.name), unit: str(r.unit), tracking: str(r.tracking) as Tracking },
      ]),
    ),
    locations: new Map<number, LocationInfo>(
      locations.map((r) => [num(r.id), { id: num(r.id), code: str(r.code), active: num(r.active) === 1 }]),
    ),
    stock: new Map<string, StockRow>(),
  };
  for (const r of stock) {
    const row: StockRow = {
      itemId: num(r.item_id),
      locationId: num(r.location_id),
      lot: str(r.lot),
      onHand: num(r.on_hand),
      reserved: num(r.reserved),
      lastCountedAt: numOrNull(r.last_counted_at),
    };
    snapshot.stock.set(stockKey(row.itemId, row.locationId, row.lot), row);
  }
  return snapshot;
}

/** Whose keys a request's key is looked up among: its actor, or 0 for work done by no user. */
export const keyScope = (actorId: number | null): number => actorId ?? 0;

/** Stored results by `${scope}:${key}` (see `scopedKey`). */
export async function findStoredResults(
  ex: Executor,
  keys: readonly { actorId: number | null; key: string }[],
): Promise<Map<string, StoredResult>> {
  if (keys.length === 0) return new Map();
  const rows = await selectAsJson(
    ex,
    ['i.actor_id', 'i.key', 'i.operation', 'i.result'],
    // A join, not `(actor_id, key) IN (...)`: SQLite uses only the key's first column for a row-value
    // IN, so each look-up scanned every key the user ever sent and picks slowed as history grew.
    `FROM json_each(?) AS k JOIN idempotency AS i
       ON i.actor_id = k.value->>0 AND i.key = k.value->>1`,
    [JSON.stringify(keys.map((k) => [keyScope(k.actorId), k.key]))],
  );
  return new Map(
    rows.map((r) => [
      scopedKey(num(r.actor_id), str(r.key)),
      { key: str(r.key), operation: str(r.operation), result: str(r.result) },
    ]),
  );
}

/** One map key per (actor, idempotency key): the same key from two users is two requests. */
export function scopedKey(actorId: number | null, key: string): string {
  return `${keyScope(actorId)}:${key}`;
}

export async function storeResults(
  tx: Executor,
  rows: readonly { key: string; actorId: number | null; operation: string; result: string; at: number }[],
): Promise<void> {
  await insertRows(
    tx,
    'INSERT INTO idempotency (actor_id, key, operation, result, created_at)',
    rows.map((r) => [keyScope(r.actorId), r.key, r.operation, r.result, r.at]),
  );
}

export async function nextMovementId(tx: Executor): Promise<number> {
  const rs = await tx.execute('SELECT coalesce(max(id), 0) + 1 AS next FROM movements');
  return num(rs.rows[0]?.next ?? 1);
}

export type StoredLine = MovementLine & {
  id: number;
  operationId: number;
  actorId: number | null;
  at: number;
};

export async function insertMovements(tx: Executor, lines: readonly StoredLine[]): Promise<void> {
  const rows: InValue[][] = lines.map((l) => [
    l.id,
    l.operationId,
    l.kind,
    l.itemId,
    l.locationId,
    l.lot,
    l.qty,
    l.countedQty,
    l.actorId,
    l.reason,
    l.refType,
    l.refId,
    l.at,
  ]);
  await insertRows(
    tx,
    `INSERT INTO movements (id, operation_id, kind, item_id, location_id, lot, qty, counted_qty, actor_id,
       reason, ref_type, ref_id, created_at)`,
    rows,
  );
}

export async function upsertStock(tx: Executor, rows: readonly StockRow[]): Promise<void> {
  await insertRows(
    tx,
    'INSERT INTO stock (item_id, location_id, lot, on_hand, reserved, last_counted_at)',
    rows.map((r) => [r.itemId, r.locationId, r.lot, r.onHand, r.reserved, r.lastCountedAt]),
    `ON CONFLICT (item_id, location_id, lot) DO UPDATE SET on_hand = excluded.on_hand,
       reserved = excluded.reserved, last_counted_at = excluded.last_counted_at`,
  );
}

/** Rows whose on-hand differs from the sum of their movements; empty when the ledger holds. */
export async function ledgerMismatches(
  ex: Executor,
): Promise<{ itemId: number; locationId: number; lot: string; onHand: number; ledger: number }[]> {
  const rs = await ex.execute(`
    WITH sums AS (SELECT item_id, location_id, lot, sum(qty) AS total FROM movements GROUP BY 1, 2, 3)
    SELECT coalesce(s.item_id, m.item_id) AS item_id, coalesce(s.location_id, m.location_id) AS location_id,
           coalesce(s.lot, m.lot) AS lot, coalesce(s.on_hand, 0) AS on_hand, coalesce(m.total, 0) AS ledger
    FROM stock s FULL OUTER JOIN sums m
      ON m.item_id = s.item_id AND m.location_id = s.location_id AND m.lot = s.lot
    WHERE coalesce(s.on_hand, 0) <> coalesce(m.total, 0)`);
  return rs.rows.map((r) => ({
    itemId: num(r.item_id),
    locationId: num(r.location_id),
    lot: str(r.lot),
    onHand: num(r.on_hand),
    ledger: num(r.ledger),
  }));
}

/** Stock of these items that is on hand and not reserved, at locations that take stock. */
export async function freeStockOfItems(
  ex: Executor,
  itemIds: readonly number[],
): Promise<{ itemId: number; locationId: number; code: string; lot: string; free: number }[]> {
  if (itemIds.length === 0) return [];
  const rs = await ex.execute({
    sql: `SELECT s.item_id, s.location_id, l.code, s.lot, s.on_hand - s.reserved AS free
          FROM stock s JOIN locations l ON l.id = s.location_id
          WHERE s.item_id IN (${list(itemIds.length)}) AND l.active = 1 AND s.on_hand > s.reserved`,
    args: [...itemIds],
  });
  return rs.rows.map((r) => ({
    itemId: num(r.item_id),
    locationId: num(r.location_id),
    code: str(r.code),
    lot: str(r.lot),
    free: num(r.free),
  }));
}
