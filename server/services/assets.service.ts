import { invalid, notFound } from '../../common/errors.ts';
import {
  assetById,
  plansOfAsset,
  plansWithoutOpenWork,
  searchAssets,
  setAssetMeter,
} from '../db/assets.repository.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import { duePlans } from '../domain/maintenance-due.ts';
import type { Clock } from './clock.ts';
import { insertWorkOrder } from './work-orders.service.ts';

/** Equipment in the facility, its meters and maintenance plans, and the scheduler that raises work orders. */
export class AssetService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;

  constructor(deps: { db: Database; writer: Writer; clock: Clock }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  list(q: string | undefined) {
    return searchAssets(this.#db.reader, (q ?? '').trim());
  }

  async get(id: number) {
    const asset = await assetById(this.#db.reader, id);
    if (!asset) throw notFound(`Asset ${id} does not exist`);
    const plans = await plansOfAsset(this.#db.reader, id);
    const now = this.#clock.now();
    return {
      ...asset,
      plans: plans.map((p) => ({
        ...p,
        nextDueAt: p.intervalDays === null ? null : p.lastDoneAt + p.intervalDays * 86_400_000,
        meterRemaining:
          p.intervalMeter === null ? null : p.lastDoneMeter + p.intervalMeter - asset.meterValue,
        due:
          duePlans(
            [
              {
                planId: 0,
                intervalDays: p.intervalDays,
                intervalMeter: p.intervalMeter,
                lastDoneAt: p.lastDoneAt,
                lastDoneMeter: p.lastDoneMeter,
                meterValue: asset.meterValue,
              },
            ],
            now,
          ).length > 0,
      })),
    };
  }

  /** Records a meter reading (it may only go up) and raises any work orders it makes due. */
  async recordMeter(
    assetId: number,
    value: number,
    actorId: number,
  ): Promise<{ createdWorkOrders: number[] }> {
    const created = await this.#writer.run(async (tx) => {
      const a = await assetById(tx, assetId);
      if (!a) throw notFound(`Asset ${assetId} does not exist`);
      if (a.meterUnit === null) throw invalid(`${a.tag} has no meter`);
      if (value < a.meterValue) {
        throw invalid(`${a.tag} already reads ${a.meterValue} ${a.meterUnit}; a meter cannot go back`);
      }
      await setAssetMeter(tx, assetId, value);
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
  const candidates = await plansWithoutOpenWork(tx, assetId);
  const byId = new Map(candidates.map((p) => [p.id, p]));
  const due = duePlans(
    candidates.map((p) => ({
      planId: p.id,
      intervalDays: p.intervalDays,
      intervalMeter: p.intervalMeter,
      lastDoneAt: p.lastDoneAt,
      lastDoneMeter: p.lastDoneMeter,
      meterValue: p.meterValue,
    })),
    now,
  );
  const created: number[] = [];
  for (const d of due) {
    const p = byId.get(d.planId);
    if (!p) continue;
    created.push(
      await insertWorkOrder(tx, {
        title: `${p.title} — ${p.tag}`,
        description: 'Raised by the maintenance schedule.',
        assetId: p.assetId,
        planId: d.planId,
        priority: p.priority,
        dueAt: d.dueAt,
        actorId: null,
        now,
      }),
    );
  }
  return created;
}
