// Records no service can create yet. The asset service is being written; until it lands, the
// factories write these rows here, the way that service will: one writer transaction with its audit
// entry and live event. When a service exists, its factory calls it and the matching function here
// is deleted.
import type { Priority } from '../../common/work-order-status.ts';
import { appendAudit } from '../../server/db/audit.repository.ts';
import { num } from '../../server/db/sql.ts';
import type { Writer } from '../../server/db/writer.ts';

export type AssetInput = {
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
  status: 'running' | 'down' | 'retired';
};

export type MaintenancePlanInput = {
  assetId: number;
  title: string;
  intervalDays: number | null;
  intervalMeter: number | null;
  priority: Priority;
  lastDoneAt: number;
  lastDoneMeter: number;
};

type Context = { writer: Writer; actorId: number; now: number };

export function insertAsset(ctx: Context, a: AssetInput): Promise<number> {
  return ctx.writer.run(async (tx) => {
    const rs = await tx.execute({
      sql: `INSERT INTO assets (tag, name, aliases, category, location_id, x, y, z, meter_unit, meter_value, status,
              created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      args: [
        a.tag,
        a.name,
        JSON.stringify(a.aliases),
        a.category,
        a.locationId,
        a.x,
        a.y,
        a.z,
        a.meterUnit,
        a.meterValue,
        a.status,
        ctx.now,
      ],
    });
    const id = num(rs.rows[0]?.id);
    await appendAudit(tx, [audit(ctx, 'asset.create', 'asset', id, a)]);
    tx.emit({ type: 'asset', assetId: id });
    return id;
  });
}

export function insertMaintenancePlan(ctx: Context, p: MaintenancePlanInput): Promise<number> {
  return ctx.writer.run(async (tx) => {
    const rs = await tx.execute({
      sql: `INSERT INTO maintenance_plans (asset_id, title, interval_days, interval_meter, priority, last_done_at,
              last_done_meter) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      args: [p.assetId, p.title, p.intervalDays, p.intervalMeter, p.priority, p.lastDoneAt, p.lastDoneMeter],
    });
    const id = num(rs.rows[0]?.id);
    await appendAudit(tx, [audit(ctx, 'maintenance_plan.create', 'maintenance_plan', id, p)]);
    tx.emit({ type: 'asset', assetId: p.assetId });
    return id;
  });
}

function audit(ctx: Context, action: string, entity: string, id: number, data: unknown) {
  return {
    actorId: ctx.actorId,
    action,
    entity,
    entityId: String(id),
    data: JSON.stringify(data),
    createdAt: ctx.now,
  };
}
