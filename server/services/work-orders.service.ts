import { conflict, forbidden, invalid, notFound } from '../../common/errors.ts';
import {
  assertTransition,
  isFinal,
  type Priority,
  type WorkOrderStatus,
  workOrderAccess,
} from '../../common/work-order-status.ts';
import { assetById, markPlanDone } from '../db/assets.repository.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import { assigneeById, userById } from '../db/users.repository.ts';
import {
  addConsumedToPart,
  type BoardFilter,
  countWorkOrdersByStatus,
  eventsOfWorkOrder,
  insertWorkOrderEvents,
  insertWorkOrderPart,
  insertWorkOrderRecord,
  listWorkOrders,
  partsOfWorkOrder,
  partsStillReserved,
  releasePartReservation,
  releaseWorkOrderReservations,
  setTaskDone,
  setWorkOrderAssignee,
  setWorkOrderStatus,
  tasksOfWorkOrder,
  touchWorkOrder,
  type WorkOrderState,
  workOrderById,
  workOrderPart,
  workOrderState,
  workOrderTask,
} from '../db/work-orders.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import type { Clock } from './clock.ts';
import { type LedgerRequest, type LedgerResult, postStockOperations } from './stock-ledger.service.ts';

/**
 * Work orders: the status machine, assignment, parts (reserved against a bin, then consumed through
 * the ledger), a checklist and an event history. Each operation is one transaction in the writer.
 * Technicians change only their own work orders (or take an unassigned one); see `workOrderAccess`.
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

  list(
    filter: BoardFilter & {
      status?: WorkOrderStatus | undefined;
      offset?: number | undefined;
      limit: number;
    },
  ) {
    return listWorkOrders(this.#db.reader, { ...filter, offset: filter.offset ?? 0 });
  }

  async counts(filter: BoardFilter = {}): Promise<Record<WorkOrderStatus, number>> {
    const out: Record<WorkOrderStatus, number> = {
      open: 0,
      assigned: 0,
      in_progress: 0,
      on_hold: 0,
      done: 0,
      cancelled: 0,
    };
    for (const { status, n } of await countWorkOrdersByStatus(this.#db.reader, filter)) out[status] = n;
    return out;
  }

  async get(id: number) {
    const head = await workOrderById(this.#db.reader, id);
    if (!head) throw notFound(`Work order ${id} does not exist`);
    const [parts, events, tasks] = await Promise.all([
      partsOfWorkOrder(this.#db.reader, id),
      eventsOfWorkOrder(this.#db.reader, id),
      tasksOfWorkOrder(this.#db.reader, id),
    ]);
    return { ...head, parts, events, tasks };
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
        const asset = await assetById(tx, input.assetId);
        if (!asset) throw notFound(`Asset ${input.assetId} does not exist`);
        if (asset.archivedAt !== null)
          throw conflict(`${asset.tag} is archived; restore it before raising work on it`);
      }
      return insertWorkOrder(tx, { ...input, planId: null, actorId, now: this.#clock.now() });
    });
  }

  async assign(id: number, assigneeId: number, actorId: number): Promise<void> {
    await this.#change(id, actorId, async (tx, wo) => {
      const assignee = await assigneeById(tx, assigneeId);
      if (assignee === null) throw notFound(`User ${assigneeId} does not exist`);
      const name = assignee.displayName;
      // A disabled account cannot sign in to see the work, so it would sit with nobody.
      if (assignee.disabled)
        throw conflict(`${name}'s account is disabled; assign the work order to someone who can sign in`);
      if (isFinal(wo.status))
        throw conflict(`Work order ${id} is ${wo.status} and can no longer be assigned`);
      const next: WorkOrderStatus = wo.status === 'open' ? 'assigned' : wo.status;
      await setWorkOrderAssignee(tx, id, { assigneeId, status: next, now: this.#clock.now() });
      return { next, kind: 'assigned', note: `Assigned to ${name}` };
    });
  }

  async transition(id: number, to: WorkOrderStatus, note: string, actorId: number): Promise<void> {
    await this.#change(id, actorId, async (tx, wo, before) => {
      // Judged from the status people saw, not the one taking it just gave it: a refusal names that status.
      assertTransition(before.status, to, `Work order ${id}`);
      // "Take it": taking it has already made it assigned.
      if (wo !== before && to === 'assigned') return { next: wo.status, kind: 'none', note: '' };
      if (to === 'assigned' && wo.assigneeId === null) throw invalid('Choose who to assign it to');
      const now = this.#clock.now();
      if (isFinal(to)) await this.#releaseAll(tx, id, actorId, now);
      // Reopened work is nobody's until it is assigned again.
      await setWorkOrderStatus(tx, id, {
        status: to,
        now,
        completedAt: to === 'done' ? now : null,
        clearAssignee: to === 'open',
      });
      if (to === 'done' && wo.planId !== null) await markPlanDone(tx, wo.planId, now);
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
      const partId = await insertWorkOrderPart(tx, {
        workOrderId: wo.id,
        itemId: input.itemId,
        locationId: input.locationId,
        lot: (input.lot ?? '').trim(),
        qtyReserved: input.qty,
      });
      const code = reservation.stock[0]?.code ?? '';
      return {
        next: wo.status,
        kind: 'part_reserved',
        note: `Reserved ${input.qty} from ${code}`,
        result: partId,
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
      if (!outcome) throw new Error('ledger returned no outcome');
      // A replay answers as the first time did, even though that first use lowered what is left.
      if (outcome.ok && outcome.value.replayed)
        return { next: wo.status, kind: 'none', note: '', result: outcome.value };
      // The job's own reservation is what the person works from, whatever else the bin holds (and
      // whatever the ledger would say about it), so it is judged before the ledger's refusal.
      if (input.qty > left) {
        throw conflict(
          left > 0
            ? `Only ${left} reserved for this job; reserve more before using ${input.qty}`
            : `Nothing more is reserved for this job; reserve more before using ${input.qty}`,
          { reserved: left },
        );
      }
      if (!outcome.ok) throw outcome.error;
      const pick = outcome.value;
      await addConsumedToPart(tx, part.id, input.qty);
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
      await releasePartReservation(tx, part.id);
      return { next: wo.status, kind: 'part_released', note: `Released ${left} back to stock` };
    });
  }

  /** Ticks or unticks one task of the checklist; the history records who did which. */
  async setTask(
    input: { workOrderId: number; taskId: number; done: boolean },
    actorId: number,
  ): Promise<void> {
    await this.#change(input.workOrderId, actorId, async (tx, wo) => {
      const task = await workOrderTask(tx, wo.id, input.taskId);
      if (!task) throw notFound(`Work order ${wo.id} has no task ${input.taskId}`);
      if (isFinal(wo.status))
        throw conflict(`Work order ${wo.id} is ${wo.status}; its checklist can no longer change`);
      if (task.done === input.done) return { next: wo.status, kind: 'none', note: '' };
      await setTaskDone(tx, task.id, input.done ? { at: this.#clock.now(), by: actorId } : null);
      return { next: wo.status, kind: 'task', note: `${input.done ? 'Ticked' : 'Unticked'}: ${task.text}` };
    });
  }

  async #releaseAll(tx: WriteTx, woId: number, actorId: number, now: number): Promise<LedgerResult[]> {
    const parts = await partsStillReserved(tx, woId);
    if (parts.length === 0) return [];
    const outcomes = await postStockOperations(
      tx,
      parts.map((p) => ({
        op: {
          kind: 'release' as const,
          itemId: p.itemId,
          locationId: p.locationId,
          lot: p.lot,
          qty: p.qtyReserved - p.qtyConsumed,
          refType: 'work_order',
          refId: woId,
        },
        actorId,
      })),
      now,
    );
    await releaseWorkOrderReservations(tx, woId);
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
    const part = await workOrderPart(tx, woId, partId);
    if (!part) throw notFound(`Work order ${woId} has no part line ${partId}`);
    return part;
  }

  /**
   * Runs one change to a work order and records it in its history and the audit log; once committed,
   * every open screen hears of it. Every change goes through here, so none can forget to tell them,
   * and none skips the rule on whose work order it is: a technician acting on an unassigned one takes
   * it (recorded as its own history entry) before the change.
   */
  async #change<R = undefined>(
    id: number,
    actorId: number,
    change: (
      tx: WriteTx,
      wo: WorkOrderState,
      /** As it was before the actor took it (the same object when nobody took it). */
      before: WorkOrderState,
    ) => Promise<{ next: WorkOrderStatus; kind: string; note: string; result?: R }>,
  ): Promise<{ next: WorkOrderStatus; result: R }> {
    return this.#writer.run(async (tx) => {
      const found = await workOrderState(tx, id);
      if (!found) throw notFound(`Work order ${id} does not exist`);
      const wo = await this.#takeIfAllowed(tx, found, actorId);
      const taken = wo !== found;
      const { next, kind, note, result } = await change(tx, wo, found);
      if (kind === 'none') {
        if (taken) tx.emit({ type: 'work_order', workOrderId: id, status: wo.status });
        return { next, result: result as R };
      }
      const now = this.#clock.now();
      await insertWorkOrderEvents(tx, [
        { workOrderId: id, actorId, kind, fromStatus: wo.status, toStatus: next, note, createdAt: now },
      ]);
      await touchWorkOrder(tx, id, now);
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

  async #takeIfAllowed(tx: WriteTx, wo: WorkOrderState, actorId: number): Promise<WorkOrderState> {
    const actor = await userById(tx, actorId);
    if (!actor) throw notFound(`User ${actorId} does not exist`);
    const access = workOrderAccess(actor, wo);
    if (!access.ok) throw forbidden(access.reason);
    if (!access.takes) return wo;
    const now = this.#clock.now();
    const status: WorkOrderStatus = wo.status === 'open' ? 'assigned' : wo.status;
    await setWorkOrderAssignee(tx, wo.id, { assigneeId: actor.id, status, now });
    const note = `Taken by ${actor.displayName}`;
    await insertWorkOrderEvents(tx, [
      {
        workOrderId: wo.id,
        actorId,
        kind: 'assigned',
        fromStatus: wo.status,
        toStatus: status,
        note,
        createdAt: now,
      },
    ]);
    await appendAudit(tx, [
      {
        actorId,
        action: 'work_order.assigned',
        entity: 'work_order',
        entityId: String(wo.id),
        data: JSON.stringify({ from: wo.status, to: status, note }),
        createdAt: now,
      },
    ]);
    return { ...wo, status, assigneeId: actor.id, assignee: actor.displayName };
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
    estimatedHours?: number | undefined | null;
    actorId: number | null;
    now: number;
  },
): Promise<number> {
  const id = await insertWorkOrderRecord(tx, {
    title: w.title,
    description: w.description ?? '',
    assetId: w.assetId ?? null,
    planId: w.planId,
    status: 'open',
    priority: w.priority,
    dueAt: w.dueAt ?? null,
    assigneeId: null,
    createdBy: w.actorId,
    createdAt: w.now,
    updatedAt: w.now,
    completedAt: null,
    estimatedHours: w.estimatedHours ?? null,
  });
  await insertWorkOrderEvents(tx, [
    {
      workOrderId: id,
      actorId: w.actorId,
      kind: 'created',
      fromStatus: null,
      toStatus: 'open',
      note: w.planId === null ? '' : 'Created by the maintenance plan',
      createdAt: w.now,
    },
  ]);
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
