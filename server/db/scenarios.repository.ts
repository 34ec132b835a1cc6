import type { MovementRow } from '../domain/layout/work-lines.ts';
import type { Executor } from './database.ts';
import { insertRows, list, num, numOrNull, str, strOrNull } from './sql.ts';

export type ScenarioStatus = 'draft' | 'applied';

export type ScenarioRow = {
  id: number;
  name: string;
  notes: string;
  baseRevisionId: number;
  /** Raw JSON; the service parses and validates it. */
  edits: string;
  status: ScenarioStatus;
  createdBy: number | null;
  author: string | null;
  createdAt: number;
  updatedAt: number;
  appliedRevisionId: number | null;
  workOrderId: number | null;
  appliedAt: number | null;
};

const SCENARIO_SQL = `SELECT s.id, s.name, s.notes, s.base_revision_id, s.edits, s.status, s.created_by,
  u.display_name AS author, s.created_at, s.updated_at, s.applied_revision_id, s.work_order_id, s.applied_at
  FROM scenarios s LEFT JOIN users u ON u.id = s.created_by`;

const toScenario = (r: Record<string, unknown>): ScenarioRow => ({
  id: num(r.id),
  name: str(r.name),
  notes: str(r.notes),
  baseRevisionId: num(r.base_revision_id),
  edits: str(r.edits),
  status: str(r.status) as ScenarioStatus,
  createdBy: numOrNull(r.created_by),
  author: strOrNull(r.author),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  appliedRevisionId: numOrNull(r.applied_revision_id),
  workOrderId: numOrNull(r.work_order_id),
  appliedAt: numOrNull(r.applied_at),
});

export async function listScenarios(ex: Executor): Promise<ScenarioRow[]> {
  const rs = await ex.execute(`${SCENARIO_SQL} ORDER BY s.updated_at DESC, s.id DESC`);
  return rs.rows.map(toScenario);
}

export async function scenarioById(ex: Executor, id: number): Promise<ScenarioRow | null> {
  const rs = await ex.execute({ sql: `${SCENARIO_SQL} WHERE s.id = ?`, args: [id] });
  const row = rs.rows[0];
  return row ? toScenario(row) : null;
}

export async function insertScenario(
  ex: Executor,
  s: { name: string; notes: string; baseRevisionId: number; actorId: number; now: number },
): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO scenarios (name, notes, base_revision_id, edits, status, created_by, created_at, updated_at)
          VALUES (?, ?, ?, '[]', 'draft', ?, ?, ?) RETURNING id`,
    args: [s.name, s.notes, s.baseRevisionId, s.actorId, s.now, s.now],
  });
  return num(rs.rows[0]?.id);
}

export async function updateScenario(
  ex: Executor,
  id: number,
  s: { name: string; notes: string; edits: string; now: number },
): Promise<void> {
  await ex.execute({
    sql: 'UPDATE scenarios SET name = ?, notes = ?, edits = ?, updated_at = ? WHERE id = ?',
    args: [s.name, s.notes, s.edits, s.now, id],
  });
}

export async function deleteScenario(ex: Executor, id: number): Promise<void> {
  await ex.execute({ sql: 'DELETE FROM scenario_results WHERE scenario_id = ?', args: [id] });
  await ex.execute({ sql: 'DELETE FROM scenarios WHERE id = ?', args: [id] });
}

export async function markApplied(
  ex: Executor,
  id: number,
  a: { revisionId: number; workOrderId: number | null; now: number },
): Promise<void> {
  await ex.execute({
    sql: `UPDATE scenarios SET status = 'applied', applied_revision_id = ?, work_order_id = ?, applied_at = ?,
          updated_at = ? WHERE id = ?`,
    args: [a.revisionId, a.workOrderId, a.now, a.now, id],
  });
}

export async function saveResult(
  ex: Executor,
  r: { scenarioId: number; seed: number; days: number; result: string; now: number },
): Promise<void> {
  await ex.execute({
    sql: `INSERT INTO scenario_results (scenario_id, seed, days, result, created_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (scenario_id) DO UPDATE SET seed = excluded.seed, days = excluded.days,
          result = excluded.result, created_at = excluded.created_at`,
    args: [r.scenarioId, r.seed, r.days, r.result, r.now],
  });
}

export async function resultFor(
  ex: Executor,
  scenarioId: number,
): Promise<{ seed: number; days: number; result: string; createdAt: number } | null> {
  const rs = await ex.execute({
    sql: 'SELECT seed, days, result, created_at FROM scenario_results WHERE scenario_id = ?',
    args: [scenarioId],
  });
  const r = rs.rows[0];
  return r
    ? { seed: num(r.seed), days: num(r.days), result: str(r.result), createdAt: num(r.created_at) }
    : null;
}

export async function currentRevisionId(ex: Executor): Promise<number | null> {
  const rs = await ex.execute('SELECT revision_id FROM twin_current WHERE id = 1');
  return numOrNull(rs.rows[0]?.revision_id);
}

/**
 * Work the simulation replays: picks, receipts, put-aways and transfers at bins since `since`, one
 * page of rows after movement `afterId` (the caller pages, so a long history never holds the
 * event loop for the whole read).
 */
export async function workMovements(
  ex: Executor,
  since: number,
  page: { afterId: number; limit: number } = { afterId: 0, limit: 1_000_000_000 },
): Promise<(MovementRow & { id: number })[]> {
  const rs = await ex.execute({
    sql: `SELECT m.id, m.operation_id, m.kind, m.item_id, l.code, m.qty, m.ref_type, m.ref_id, m.created_at
          FROM movements m JOIN locations l ON l.id = m.location_id
          WHERE m.created_at >= ? AND m.id > ? AND m.kind IN ('pick', 'receive', 'put_away', 'transfer')
            AND l.kind = 'bin'
          ORDER BY m.id LIMIT ?`,
    args: [since, page.afterId, page.limit],
  });
  return rs.rows.map((r) => ({
    id: num(r.id),
    operationId: num(r.operation_id),
    kind: str(r.kind) as MovementRow['kind'],
    itemId: num(r.item_id),
    bin: str(r.code),
    qty: num(r.qty),
    refType: strOrNull(r.ref_type),
    refId: numOrNull(r.ref_id),
    at: num(r.created_at),
  }));
}

export type HeldStock = {
  locationId: number;
  code: string;
  itemId: number;
  sku: string;
  lot: string;
  onHand: number;
  reserved: number;
};

/** Stock rows (on hand or reserved) at the twin's active bins and docks. */
export async function heldStock(ex: Executor): Promise<HeldStock[]> {
  const rs = await ex.execute(`SELECT s.location_id, l.code, s.item_id, i.sku, s.lot, s.on_hand, s.reserved
    FROM stock s JOIN locations l ON l.id = s.location_id JOIN items i ON i.id = s.item_id
    WHERE l.kind IN ('bin', 'dock') AND l.active = 1 AND (s.on_hand > 0 OR s.reserved > 0)
    ORDER BY l.code, s.item_id, s.lot`);
  return rs.rows.map((r) => ({
    locationId: num(r.location_id),
    code: str(r.code),
    itemId: num(r.item_id),
    sku: str(r.sku),
    lot: str(r.lot),
    onHand: num(r.on_hand),
    reserved: num(r.reserved),
  }));
}

export async function itemsExist(ex: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rs = await ex.execute({
    sql: `SELECT id FROM items WHERE id IN (${list(ids.length)})`,
    args: [...ids],
  });
  return new Set(rs.rows.map((r) => num(r.id)));
}

export async function locationIds(ex: Executor, codes: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500) {
    const part = unique.slice(i, i + 500);
    const rs = await ex.execute({
      sql: `SELECT id, code FROM locations WHERE code IN (${list(part.length)})`,
      args: part,
    });
    for (const r of rs.rows) out.set(str(r.code), num(r.id));
  }
  return out;
}

export type TransferRow = {
  itemId: number;
  lot: string;
  qty: number;
  fromLocationId: number;
  toLocationId: number;
};

export async function insertTransfers(
  ex: Executor,
  scenarioId: number,
  workOrderId: number,
  rows: readonly TransferRow[],
): Promise<void> {
  await insertRows(
    ex,
    'INSERT INTO relocation_transfers (scenario_id, work_order_id, item_id, lot, qty, from_location_id, to_location_id)',
    rows.map((t) => [scenarioId, workOrderId, t.itemId, t.lot, t.qty, t.fromLocationId, t.toLocationId]),
  );
}

export async function transfersFor(ex: Executor, scenarioId: number) {
  const rs = await ex.execute({
    sql: `SELECT t.item_id, i.sku, i.name, t.lot, t.qty, f.code AS from_code, o.code AS to_code
          FROM relocation_transfers t JOIN items i ON i.id = t.item_id
          JOIN locations f ON f.id = t.from_location_id JOIN locations o ON o.id = t.to_location_id
          WHERE t.scenario_id = ? ORDER BY t.id`,
    args: [scenarioId],
  });
  return rs.rows.map((r) => ({
    itemId: num(r.item_id),
    sku: str(r.sku),
    name: str(r.name),
    lot: str(r.lot),
    qty: num(r.qty),
    from: str(r.from_code),
    to: str(r.to_code),
  }));
}
