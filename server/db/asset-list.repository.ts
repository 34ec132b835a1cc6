import type { SearchableAsset } from '../domain/asset-search.ts';
import type { Executor } from './database.ts';
import { list, num, numOrNull, str, strOrNull } from './sql.ts';

type Row = Record<string, unknown>;

export const toAsset = (r: Row) => ({
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
  status: str(r.status) as 'running' | 'down' | 'retired',
});

export const ASSET_COLUMNS =
  'id, tag, name, aliases, category, location_id, x, y, z, meter_unit, meter_value, status';

const SEARCH_COLUMNS = 'id, tag, name, aliases, category';

const toSearchable = (r: Row): SearchableAsset => ({
  id: num(r.id),
  tag: str(r.tag),
  name: str(r.name),
  aliases: JSON.parse(str(r.aliases)) as string[],
  category: str(r.category),
});

/** Every asset's names, for the search index. */
export async function allAssetNames(ex: Executor): Promise<SearchableAsset[]> {
  const rs = await ex.execute(`SELECT ${SEARCH_COLUMNS} FROM assets ORDER BY id`);
  return rs.rows.map(toSearchable);
}

export async function assetNamesById(ex: Executor, ids: readonly number[]): Promise<SearchableAsset[]> {
  if (ids.length === 0) return [];
  const rs = await ex.execute({
    sql: `SELECT ${SEARCH_COLUMNS} FROM assets WHERE id IN (${list(ids.length)})`,
    args: [...ids],
  });
  return rs.rows.map(toSearchable);
}

const LIST_SQL = `SELECT ${ASSET_COLUMNS},
  (SELECT count(*) FROM work_orders w WHERE w.asset_id = a.id AND w.status NOT IN ('done', 'cancelled')) AS open_work
  FROM assets a`;

const toListed = (r: Row) => ({ ...toAsset(r), openWorkOrders: num(r.open_work) });

/** The register by tag, with each asset's open work. */
export async function listAssets(ex: Executor, limit: number) {
  const rs = await ex.execute({ sql: `${LIST_SQL} ORDER BY a.tag LIMIT ?`, args: [limit] });
  return rs.rows.map(toListed);
}

/** These assets with their open work, in the order asked for. */
export async function listAssetsById(ex: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rs = await ex.execute({
    sql: `${LIST_SQL} WHERE a.id IN (${list(ids.length)})`,
    args: [...ids],
  });
  const byId = new Map(rs.rows.map((r) => [num(r.id), toListed(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
