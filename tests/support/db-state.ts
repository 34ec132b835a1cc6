import type { Database } from '../../server/db/database.ts';

const TABLES = [
  'users',
  'locations',
  'suppliers',
  'supplier_contacts',
  'supplier_prices',
  'categories',
  'units',
  'items',
  'item_packs',
  'stock',
  'movements',
  'idempotency',
  'purchase_orders',
  'purchase_order_lines',
  'assets',
  'maintenance_plans',
  'maintenance_plan_parts',
  'work_orders',
  'work_order_parts',
  'work_order_events',
  'work_order_tasks',
  'twin_revisions',
  'audit_log',
];

/** A fingerprint of everything a mutation could write, to assert that a refused call changed nothing. */
export async function dbFingerprint(db: Database): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const rs = await db.reader.execute(`SELECT count(*) AS n FROM ${t}`);
    parts.push(`${t}=${rs.rows[0]?.n}`);
  }
  const stock = await db.reader.execute(
    `SELECT group_concat(item_id || ':' || location_id || ':' || on_hand || ':' || reserved) AS s FROM stock`,
  );
  const wo = await db.reader.execute(
    `SELECT group_concat(id || ':' || status || ':' || coalesce(assignee_id, '')) AS s FROM work_orders`,
  );
  const items = await db.reader.execute(
    `SELECT group_concat(sku || ':' || name || ':' || reorder_point || ':' || category || ':' || unit || ':' ||
       coalesce(supplier_id, '')) AS s FROM items`,
  );
  // Masters change in place (a rename, an archive), which a count would not see.
  const masters = await db.reader.execute(
    `SELECT (SELECT group_concat(name || ':' || lead_time_days || ':' || currency || ':' || archived) FROM suppliers) ||
            (SELECT coalesce(group_concat(name || ':' || archived), '') FROM categories) ||
            (SELECT coalesce(group_concat(code || ':' || name || ':' || archived), '') FROM units) ||
            (SELECT coalesce(group_concat(code || ':' || kind || ':' || name || ':' || active), '') FROM locations) AS s`,
  );
  parts.push(
    String(stock.rows[0]?.s),
    String(wo.rows[0]?.s),
    String(items.rows[0]?.s),
    String(masters.rows[0]?.s),
  );
  const assets = await db.reader.execute(
    `SELECT group_concat(tag || ':' || name || ':' || coalesce(archived_at, '')) AS s FROM assets`,
  );
  const plans = await db.reader.execute(
    `SELECT group_concat(title || ':' || checklist || ':' || coalesce(archived_at, '')) AS s FROM maintenance_plans`,
  );
  const tasks = await db.reader.execute(
    `SELECT group_concat(id || ':' || coalesce(done_at, '')) AS s FROM work_order_tasks`,
  );
  parts.push(String(assets.rows[0]?.s), String(plans.rows[0]?.s), String(tasks.rows[0]?.s));
  return parts.join('\n');
}

export async function ledgerHolds(db: Database): Promise<boolean> {
  const rs = await db.reader.execute(`
    SELECT count(*) AS bad FROM stock s
    LEFT JOIN (SELECT item_id, location_id, lot, sum(qty) AS total FROM movements GROUP BY 1, 2, 3) m
      ON m.item_id = s.item_id AND m.location_id = s.location_id AND m.lot = s.lot
    WHERE s.on_hand <> coalesce(m.total, 0) OR s.on_hand < 0 OR s.reserved > s.on_hand`);
  return Number(rs.rows[0]?.bad) === 0;
}
