// Records no service can create yet. The supplier service is being written; until it lands, the
// factories write suppliers here, the way that service will: one writer transaction with its audit
// entry. When it exists, its factory calls it and this file is deleted.
import { appendAudit } from '../../server/db/audit.repository.ts';
import { num } from '../../server/db/sql.ts';
import type { Writer } from '../../server/db/writer.ts';

export type SupplierInput = { name: string; email: string; leadTimeDays: number };

type Context = { writer: Writer; actorId: number; now: number };

export function insertSupplier(ctx: Context, s: SupplierInput): Promise<number> {
  return ctx.writer.run(async (tx) => {
    const rs = await tx.execute({
      sql: 'INSERT INTO suppliers (name, email, lead_time_days) VALUES (?, ?, ?) RETURNING id',
      args: [s.name, s.email, s.leadTimeDays],
    });
    const id = num(rs.rows[0]?.id);
    await appendAudit(tx, [audit(ctx, 'supplier.create', 'supplier', id, s)]);
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
