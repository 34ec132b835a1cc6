import type { Executor } from './database.ts';
import { insertRows, list, num, numOrNull, str, strOrNull } from './sql.ts';

export type AuditStatus = 'planned' | 'flown';
export type LineReview = 'none' | 'pending' | 'approved' | 'rejected' | 'stale';

export type DroneAuditRow = {
  id: number;
  status: AuditStatus;
  scope: string;
  label: string;
  config: string;
  revisionId: number;
  plan: string;
  bins: number;
  sorties: number;
  distanceM: number;
  flightS: number;
  durationS: number;
  parentId: number | null;
  seed: number | null;
  sensor: string | null;
  createdBy: number | null;
  createdAt: number;
  flownBy: number | null;
  flownAt: number | null;
};

export type DroneAuditSummary = Omit<DroneAuditRow, 'plan' | 'config' | 'scope' | 'sensor'> & {
  pending: number;
};

export type AuditLineRow = {
  id: number;
  auditId: number;
  locationId: number;
  code: string;
  itemId: number;
  sku: string;
  itemName: string;
  lot: string;
  expectedQty: number;
  readQty: number;
  confidence: number;
  outcome: 'found' | 'miscount' | 'missing' | 'unexpected';
  review: LineReview;
  decidedBy: number | null;
  decidedAt: number | null;
  movementId: number | null;
};

const SUMMARY_COLUMNS = `a.id, a.status, a.label, a.revision_id, a.bins, a.sorties, a.distance_m, a.flight_s,
  a.duration_s, a.parent_id, a.seed, a.created_by, a.created_at, a.flown_by, a.flown_at`;

const toSummary = (r: Record<string, unknown>): DroneAuditSummary => ({
  id: num(r.id),
  status: str(r.status) as AuditStatus,
  label: str(r.label),
  revisionId: num(r.revision_id),
  bins: num(r.bins),
  sorties: num(r.sorties),
  distanceM: num(r.distance_m),
  flightS: num(r.flight_s),
  durationS: num(r.duration_s),
  parentId: numOrNull(r.parent_id),
  seed: numOrNull(r.seed),
  createdBy: numOrNull(r.created_by),
  createdAt: num(r.created_at),
  flownBy: numOrNull(r.flown_by),
  flownAt: numOrNull(r.flown_at),
  pending: num(r.pending ?? 0),
});

export async function insertAudit(
  tx: Executor,
  a: Omit<DroneAuditRow, 'id' | 'status' | 'seed' | 'sensor' | 'flownBy' | 'flownAt'>,
): Promise<number> {
  const rs = await tx.execute({
    sql: `INSERT INTO drone_audits (status, scope, label, config, revision_id, plan, bins, sorties, distance_m,
            flight_s, duration_s, parent_id, created_by, created_at)
          VALUES ('planned', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    args: [
      a.scope,
      a.label,
      a.config,
      a.revisionId,
      a.plan,
      a.bins,
      a.sorties,
      a.distanceM,
      a.flightS,
      a.durationS,
      a.parentId,
      a.createdBy,
      a.createdAt,
    ],
  });
  return num(rs.rows[0]?.id);
}

export async function listAudits(ex: Executor, limit: number): Promise<DroneAuditSummary[]> {
  const rs = await ex.execute({
    sql: `SELECT ${SUMMARY_COLUMNS},
            (SELECT count(*) FROM drone_audit_lines l WHERE l.audit_id = a.id AND l.review = 'pending') AS pending
          FROM drone_audits a ORDER BY a.id DESC LIMIT ?`,
    args: [limit],
  });
  return rs.rows.map(toSummary);
}

export async function getAudit(ex: Executor, id: number): Promise<DroneAuditRow | null> {
  const rs = await ex.execute({
    sql: `SELECT id, status, scope, label, config, revision_id, plan, bins, sorties, distance_m, flight_s,
            duration_s, parent_id, seed, sensor, created_by, created_at, flown_by, flown_at
          FROM drone_audits WHERE id = ?`,
    args: [id],
  });
  const r = rs.rows[0];
  if (!r) return null;
  return {
    ...toSummary(r),
    scope: str(r.scope),
    config: str(r.config),
    plan: str(r.plan),
    sensor: strOrNull(r.sensor),
  };
}

export async function markFlown(
  tx: Executor,
  id: number,
  f: { seed: number; sensor: string; flownBy: number; flownAt: number },
): Promise<boolean> {
  const rs = await tx.execute({
    sql: `UPDATE drone_audits SET status = 'flown', seed = ?, sensor = ?, flown_by = ?, flown_at = ?
          WHERE id = ? AND status = 'planned'`,
    args: [f.seed, f.sensor, f.flownBy, f.flownAt, id],
  });
  return rs.rowsAffected === 1;
}

export async function insertAuditBins(
  tx: Executor,
  auditId: number,
  rows: readonly { locationId: number; seq: number; scannedAtS: number; status: 'read' | 'occluded' }[],
): Promise<void> {
  await insertRows(
    tx,
    'INSERT INTO drone_audit_bins (audit_id, location_id, seq, scanned_at_s, status)',
    rows.map((r) => [auditId, r.locationId, r.seq, r.scannedAtS, r.status]),
  );
}

export async function insertAuditLines(
  tx: Executor,
  auditId: number,
  rows: readonly Pick<
    AuditLineRow,
    'locationId' | 'itemId' | 'lot' | 'expectedQty' | 'readQty' | 'confidence' | 'outcome' | 'review'
  >[],
): Promise<void> {
  await insertRows(
    tx,
    'INSERT INTO drone_audit_lines (audit_id, location_id, item_id, lot, expected_qty, read_qty, confidence, outcome, review)',
    rows.map((r) => [
      auditId,
      r.locationId,
      r.itemId,
      r.lot,
      r.expectedQty,
      r.readQty,
      r.confidence,
      r.outcome,
      r.review,
    ]),
  );
}

const LINE_COLUMNS = `l.id, l.audit_id, l.location_id, loc.code, l.item_id, i.sku, i.name AS item_name, l.lot,
  l.expected_qty, l.read_qty, l.confidence, l.outcome, l.review, l.decided_by, l.decided_at, l.movement_id`;

const toLine = (r: Record<string, unknown>): AuditLineRow => ({
  id: num(r.id),
  auditId: num(r.audit_id),
  locationId: num(r.location_id),
  code: str(r.code),
  itemId: num(r.item_id),
  sku: str(r.sku),
  itemName: str(r.item_name),
  lot: str(r.lot),
  expectedQty: num(r.expected_qty),
  readQty: num(r.read_qty),
  confidence: num(r.confidence),
  outcome: str(r.outcome) as AuditLineRow['outcome'],
  review: str(r.review) as LineReview,
  decidedBy: numOrNull(r.decided_by),
  decidedAt: numOrNull(r.decided_at),
  movementId: numOrNull(r.movement_id),
});

/** Every line that needs or had a review (matches are only counted). */
export async function reviewLines(ex: Executor, auditId: number): Promise<AuditLineRow[]> {
  const rs = await ex.execute({
    sql: `SELECT ${LINE_COLUMNS} FROM drone_audit_lines l
          JOIN locations loc ON loc.id = l.location_id JOIN items i ON i.id = l.item_id
          WHERE l.audit_id = ? AND l.review <> 'none' ORDER BY loc.code, i.sku, l.lot`,
    args: [auditId],
  });
  return rs.rows.map(toLine);
}

export async function linesByIds(
  ex: Executor,
  auditId: number,
  ids: readonly number[],
): Promise<AuditLineRow[]> {
  if (ids.length === 0) return [];
  const rs = await ex.execute({
    sql: `SELECT ${LINE_COLUMNS} FROM drone_audit_lines l
          JOIN locations loc ON loc.id = l.location_id JOIN items i ON i.id = l.item_id
          WHERE l.audit_id = ? AND l.id IN (${list(ids.length)})`,
    args: [auditId, ...ids],
  });
  return rs.rows.map(toLine);
}

export async function setLineReview(
  tx: Executor,
  id: number,
  r: { review: LineReview; decidedBy: number; decidedAt: number; movementId: number | null },
): Promise<void> {
  await tx.execute({
    sql: 'UPDATE drone_audit_lines SET review = ?, decided_by = ?, decided_at = ?, movement_id = ? WHERE id = ?',
    args: [r.review, r.decidedBy, r.decidedAt, r.movementId, id],
  });
}

export async function binCounts(
  ex: Executor,
  auditId: number,
): Promise<{ read: number; occluded: number; lines: number; found: number }> {
  const bins = await ex.execute({
    sql: `SELECT coalesce(sum(status = 'read'), 0) AS read, coalesce(sum(status = 'occluded'), 0) AS occluded
          FROM drone_audit_bins WHERE audit_id = ?`,
    args: [auditId],
  });
  const lines = await ex.execute({
    sql: `SELECT count(*) AS n, coalesce(sum(outcome = 'found'), 0) AS found FROM drone_audit_lines WHERE audit_id = ?`,
    args: [auditId],
  });
  return {
    read: num(bins.rows[0]?.read),
    occluded: num(bins.rows[0]?.occluded),
    lines: num(lines.rows[0]?.n),
    found: num(lines.rows[0]?.found),
  };
}

export async function occludedCodes(ex: Executor, auditId: number): Promise<string[]> {
  const rs = await ex.execute({
    sql: `SELECT loc.code FROM drone_audit_bins b JOIN locations loc ON loc.id = b.location_id
          WHERE b.audit_id = ? AND b.status = 'occluded' ORDER BY loc.code`,
    args: [auditId],
  });
  return rs.rows.map((r) => str(r.code));
}

export type BinStock = { locationId: number; lines: { itemId: number; lot: string; qty: number }[] };

/** Active bins by code with what the ledger says they hold. */
export async function binStock(ex: Executor, codes: readonly string[]): Promise<Map<string, BinStock>> {
  const out = new Map<string, BinStock>();
  for (let i = 0; i < codes.length; i += 500) {
    const part = codes.slice(i, i + 500);
    const rs = await ex.execute({
      sql: `SELECT loc.id, loc.code, s.item_id, s.lot, s.on_hand FROM locations loc
            LEFT JOIN stock s ON s.location_id = loc.id AND s.on_hand > 0
            WHERE loc.kind = 'bin' AND loc.active = 1 AND loc.code IN (${list(part.length)})`,
      args: [...part],
    });
    for (const r of rs.rows) {
      const code = str(r.code);
      let entry = out.get(code);
      if (!entry) {
        entry = { locationId: num(r.id), lines: [] };
        out.set(code, entry);
      }
      if (r.item_id !== null)
        entry.lines.push({ itemId: num(r.item_id), lot: str(r.lot), qty: num(r.on_hand) });
    }
  }
  return out;
}

/** Latest count per bin code (null when never counted), for "not counted in N days". */
export async function lastCountedByCode(ex: Executor): Promise<Map<string, number | null>> {
  const rs = await ex.execute(`SELECT loc.code, max(s.last_counted_at) AS at FROM locations loc
    LEFT JOIN stock s ON s.location_id = loc.id WHERE loc.kind = 'bin' AND loc.active = 1 GROUP BY loc.code`);
  return new Map(rs.rows.map((r) => [str(r.code), numOrNull(r.at)]));
}

/** Untracked items, which a simulated stray case may be. */
export async function untrackedItemIds(ex: Executor, limit: number): Promise<number[]> {
  const rs = await ex.execute({
    sql: "SELECT id FROM items WHERE tracking = 'none' ORDER BY id LIMIT ?",
    args: [limit],
  });
  return rs.rows.map((r) => num(r.id));
}

/** Whether (item, bin, lot) has any movement after `since` (ms). */
export async function movedSince(
  ex: Executor,
  key: { itemId: number; locationId: number; lot: string },
  since: number,
): Promise<boolean> {
  const rs = await ex.execute({
    sql: 'SELECT 1 FROM movements WHERE item_id = ? AND location_id = ? AND lot = ? AND created_at > ? LIMIT 1',
    args: [key.itemId, key.locationId, key.lot, since],
  });
  return rs.rows.length > 0;
}
