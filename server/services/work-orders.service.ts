import { conflict, invalid, notFound } from '../../common/errors.ts';
import {
  assertTransition,
  isFinal,
  type Priority,
  type WorkOrderStatus,
} from '../../common/work-order-status.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import { num, numOrNull, str, strOrNull } from '../db/sql.ts';
import {
  type BoardFilter,
  countWorkOrders,
  listWorkOrders,
  SUMMARY_SQL,
  toSummary,
} from '../db/work-order-board.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import type { Clock } from './clock.ts';
import { type LedgerRequest, type LedgerResult, postStockOperations } from './stock-ledger.service.ts';

/**
 * Work orders: the status machine, assignment, parts (reserved against a bin, then consumed through
 * the ledger) and an event history. Each operation is one transaction in the writer.
 */
export class WorkOrderService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;

  constructor(deps: { db: Database; writer: Writer; clock: Clock }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  list(filter: BoardFilter & { status?: WorkOrderStatus | undefined; offset: number; limit: number }) {
    return listWorkOrders(this.#db.reader, filter);
  }

  counts(filter: BoardFilter = {}): Promise<Record<WorkOrderStatus, number>> {
    return countWorkOrders(this.#db.reader, filter);
  }

  async get(id: number) {
    const head = await this.#db.reader.execute({
      sql: `${SUMMARY_SQL.replace('w.id, w.title', 'w.id, w.title, w.description, w.plan_id, w.completed_at')} WHERE w.id = ?`,
      args: [id],
    });
    const h = head.rows[0];
    if (!h) throw notFound(`Work order ${id} does not exist`);
    const [parts, events] = await Promise.all([
      this.#db.reader.execute({
        sql: `SELECT p.id, p.item_id, i.name, i.sku, i.unit, p.location_id, l.code, p.lot, p.qty_reserved, p.qty_consumed
              FROM work_order_parts p JOIN items i ON i.id = p.item_id JOIN locations l ON l.id = p.location_id
              WHERE p.work_order_id = ? ORDER BY p.id`,
        args: [id],
      }),
      this.#db.reader.execute({
        sql: `SELECT e.id, e.kind, e.from_status, e.to_status, e.note, e.created_at, u.display_name AS actor
              FROM work_order_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.work_order_id = ? ORDER BY e.id`,
        args: [id],
      }),
    ]);
    return {
      ...toSummary(h),
      description: str(h.description),
      planId: numOrNull(h.plan_id),
      completedAt: numOrNull(h.completed_at),
      parts: parts.rows.map((r) => ({
        id: num(r.id),
        itemId: num(r.item_id),
        name: str(r.name),
        sku: str(r.sku),
        unit: str(r.unit),
        locationId: num(r.location_id),
        code: str(r.code),
        lot: str(r.lot),
        qtyReserved: num(r.qty_reserved),
        qtyConsumed: num(r.qty_consumed),
      })),
      events: events.rows.map((r) => ({
        id: num(r.id),
        kind: str(r.kind),
        fromStatus: strOrNull(r.from_status),
        toStatus: strOrNull(r.to_status),
        note: str(r.note),
        at: num(r.created_at),
        actor: strOrNull(r.actor),
      })),
    };
  }

  async create(
    input: {
      title: string;
      description?: string | undefined;
      assetId?: number | undefined;
      priority: Priority;
      dueAt?: number | undefined;
    },
    actorId: number,
  ): Promise<number> {
    return this.#writer.run(async (tx) => {
      if (input.assetId !== undefined) {
        const a = await tx.execute({ sql: 'SELECT 1 FROM assets WHERE id = ?', args: [input.assetId] });
        if (a.rows.length === 0) throw notFound(`Asset ${input.assetId} does not exist`);
      }
      return insertWorkOrder(tx, { ...input, planId: null, actorId, now: this.#clock.now() });
    });
  }

  async assign(id: number, assigneeId: number, actorId: number): Promise<void> {
    await this.#change(id, actorId, async (tx, wo) => {
      const u = await tx.execute({ sql: 'SELECT display_name FROM users WHERE id = ?', args: [assigneeId] });
      if (!u.rows[0]) throw notFound(`User ${assigneeId} does not exist`);
      if (isFinal(wo.status))
        throw conflict(`Work order ${id} is ${wo.status} and can no longer be assigned`);
      const next: WorkOrderStatus = wo.status === 'open' ? 'assigned' : wo.status;
      await tx.execute({
        sql: 'UPDATE work_orders SET assignee_id = ?, status = ?, updated_at = ? WHERE id = ?',
        args: [assigneeId, next, this.#clock.now(), id],
      });
      return { next, kind: 'assigned', note: `Assigned to ${str(u.rows[0].display_name)}` };
    });
  }

  async transition(id: number, to: WorkOrderStatus, note: string, actorId: number): Promise<void> {
    await this.#change(id, actorId, async (tx, wo) => {
      assertTransition(wo.status, to, `Work order ${id}`);
      if (to === 'assigned' && wo.assigneeId === null) throw invalid('Choose who to assign it to');
      const now = this.#clock.now();
      if (isFinal(to)) await this.#releaseAll(tx, id, actorId, now);
      await tx.execute({
        sql: `UPDATE work_orders SET status = ?, updated_at = ?, completed_at = ?,
              assignee_id = CASE WHEN ? = 'open' THEN NULL ELSE assignee_id END WHERE id = ?`,
        args: [to, now, to === 'done' ? now : null, to, id],
      });
      if (to === 'done' && wo.planId !== null) {
        await tx.execute({
          sql: `UPDATE maintenance_plans SET last_done_at = ?,
                last_done_meter = (SELECT meter_value FROM assets WHERE assets.id = maintenance_plans.asset_id)
                WHERE id = ?`,
          args: [now, wo.planId],
        });
      }
      return { next: to, kind: 'status', note };
    });
  }

  async reservePart(
    input: { workOrderId: number; itemId: number; locationId: number; qty: number; lot?: string | undefined },
    actorId: number,
  ): Promise<number> {
    const { result } = await this.#change(input.workOrderId, actorId, async (tx, wo) => {
      if (isFinal(wo.status))
        throw conflict(`Work order ${wo.id} is ${wo.status}; parts can no longer be reserved`);
      const reservation = await this.#post(tx, {
        op: { kind: 'reserve', ...input, refType: 'work_order', refId: wo.id },
        actorId,
      });
      const rs = await tx.execute({
        sql: `INSERT INTO work_order_parts (work_order_id, item_id, location_id, lot, qty_reserved, qty_consumed)
              VALUES (?, ?, ?, ?, ?, 0) RETURNING id`,
        args: [wo.id, input.itemId, input.locationId, (input.lot ?? '').trim(), input.qty],
      });
      const code = reservation.stock[0]?.code ?? '';
      return {
        next: wo.status,
        kind: 'part_reserved',
        note: `Reserved ${input.qty} from ${code}`,
        result: num(rs.rows[0]?.id),
      };
    });
    return result;
  }

  /** Takes reserved parts out of their bin: a pick movement that also lowers the reservation. */
  async consumePart(
    input: { workOrderId: number; partId: number; qty: number; idempotencyKey: string },
    actorId: number,
  ): Promise<LedgerResult> {
    const { result } = await this.#change(input.workOrderId, actorId, async (tx, wo) => {
      const part = await this.#part(tx, wo.id, input.partId);
      if (wo.status !== 'in_progress') throw conflict(`Start work order ${wo.id} before consuming its parts`);
      const left = part.qtyReserved - part.qtyConsumed;
      const [outcome] = await postStockOperations(
        tx,
        [
          {
            op: {
              kind: 'pick',
              itemId: part.itemId,
              locationId: part.locationId,
              lot: part.lot,
              qty: input.qty,
              fromReservation: Math.min(left, input.qty),
              refType: 'work_order',
              refId: wo.id,
              reason: 'work order part',
            },
            actorId,
            idempotencyKey: input.idempotencyKey,
            requestFingerprint: JSON.stringify(['consumePart', wo.id, part.id, input.qty]),
          },
        ],
        this.#clock.now(),
      );
      // A replay answers as the first time did, even though that first use lowered what is left.
      if (outcome?.ok && outcome.value.replayed)
        return { next: wo.status, kind: 'none', note: '', result: outcome.value };
      // The job's own reservation is what the person works from, whatever else the bin holds.
      if (input.qty > left) {
        throw conflict(
          left > 0
            ? `Only ${left} reserved for this job; reserve more before using ${input.qty}`
            : `Nothing more is reserved for this job; reserve more before using ${input.qty}`,
          { reserved: left },
        );
      }
      if (!outcome) throw new Error('ledger returned no outcome');
      if (!outcome.ok) throw outcome.error;
      const pick = outcome.value;
      await tx.execute({
        sql: 'UPDATE work_order_parts SET qty_consumed = qty_consumed + ? WHERE id = ?',
        args: [input.qty, part.id],
      });
      return {
        next: wo.status,
        kind: 'part_consumed',
        note: `Used ${input.qty} from ${pick.stock[0]?.code ?? ''}`,
        result: pick,
      };
    });
    return result;
  }

  async releasePart(input: { workOrderId: number; partId: number }, actorId: number): Promise<void> {
    await this.#change(input.workOrderId, actorId, async (tx, wo) => {
      const part = await this.#part(tx, wo.id, input.partId);
      const left = part.qtyReserved - part.qtyConsumed;
      if (left <= 0) throw conflict('Nothing of this part is still reserved');
      await this.#post(tx, {
        op: {
          kind: 'release',
          itemId: part.itemId,
          locationId: part.locationId,
          lot: part.lot,
          qty: left,
          refType: 'work_order',
          refId: wo.id,
        },
        actorId,
      });
      await tx.execute({
        sql: 'UPDATE work_order_parts SET qty_reserved = qty_consumed WHERE id = ?',
        args: [part.id],
      });
      return { next: wo.status, kind: 'part_released', note: `Released ${left} back to stock` };
    });
  }

  async #releaseAll(tx: WriteTx, woId: number, actorId: number, now: number): Promise<LedgerResult[]> {
    const parts = await tx.execute({
      sql: `SELECT id, item_id, location_id, lot, qty_reserved - qty_consumed AS left
            FROM work_order_parts WHERE work_order_id = ? AND qty_reserved > qty_consumed`,
      args: [woId],
    });
    if (parts.rows.length === 0) return [];
    const outcomes = await postStockOperations(
      tx,
      parts.rows.map((p) => ({
        op: {
          kind: 'release' as const,
          itemId: num(p.item_id),
          locationId: num(p.location_id),
          lot: str(p.lot),
          qty: num(p.left),
          refType: 'work_order',
          refId: woId,
        },
        actorId,
      })),
      now,
    );
    await tx.execute({
      sql: 'UPDATE work_order_parts SET qty_reserved = qty_consumed WHERE work_order_id = ?',
      args: [woId],
    });
    return outcomes.map((o) => {
      if (!o.ok) throw o.error;
      return o.value;
    });
  }

  async #post(tx: WriteTx, request: LedgerRequest): Promise<LedgerResult> {
    const [outcome] = await postStockOperations(tx, [request], this.#clock.now());
    if (!outcome) throw new Error('ledger returned no outcome');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  async #part(tx: Executor, woId: number, partId: number) {
    const rs = await tx.execute({
      sql: `SELECT id, item_id, location_id, lot, qty_reserved, qty_consumed FROM work_order_parts
            WHERE id = ? AND work_order_id = ?`,
      args: [partId, woId],
    });
    const r = rs.rows[0];
    if (!r) throw notFound(`Work order ${woId} has no part line ${partId}`);
    return {
      id: num(r.id),
      itemId: num(r.item_id),
      locationId: num(r.location_id),
      lot: str(r.lot),
      qtyReserved: num(r.qty_reserved),
      qtyConsumed: num(r.qty_consumed),
    };
  }

  /**
   * Runs one change to a work order and records it in its history and the audit log; once committed,
   * every open screen hears of it. Every change goes through here, so none can forget to tell them.
   */
  async #change<R = undefined>(
    id: number,
    actorId: number,
    change: (
      tx: WriteTx,
      wo: { id: number; status: WorkOrderStatus; assigneeId: number | null; planId: number | null },
    ) => Promise<{ next: WorkOrderStatus; kind: string; note: string; result?: R }>,
  ): Promise<{ next: WorkOrderStatus; result: R }> {
    return this.#writer.run(async (tx) => {
      const rs = await tx.execute({
        sql: 'SELECT id, status, assignee_id, plan_id FROM work_orders WHERE id = ?',
        args: [id],
      });
      const r = rs.rows[0];
      if (!r) throw notFound(`Work order ${id} does not exist`);
      const wo = {
        id,
        status: str(r.status) as WorkOrderStatus,
        assigneeId: numOrNull(r.assignee_id),
        planId: numOrNull(r.plan_id),
      };
      const { next, kind, note, result } = await change(tx, wo);
      if (kind === 'none') return { next, result: result as R };
      const now = this.#clock.now();
      await tx.execute({
        sql: `INSERT INTO work_order_events (work_order_id, actor_id, kind, from_status, to_status, note, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?)`,
        args: [id, actorId, kind, wo.status, next, note, now],
      });
      await tx.execute({ sql: 'UPDATE work_orders SET updated_at = ? WHERE id = ?', args: [now, id] });
      await appendAudit(tx, [
        {
          actorId,
          action: `work_order.${kind}`,
          entity: 'work_order',
          entityId: String(id),
          data: JSON.stringify({ from: wo.status, to: next, note }),
          createdAt: now,
        },
      ]);
      tx.emit({ type: 'work_order', workOrderId: id, status: next });
      return { next, result: result as R };
    });
  }
}

export async function insertWorkOrder(
  tx: WriteTx,
  w: {
    title: string;
    description?: string | undefined;
    assetId?: number | undefined | null;
    planId: number | null;
    priority: Priority;
    dueAt?: number | undefined | null;
    actorId: number | null;
    now: number;
  },
): Promise<number> {
  const rs = await tx.execute({
    sql: `INSERT INTO work_orders (title, description, asset_id, plan_id, status, priority, due_at, assignee_id,
            created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?, NULL, ?, ?, ?) RETURNING id`,
    args: [
      w.title,
      w.description ?? '',
      w.assetId ?? null,
      w.planId,
      w.priority,
      w.dueAt ?? null,
      w.actorId,
      w.now,
      w.now,
    ],
  });
  const id = num(rs.rows[0]?.id);
  await tx.execute({
    sql: `INSERT INTO work_order_events (work_order_id, actor_id, kind, from_status, to_status, note, created_at)
          VALUES (?, ?, 'created', NULL, 'open', ?, ?)`,
    args: [id, w.actorId, w.planId === null ? '' : 'Created by the maintenance plan', w.now],
  });
  await appendAudit(tx, [
    {
      actorId: w.actorId,
      action: 'work_order.create',
      entity: 'work_order',
      entityId: String(id),
      data: JSON.stringify({
        title: w.title,
        assetId: w.assetId ?? null,
        planId: w.planId,
        priority: w.priority,
      }),
      createdAt: w.now,
    },
  ]);
  tx.emit({ type: 'work_order', workOrderId: id, status: 'open' });
  return id;
}
