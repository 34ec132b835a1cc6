import type { Priority } from '../../common/work-order-status.ts';
import type { Executor } from './database.ts';
import { num, numOrNull, str, strOrNull } from './sql.ts';

export type AssetStatus = 'running' | 'down' | 'retired';

export type Asset = {
  id: number;
  tag: string;
  name: string;
  aliases: string[];
  category: string;
  locationId: number | null;
  x: number;
  y: number;
  z: number;
  meterUnit: string | null;
  meterValue: number;
  status: AssetStatus;
};

const ASSET_COLUMNS =
  'id, tag, name, aliases, category, location_id, x, y, z, meter_unit, meter_value, status';

const toAsset = (r: Record<string, unknown>): Asset => ({
  id: num(r.id),
  tag: str(r.tag),
  name: str(r.name),
  aliases: JSON.parse(str(r.aliases)) as string[],
  category: str(r.category),
  locationId: numOrNull(r.location_id),
  x: num(r.x),
  y: num(r.y),
  z: num(r.z),
  meterUnit: strOrNull(r.meter_unit),
  meterValue: num(r.meter_value),
  status: str(r.status) as AssetStatus,
});

/** Assets whose name, tag, aliases or category contain `text`, by tag, with their open work orders. */
export async function searchAssets(
  ex: Executor,
  text: string,
): Promise<(Asset & { openWorkOrders: number })[]> {
  const like = `%${text}%`;
  const rs = await ex.execute({
    sql: `SELECT ${ASSET_COLUMNS},
            (SELECT count(*) FROM work_orders w WHERE w.asset_id = a.id AND w.status NOT IN ('done', 'cancelled')) AS open_work
          FROM assets a WHERE name LIKE ? OR tag LIKE ? OR aliases LIKE ? OR category LIKE ? ORDER BY tag`,
    args: [like, like, like, like],
  });
  return rs.rows.map((r) => ({ ...toAsset(r), openWorkOrders: num(r.open_work) }));
}

export async function assetById(ex: Executor, id: number): Promise<Asset | null> {
  const rs = await ex.execute({ sql: `SELECT ${ASSET_COLUMNS} FROM assets a WHERE id = ?`, args: [id] });
  const r = rs.rows[0];
  return r ? toAsset(r) : null;
}

export async function assetExists(ex: Executor, id: number): Promise<boolean> {
  const rs = await ex.execute({ sql: 'SELECT 1 FROM assets WHERE id = ?', args: [id] });
  return rs.rows.length > 0;
}

export async function setAssetMeter(ex: Executor, id: number, value: number): Promise<void> {
  await ex.execute({ sql: 'UPDATE assets SET meter_value = ? WHERE id = ?', args: [value, id] });
}

export type AssetRecord = {
  tag: string;
  name: string;
  aliases: string[];
  category: string;
  x: number;
  z: number;
  meterUnit: string | null;
  meterValue: number;
  createdAt: number;
};

/** A running asset standing on the floor (y = 0). */
export async function insertAsset(ex: Executor, a: AssetRecord): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO assets (tag, name, aliases, category, x, y, z, meter_unit, meter_value, status, created_at)
          VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, 'running', ?) RETURNING id`,
    args: [
      a.tag,
      a.name,
      JSON.stringify(a.aliases),
      a.category,
      a.x,
      a.z,
      a.meterUnit,
      a.meterValue,
      a.createdAt,
    ],
  });
  return num(rs.rows[0]?.id);
}

export type MaintenancePlan = {
  id: number;
  title: string;
  intervalDays: number | null;
  intervalMeter: number | null;
  priority: Priority;
  lastDoneAt: number;
  lastDoneMeter: number;
};

const toPlan = (r: Record<string, unknown>): MaintenancePlan => ({
  id: num(r.id),
  title: str(r.title),
  intervalDays: numOrNull(r.interval_days),
  intervalMeter: numOrNull(r.interval_meter),
  priority: str(r.priority) as Priority,
  lastDoneAt: num(r.last_done_at),
  lastDoneMeter: num(r.last_done_meter),
});

export async function plansOfAsset(ex: Executor, assetId: number): Promise<MaintenancePlan[]> {
  const rs = await ex.execute({
    sql: `SELECT id, title, interval_days, interval_meter, priority, last_done_at, last_done_meter
          FROM maintenance_plans WHERE asset_id = ? ORDER BY id`,
    args: [assetId],
  });
  return rs.rows.map(toPlan);
}

export type PlanCandidate = MaintenancePlan & { assetId: number; tag: string; meterValue: number };

/**
 * Plans of assets in service (one asset's, or every asset's when `assetId` is null) that have no
 * work order open: the ones the scheduler may raise one for.
 */
export async function plansWithoutOpenWork(ex: Executor, assetId: number | null): Promise<PlanCandidate[]> {
  const rs = await ex.execute({
    sql: `SELECT p.id, p.asset_id, p.title, p.priority, p.interval_days, p.interval_meter, p.last_done_at,
                 p.last_done_meter, a.meter_value, a.tag
          FROM maintenance_plans p JOIN assets a ON a.id = p.asset_id
          WHERE a.status <> 'retired' AND (? IS NULL OR p.asset_id = ?)
            AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.plan_id = p.id AND w.status NOT IN ('done', 'cancelled'))`,
    args: [assetId, assetId],
  });
  return rs.rows.map((r) => ({
    ...toPlan(r),
    assetId: num(r.asset_id),
    tag: str(r.tag),
    meterValue: num(r.meter_value),
  }));
}

/** Records a plan as done now, at its asset's current meter reading. */
export async function markPlanDone(ex: Executor, planId: number, now: number): Promise<void> {
  await ex.execute({
    sql: `UPDATE maintenance_plans SET last_done_at = ?,
          last_done_meter = (SELECT meter_value FROM assets WHERE assets.id = maintenance_plans.asset_id)
          WHERE id = ?`,
    args: [now, planId],
  });
}

export async function insertMaintenancePlan(
  ex: Executor,
  p: Omit<MaintenancePlan, 'id'> & { assetId: number },
): Promise<void> {
  await ex.execute({
    sql: `INSERT INTO maintenance_plans (asset_id, title, interval_days, interval_meter, priority, last_done_at, last_done_meter)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
    args: [p.assetId, p.title, p.intervalDays, p.intervalMeter, p.priority, p.lastDoneAt, p.lastDoneMeter],
  });
}
