import { invalid, notFound } from '../../common/errors.ts';
import type { Priority } from '../../common/work-order-status.ts';
import {
  ASSET_COLUMNS,
  allAssetNames,
  assetNamesById,
  listAssets,
  listAssetsById,
  toAsset,
} from '../db/asset-list.repository.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import { num, numOrNull, str } from '../db/sql.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import { AssetSearchIndex } from '../domain/asset-search.ts';
import { duePlans } from '../domain/maintenance-due.ts';
import type { Clock } from './clock.ts';
import type { EventBus } from './event-bus.ts';
import { LiveIndex } from './live-index.ts';
import { insertWorkOrder } from './work-orders.service.ts';

/** Equipment in the facility, its meters and maintenance plans, and the scheduler that raises work orders. */
export class AssetService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #search: LiveIndex<AssetSearchIndex>;

  constructor(deps: { db: Database; writer: Writer; clock: Clock; events: EventBus }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    const reader = deps.db.reader;
    this.#search = new LiveIndex({
      events: deps.events,
      // No CSV import carries assets (imports are items, locations or stock).
      changeOf: (event) => (event.type === 'asset' ? { ids: [event.assetId] } : null),
      build: async () => new AssetSearchIndex(await allAssetNames(reader)),
      refresh: async (index, ids) => {
        for (const asset of await assetNamesById(reader, ids)) index.upsert(asset);
      },
    });
  }

  /** The register by tag, or the assets matching `q` best first (typos forgiven, like item search). */
  async list(q: string | undefined, limit: number) {
    const query = (q ?? '').trim();
    if (query === '') return listAssets(this.#db.reader, limit);
    const index = await this.#search.current();
    return listAssetsById(this.#db.reader, index.search(query, limit));
  }

  async get(id: number) {
    const rs = await this.#db.reader.execute({
      sql: `SELECT ${ASSET_COLUMNS} FROM assets a WHERE id = ?`,
      args: [id],
    });
    const r = rs.rows[0];
    if (!r) throw notFound(`Asset ${id} does not exist`);
    const plans = await this.#db.reader.execute({
      sql: `SELECT id, title, interval_days, interval_meter, priority, last_done_at, last_done_meter
            FROM maintenance_plans WHERE asset_id = ? ORDER BY id`,
      args: [id],
    });
    const asset = toAsset(r);
    const now = this.#clock.now();
    return {
      ...asset,
      plans: plans.rows.map((p) => {
        const intervalDays = numOrNull(p.interval_days);
        const intervalMeter = numOrNull(p.interval_meter);
        const lastDoneAt = num(p.last_done_at);
        const lastDoneMeter = num(p.last_done_meter);
        return {
          id: num(p.id),
          title: str(p.title),
          intervalDays,
          intervalMeter,
          priority: str(p.priority) as Priority,
          lastDoneAt,
          lastDoneMeter,
          nextDueAt: intervalDays === null ? null : lastDoneAt + intervalDays * 86_400_000,
          meterRemaining: intervalMeter === null ? null : lastDoneMeter + intervalMeter - asset.meterValue,
          due:
            duePlans(
              [
                {
                  planId: 0,
                  intervalDays,
                  intervalMeter,
                  lastDoneAt,
                  lastDoneMeter,
                  meterValue: asset.meterValue,
                },
              ],
              now,
            ).length > 0,
        };
      }),
    };
  }

  /** Records a meter reading (it may only go up) and raises any work orders it makes due. */
  async recordMeter(
    assetId: number,
    value: number,
    actorId: number,
  ): Promise<{ createdWorkOrders: number[] }> {
    const created = await this.#writer.run(async (tx) => {
      const rs = await tx.execute({
        sql: 'SELECT meter_unit, meter_value, tag FROM assets WHERE id = ?',
        args: [assetId],
      });
      const a = rs.rows[0];
      if (!a) throw notFound(`Asset ${assetId} does not exist`);
      if (a.meter_unit === null) throw invalid(`${str(a.tag)} has no meter`);
      if (value < num(a.meter_value)) {
        throw invalid(
          `${str(a.tag)} already reads ${num(a.meter_value)} ${str(a.meter_unit)}; a meter cannot go back`,
        );
      }
      await tx.execute({ sql: 'UPDATE assets SET meter_value = ? WHERE id = ?', args: [value, assetId] });
      const now = this.#clock.now();
      await appendAudit(tx, [
        {
          actorId,
          action: 'asset.meter',
          entity: 'asset',
          entityId: String(assetId),
          data: JSON.stringify({ value }),
          createdAt: now,
        },
      ]);
      return raiseDueWorkOrders(tx, now, assetId);
    });
    return { createdWorkOrders: created };
  }

  /** Raises a work order for every plan that is due and has none open. Safe to run any number of times. */
  async runScheduler(): Promise<number[]> {
    return this.#writer.run((tx) => raiseDueWorkOrders(tx, this.#clock.now(), null));
  }
}

export async function raiseDueWorkOrders(
  tx: WriteTx,
  now: number,
  assetId: number | null,
): Promise<number[]> {
  const rs = await tx.execute({
    sql: `SELECT p.id, p.asset_id, p.title, p.priority, p.interval_days, p.interval_meter, p.last_done_at,
                 p.last_done_meter, a.meter_value, a.tag
          FROM maintenance_plans p JOIN assets a ON a.id = p.asset_id
          WHERE a.status <> 'retired' AND (? IS NULL OR p.asset_id = ?)
            AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.plan_id = p.id AND w.status NOT IN ('done', 'cancelled'))`,
    args: [assetId, assetId],
  });
  const byId = new Map(rs.rows.map((r) => [num(r.id), r]));
  const due = duePlans(
    rs.rows.map((r) => ({
      planId: num(r.id),
      intervalDays: numOrNull(r.interval_days),
      intervalMeter: numOrNull(r.interval_meter),
      lastDoneAt: num(r.last_done_at),
      lastDoneMeter: num(r.last_done_meter),
      meterValue: num(r.meter_value),
    })),
    now,
  );
  const created: number[] = [];
  for (const d of due) {
    const p = byId.get(d.planId);
    if (!p) continue;
    created.push(
      await insertWorkOrder(tx, {
        title: `${str(p.title)} — ${str(p.tag)}`,
        description: 'Raised by the maintenance schedule.',
        assetId: num(p.asset_id),
        planId: d.planId,
        priority: str(p.priority) as Priority,
        dueAt: d.dueAt,
        actorId: null,
        now,
      }),
    );
  }
  return created;
}
