import { conflict, invalid, notFound } from '../../common/errors.ts';
import type { PlanInput } from '../../common/masters/maintenance-plan.ts';
import {
  type Asset,
  assetById,
  insertMaintenancePlan,
  type MaintenancePlan,
  type PlanRecord,
  planById,
  replacePlanKit,
  setPlanArchived,
  updateMaintenancePlan,
} from '../db/assets.repository.ts';
import { appendAudit } from '../db/audit.repository.ts';
import { itemsById } from '../db/catalog.repository.ts';
import type { Executor } from '../db/database.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import type { Clock } from './clock.ts';

/**
 * Maintenance plans per asset: when they fall due, the checklist, the hours and the parts kit. The
 * scheduler (AssetService) copies them onto the work order a plan raises, so a change here affects
 * the next work order, not one already open. Create and update take the shared `PlanInput`.
 */
export class PlanService {
  readonly #writer: Writer;
  readonly #clock: Clock;

  constructor(deps: { writer: Writer; clock: Clock }) {
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  async create(assetId: number, input: PlanInput, actorId: number): Promise<number> {
    return this.#writer.run((tx) => this.createIn(tx, assetId, input, actorId));
  }

  /**
   * `create` inside the caller's write transaction (a CSV import applies every row in one);
   * `actorId` null is the command line.
   */
  async createIn(tx: WriteTx, assetId: number, input: PlanInput, actorId: number | null): Promise<number> {
    const asset = await liveAsset(tx, assetId);
    const now = this.#clock.now();
    const record = await planRecord(tx, asset, input, null, now);
    const id = await insertMaintenancePlan(tx, { ...record, assetId });
    await replacePlanKit(tx, id, input.kit);
    await appendAudit(tx, [audit(actorId, 'maintenance_plan.create', id, { assetId, ...input }, now)]);
    tx.emit({ type: 'asset', assetId });
    return id;
  }

  async update(id: number, input: PlanInput, actorId: number): Promise<void> {
    await this.#writer.run((tx) => this.updateIn(tx, id, input, actorId));
  }

  /** `update` inside the caller's write transaction. */
  async updateIn(tx: WriteTx, id: number, input: PlanInput, actorId: number | null): Promise<void> {
    const plan = await livePlan(tx, id);
    const asset = await liveAsset(tx, plan.assetId);
    const now = this.#clock.now();
    const record = await planRecord(tx, asset, input, plan, now);
    await updateMaintenancePlan(tx, id, record);
    await replacePlanKit(tx, id, input.kit);
    await appendAudit(tx, [audit(actorId, 'maintenance_plan.update', id, input, now)]);
    tx.emit({ type: 'asset', assetId: plan.assetId });
  }

  /** An archived plan raises no more work; a work order it already raised stays as it is. */
  async archive(id: number, actorId: number): Promise<void> {
    await this.#writer.run(async (tx) => {
      const plan = await livePlan(tx, id);
      const now = this.#clock.now();
      await setPlanArchived(tx, id, now);
      await appendAudit(tx, [audit(actorId, 'maintenance_plan.archive', id, { title: plan.title }, now)]);
      tx.emit({ type: 'asset', assetId: plan.assetId });
    });
  }
}

/** The row to write, after the rules that need the asset, the catalogue or the clock. */
async function planRecord(
  tx: WriteTx,
  asset: Asset,
  input: PlanInput,
  existing: MaintenancePlan | null,
  now: number,
): Promise<PlanRecord> {
  if (input.intervalMeter !== null && asset.meterUnit === null)
    throw invalid(
      `${asset.tag} has no meter, so the plan cannot fall due by meter; give it a calendar interval`,
    );
  if (input.lastDoneAt !== null && input.lastDoneAt > now)
    throw invalid('The last time it was done cannot be in the future');
  const ids = input.kit.map((k) => k.itemId);
  const found = new Set((await itemsById(tx, ids)).map((i) => i.id));
  const missing = ids.filter((i) => !found.has(i));
  if (missing.length > 0) throw notFound(`The kit names items that do not exist: ${missing.join(', ')}`);
  return {
    title: input.title,
    intervalDays: input.intervalDays,
    intervalMeter: input.intervalMeter,
    priority: input.priority,
    // A new plan counts from now unless told when it was last done; an edit keeps its history.
    lastDoneAt: input.lastDoneAt ?? existing?.lastDoneAt ?? now,
    lastDoneMeter: existing?.lastDoneMeter ?? asset.meterValue,
    checklist: input.checklist,
    estimatedHours: input.estimatedHours,
  };
}

async function liveAsset(ex: Executor, id: number): Promise<Asset> {
  const asset = await assetById(ex, id);
  if (!asset) throw notFound(`Asset ${id} does not exist`);
  if (asset.archivedAt !== null) throw conflict(`${asset.tag} is archived; restore it to change its plans`);
  return asset;
}

async function livePlan(ex: Executor, id: number): Promise<MaintenancePlan> {
  const plan = await planById(ex, id);
  if (!plan) throw notFound(`Maintenance plan ${id} does not exist`);
  if (plan.archivedAt !== null)
    throw conflict(`The plan “${plan.title}” is archived and can no longer change`);
  return plan;
}

function audit(actorId: number | null, action: string, id: number, data: unknown, now: number) {
  return {
    actorId,
    action,
    entity: 'maintenance_plan',
    entityId: String(id),
    data: JSON.stringify(data),
    createdAt: now,
  };
}
