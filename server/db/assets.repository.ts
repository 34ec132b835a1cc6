import type { AssetStatus, Criticality } from '../../common/masters/asset.ts';
import type { Priority } from '../../common/work-order-status.ts';
import type { SearchableAsset } from '../domain/asset-search.ts';
import type { Executor } from './database.ts';
import { insertRows, list, num, numOrNull, str, strOrNull } from './sql.ts';

export type { AssetStatus } from '../../common/masters/asset.ts';

type Row = Record<string, unknown>;

/** The register fields an asset is written with (create, update, the seed). */
export type AssetRecord = {
  tag: string;
  name: string;
  aliases: string[];
  type: string;
  category: string;
  criticality: Criticality;
  make: string;
  model: string;
  serial: string;
  installedOn: string | null;
  /** The bin it is kept at, or null. */
  locationId: number | null;
  /** The twin zone it stands in, or null. */
  zoneId: string | null;
  /** Floor position (the centre of its footprint when it stands on a spot of the twin). */
  x: number;
  z: number;
  meterUnit: string | null;
  meterValue: number;
  status: AssetStatus;
};

export type Asset = AssetRecord & {
  id: number;
  y: number;
  /** Code of the bin it is kept at. */
  locationCode: string | null;
  archivedAt: number | null;
  createdAt: number;
};

const ASSET_COLUMNS = `a.id, a.tag, a.name, a.aliases, a.type, a.category, a.criticality, a.make, a.model, a.serial,
  a.installed_on, a.location_id, l.code AS location_code, a.zone_id, a.x, a.y, a.z, a.meter_unit, a.meter_value,
  a.status, a.archived_at, a.created_at`;
const ASSET_FROM = 'FROM assets a LEFT JOIN locations l ON l.id = a.location_id';

const toAsset = (r: Row): Asset => ({
  id: num(r.id),
  tag: str(r.tag),
  name: str(r.name),
  aliases: JSON.parse(str(r.aliases)) as string[],
  type: str(r.type),
  category: str(r.category),
  criticality: str(r.criticality) as Criticality,
  make: str(r.make),
  model: str(r.model),
  serial: str(r.serial),
  installedOn: strOrNull(r.installed_on),
  locationId: numOrNull(r.location_id),
  locationCode: strOrNull(r.location_code),
  zoneId: strOrNull(r.zone_id),
  x: num(r.x),
  y: num(r.y),
  z: num(r.z),
  meterUnit: strOrNull(r.meter_unit),
  meterValue: num(r.meter_value),
  status: str(r.status) as AssetStatus,
  archivedAt: numOrNull(r.archived_at),
  createdAt: num(r.created_at),
});

const WITH_OPEN_WORK = `SELECT ${ASSET_COLUMNS},
    (SELECT count(*) FROM work_orders w WHERE w.asset_id = a.id AND w.status NOT IN ('done', 'cancelled')) AS open_work
  ${ASSET_FROM}`;

const toListed = (r: Row): Asset & { openWorkOrders: number } => ({
  ...toAsset(r),
  openWorkOrders: num(r.open_work),
});

/**
 * The register by tag, with each asset's open work orders; archived ones only when asked for. A null
 * limit is the whole register (a CSV export or import).
 */
export async function listAssets(
  ex: Executor,
  filter: { includeArchived: boolean; limit: number | null },
): Promise<(Asset & { openWorkOrders: number })[]> {
  const rs = await ex.execute({
    // SQLite reads a negative LIMIT as none.
    sql: `${WITH_OPEN_WORK} WHERE (? OR a.archived_at IS NULL) ORDER BY a.tag LIMIT ?`,
    args: [filter.includeArchived ? 1 : 0, filter.limit ?? -1],
  });
  return rs.rows.map(toListed);
}

/** These assets with their open work orders, in the order asked for (a search's ranking). */
export async function listAssetsById(
  ex: Executor,
  ids: readonly number[],
): Promise<(Asset & { openWorkOrders: number })[]> {
  if (ids.length === 0) return [];
  const rs = await ex.execute({
    sql: `${WITH_OPEN_WORK} WHERE a.id IN (${list(ids.length)})`,
    args: [...ids],
  });
  const byId = new Map(rs.rows.map((r) => [num(r.id), toListed(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const SEARCH_COLUMNS = 'id, tag, name, aliases, type, category, archived_at';

const toSearchable = (r: Row): SearchableAsset => ({
  id: num(r.id),
  tag: str(r.tag),
  name: str(r.name),
  aliases: JSON.parse(str(r.aliases)) as string[],
  type: str(r.type),
  category: str(r.category),
  archived: r.archived_at !== null,
});

/** What search knows of every asset, archived ones included. */
export async function searchableAssets(ex: Executor): Promise<SearchableAsset[]> {
  const rs = await ex.execute(`SELECT ${SEARCH_COLUMNS} FROM assets ORDER BY id`);
  return rs.rows.map(toSearchable);
}

export async function searchableAssetsById(ex: Executor, ids: readonly number[]): Promise<SearchableAsset[]> {
  if (ids.length === 0) return [];
  const rs = await ex.execute({
    sql: `SELECT ${SEARCH_COLUMNS} FROM assets WHERE id IN (${list(ids.length)})`,
    args: [...ids],
  });
  return rs.rows.map(toSearchable);
}

export async function assetById(ex: Executor, id: number): Promise<Asset | null> {
  const rs = await ex.execute({ sql: `SELECT ${ASSET_COLUMNS} ${ASSET_FROM} WHERE a.id = ?`, args: [id] });
  const r = rs.rows[0];
  return r ? toAsset(r) : null;
}

/** The asset with this register tag, in any letter case (tags are unique regardless of case). */
export async function assetByTag(ex: Executor, tag: string): Promise<Asset | null> {
  const rs = await ex.execute({
    sql: `SELECT ${ASSET_COLUMNS} ${ASSET_FROM} WHERE a.tag = ? COLLATE NOCASE`,
    args: [tag],
  });
  const r = rs.rows[0];
  return r ? toAsset(r) : null;
}

export async function setAssetMeter(ex: Executor, id: number, value: number): Promise<void> {
  await ex.execute({ sql: 'UPDATE assets SET meter_value = ? WHERE id = ?', args: [value, id] });
}

const recordArgs = (a: AssetRecord) => [
  a.tag,
  a.name,
  JSON.stringify(a.aliases),
  a.type,
  a.category,
  a.criticality,
  a.make,
  a.model,
  a.serial,
  a.installedOn,
  a.locationId,
  a.zoneId,
  a.x,
  a.z,
  a.meterUnit,
  a.meterValue,
  a.status,
];

/** An asset standing on the floor (y = 0). */
export async function insertAsset(ex: Executor, a: AssetRecord, createdAt: number): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO assets (tag, name, aliases, type, category, criticality, make, model, serial, installed_on,
            location_id, zone_id, x, z, meter_unit, meter_value, status, y, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?) RETURNING id`,
    args: [...recordArgs(a), createdAt],
  });
  return num(rs.rows[0]?.id);
}

export async function updateAsset(ex: Executor, id: number, a: AssetRecord): Promise<void> {
  await ex.execute({
    sql: `UPDATE assets SET tag = ?, name = ?, aliases = ?, type = ?, category = ?, criticality = ?, make = ?,
            model = ?, serial = ?, installed_on = ?, location_id = ?, zone_id = ?, x = ?, z = ?, meter_unit = ?,
            meter_value = ?, status = ?
          WHERE id = ?`,
    args: [...recordArgs(a), id],
  });
}

/** Archives (a time) or restores (null) an asset; its rows and history stay as they are. */
export async function setAssetArchived(ex: Executor, id: number, archivedAt: number | null): Promise<void> {
  await ex.execute({ sql: 'UPDATE assets SET archived_at = ? WHERE id = ?', args: [archivedAt, id] });
}

export type KitPart = { itemId: number; sku: string; name: string; unit: string; qty: number };

export type MaintenancePlan = {
  id: number;
  assetId: number;
  title: string;
  intervalDays: number | null;
  intervalMeter: number | null;
  priority: Priority;
  lastDoneAt: number;
  lastDoneMeter: number;
  checklist: string[];
  estimatedHours: number | null;
  archivedAt: number | null;
};

const PLAN_COLUMNS = `p.id, p.asset_id, p.title, p.interval_days, p.interval_meter, p.priority, p.last_done_at,
  p.last_done_meter, p.checklist, p.estimated_hours, p.archived_at`;

const toPlan = (r: Row): MaintenancePlan => ({
  id: num(r.id),
  assetId: num(r.asset_id),
  title: str(r.title),
  intervalDays: numOrNull(r.interval_days),
  intervalMeter: numOrNull(r.interval_meter),
  priority: str(r.priority) as Priority,
  lastDoneAt: num(r.last_done_at),
  lastDoneMeter: num(r.last_done_meter),
  checklist: JSON.parse(str(r.checklist)) as string[],
  estimatedHours: numOrNull(r.estimated_hours),
  archivedAt: numOrNull(r.archived_at),
});

/** Every plan of the asset, archived ones too (they are part of its history), oldest first. */
export async function plansOfAsset(ex: Executor, assetId: number): Promise<MaintenancePlan[]> {
  const rs = await ex.execute({
    sql: `SELECT ${PLAN_COLUMNS} FROM maintenance_plans p WHERE p.asset_id = ? ORDER BY p.id`,
    args: [assetId],
  });
  return rs.rows.map(toPlan);
}

export async function planById(ex: Executor, id: number): Promise<MaintenancePlan | null> {
  const rs = await ex.execute({
    sql: `SELECT ${PLAN_COLUMNS} FROM maintenance_plans p WHERE p.id = ?`,
    args: [id],
  });
  const r = rs.rows[0];
  return r ? toPlan(r) : null;
}

/** Every plan not archived, with its asset's tag, by tag and title (CSV files of plans). */
export async function livePlansWithTags(ex: Executor): Promise<(MaintenancePlan & { tag: string })[]> {
  const rs =
    await ex.execute(`SELECT ${PLAN_COLUMNS}, a.tag FROM maintenance_plans p JOIN assets a ON a.id = p.asset_id
    WHERE p.archived_at IS NULL ORDER BY a.tag, p.title, p.id`);
  return rs.rows.map((r) => ({ ...toPlan(r), tag: str(r.tag) }));
}

/** Each plan's parts kit, in the order it was written. */
export async function kitsOfPlans(ex: Executor, planIds: readonly number[]): Promise<Map<number, KitPart[]>> {
  const kits = new Map<number, KitPart[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return kits;
  const rs = await ex.execute({
    sql: `SELECT k.plan_id, k.item_id, i.sku, i.name, i.unit, k.qty
          FROM maintenance_plan_parts k JOIN items i ON i.id = k.item_id
          WHERE k.plan_id IN (${list(planIds.length)}) ORDER BY k.plan_id, k.seq`,
    args: [...planIds],
  });
  for (const r of rs.rows) {
    kits.get(num(r.plan_id))?.push({
      itemId: num(r.item_id),
      sku: str(r.sku),
      name: str(r.name),
      unit: str(r.unit),
      qty: num(r.qty),
    });
  }
  return kits;
}

export type PlanCandidate = MaintenancePlan & { tag: string; meterValue: number };

/**
 * Live plans of assets in service (one asset's, or every asset's when `assetId` is null) that have no
 * work order open: the ones the scheduler may raise one for. Archived plans and archived or retired
 * assets raise nothing.
 */
export async function plansWithoutOpenWork(ex: Executor, assetId: number | null): Promise<PlanCandidate[]> {
  const rs = await ex.execute({
    sql: `SELECT ${PLAN_COLUMNS}, a.meter_value, a.tag
          FROM maintenance_plans p JOIN assets a ON a.id = p.asset_id
          WHERE a.status <> 'retired' AND a.archived_at IS NULL AND p.archived_at IS NULL
            AND (? IS NULL OR p.asset_id = ?)
            AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.plan_id = p.id AND w.status NOT IN ('done', 'cancelled'))`,
    args: [assetId, assetId],
  });
  return rs.rows.map((r) => ({ ...toPlan(r), tag: str(r.tag), meterValue: num(r.meter_value) }));
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

export type PlanRecord = {
  title: string;
  intervalDays: number | null;
  intervalMeter: number | null;
  priority: Priority;
  lastDoneAt: number;
  lastDoneMeter: number;
  checklist: readonly string[];
  estimatedHours: number | null;
};

export async function insertMaintenancePlan(
  ex: Executor,
  p: PlanRecord & { assetId: number },
): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO maintenance_plans (asset_id, title, interval_days, interval_meter, priority, last_done_at,
            last_done_meter, checklist, estimated_hours)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    args: [
      p.assetId,
      p.title,
      p.intervalDays,
      p.intervalMeter,
      p.priority,
      p.lastDoneAt,
      p.lastDoneMeter,
      JSON.stringify(p.checklist),
      p.estimatedHours,
    ],
  });
  return num(rs.rows[0]?.id);
}

export async function updateMaintenancePlan(ex: Executor, id: number, p: PlanRecord): Promise<void> {
  await ex.execute({
    sql: `UPDATE maintenance_plans SET title = ?, interval_days = ?, interval_meter = ?, priority = ?,
            last_done_at = ?, last_done_meter = ?, checklist = ?, estimated_hours = ?
          WHERE id = ?`,
    args: [
      p.title,
      p.intervalDays,
      p.intervalMeter,
      p.priority,
      p.lastDoneAt,
      p.lastDoneMeter,
      JSON.stringify(p.checklist),
      p.estimatedHours,
      id,
    ],
  });
}

/** Replaces the plan's kit with `lines`, in that order. */
export async function replacePlanKit(
  ex: Executor,
  planId: number,
  lines: readonly { itemId: number; qty: number }[],
): Promise<void> {
  await ex.execute({ sql: 'DELETE FROM maintenance_plan_parts WHERE plan_id = ?', args: [planId] });
  await insertRows(
    ex,
    'INSERT INTO maintenance_plan_parts (plan_id, seq, item_id, qty)',
    lines.map((l, i) => [planId, i + 1, l.itemId, l.qty]),
  );
}

export async function setPlanArchived(ex: Executor, id: number, archivedAt: number | null): Promise<void> {
  await ex.execute({
    sql: 'UPDATE maintenance_plans SET archived_at = ? WHERE id = ?',
    args: [archivedAt, id],
  });
}
