import type { Priority, WorkOrderStatus } from '../../common/work-order-status.ts';
import type { Executor } from './database.ts';
import { insertRows, num, numOrNull, str, strOrNull } from './sql.ts';

type Row = Record<string, unknown>;

export type WorkOrderSummary = {
  id: number;
  title: string;
  status: WorkOrderStatus;
  priority: Priority;
  dueAt: number | null;
  assetId: number | null;
  assetName: string | null;
  assigneeId: number | null;
  assignee: string | null;
  createdAt: number;
  updatedAt: number;
};

const SUMMARY_COLUMNS = `w.id, w.title, w.status, w.priority, w.due_at, w.asset_id, a.name AS asset_name,
  w.assignee_id, u.display_name AS assignee, w.created_at, w.updated_at`;
const SUMMARY_FROM =
  'FROM work_orders w LEFT JOIN assets a ON a.id = w.asset_id LEFT JOIN users u ON u.id = w.assignee_id';

const toSummary = (r: Row): WorkOrderSummary => ({
  id: num(r.id),
  title: str(r.title),
  status: str(r.status) as WorkOrderStatus,
  priority: str(r.priority) as Priority,
  dueAt: numOrNull(r.due_at),
  assetId: numOrNull(r.asset_id),
  assetName: strOrNull(r.asset_name),
  assigneeId: numOrNull(r.assignee_id),
  assignee: strOrNull(r.assignee),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
});

/** Which work orders a board shows: any combination of these, all when none is given. */
export type BoardFilter = {
  assetId?: number | undefined;
  priority?: Priority | undefined;
  /** Someone's work, or 'none' for work nobody has taken. */
  assigneeId?: number | 'none' | undefined;
};

function boardWhere(f: BoardFilter & { status?: WorkOrderStatus | undefined }) {
  const assignee = f.assigneeId === 'none' ? null : (f.assigneeId ?? null);
  return {
    sql: `(? IS NULL OR w.status = ?) AND (? IS NULL OR w.asset_id = ?) AND (? IS NULL OR w.priority = ?)
          AND (? = 0 OR w.assignee_id IS NULL) AND (? IS NULL OR w.assignee_id = ?)`,
    args: [
      f.status ?? null,
      f.status ?? null,
      f.assetId ?? null,
      f.assetId ?? null,
      f.priority ?? null,
      f.priority ?? null,
      f.assigneeId === 'none' ? 1 : 0,
      assignee,
      assignee,
    ],
  };
}

/** Most urgent first, then soonest due, then newest; `offset` pages a board column. */
export async function listWorkOrders(
  ex: Executor,
  filter: BoardFilter & { status?: WorkOrderStatus | undefined; offset: number; limit: number },
): Promise<WorkOrderSummary[]> {
  const w = boardWhere(filter);
  const rs = await ex.execute({
    sql: `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE ${w.sql}
          ORDER BY CASE w.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
                   coalesce(w.due_at, 9e15), w.id DESC LIMIT ? OFFSET ?`,
    args: [...w.args, filter.limit, filter.offset],
  });
  return rs.rows.map(toSummary);
}

/** How many work orders of each status match the filter (statuses with none are left out). */
export async function countWorkOrdersByStatus(
  ex: Executor,
  filter: BoardFilter,
): Promise<{ status: WorkOrderStatus; n: number }[]> {
  const w = boardWhere(filter);
  const rs = await ex.execute({
    sql: `SELECT w.status, count(*) AS n FROM work_orders w WHERE ${w.sql} GROUP BY w.status`,
    args: w.args,
  });
  return rs.rows.map((r) => ({ status: str(r.status) as WorkOrderStatus, n: num(r.n) }));
}

export type WorkOrderDetail = WorkOrderSummary & {
  description: string;
  planId: number | null;
  completedAt: number | null;
  estimatedHours: number | null;
};

export async function workOrderById(ex: Executor, id: number): Promise<WorkOrderDetail | null> {
  const rs = await ex.execute({
    sql: `SELECT ${SUMMARY_COLUMNS}, w.description, w.plan_id, w.completed_at, w.estimated_hours ${SUMMARY_FROM}
          WHERE w.id = ?`,
    args: [id],
  });
  const r = rs.rows[0];
  return r
    ? {
        ...toSummary(r),
        description: str(r.description),
        planId: numOrNull(r.plan_id),
        completedAt: numOrNull(r.completed_at),
        estimatedHours: numOrNull(r.estimated_hours),
      }
    : null;
}

export type WorkOrderPartView = {
  id: number;
  itemId: number;
  name: string;
  sku: string;
  unit: string;
  locationId: number;
  code: string;
  lot: string;
  qtyReserved: number;
  qtyConsumed: number;
};

export async function partsOfWorkOrder(ex: Executor, workOrderId: number): Promise<WorkOrderPartView[]> {
  const rs = await ex.execute({
    sql: `SELECT p.id, p.item_id, i.name, i.sku, i.unit, p.location_id, l.code, p.lot, p.qty_reserved, p.qty_consumed
          FROM work_order_parts p JOIN items i ON i.id = p.item_id JOIN locations l ON l.id = p.location_id
          WHERE p.work_order_id = ? ORDER BY p.id`,
    args: [workOrderId],
  });
  return rs.rows.map((r) => ({
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
  }));
}

export type WorkOrderEventView = {
  id: number;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  at: number;
  actor: string | null;
};

export async function eventsOfWorkOrder(ex: Executor, workOrderId: number): Promise<WorkOrderEventView[]> {
  const rs = await ex.execute({
    sql: `SELECT e.id, e.kind, e.from_status, e.to_status, e.note, e.created_at, u.display_name AS actor
          FROM work_order_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.work_order_id = ? ORDER BY e.id`,
    args: [workOrderId],
  });
  return rs.rows.map((r) => ({
    id: num(r.id),
    kind: str(r.kind),
    fromStatus: strOrNull(r.from_status),
    toStatus: strOrNull(r.to_status),
    note: str(r.note),
    at: num(r.created_at),
    actor: strOrNull(r.actor),
  }));
}

export type WorkOrderState = {
  id: number;
  status: WorkOrderStatus;
  assigneeId: number | null;
  /** The assignee's display name, for "assigned to …" refusals. */
  assignee: string | null;
  planId: number | null;
};

/** What a change to a work order decides from. */
export async function workOrderState(ex: Executor, id: number): Promise<WorkOrderState | null> {
  const rs = await ex.execute({
    sql: `SELECT w.id, w.status, w.assignee_id, u.display_name AS assignee, w.plan_id
          FROM work_orders w LEFT JOIN users u ON u.id = w.assignee_id WHERE w.id = ?`,
    args: [id],
  });
  const r = rs.rows[0];
  return r
    ? {
        id: num(r.id),
        status: str(r.status) as WorkOrderStatus,
        assigneeId: numOrNull(r.assignee_id),
        assignee: strOrNull(r.assignee),
        planId: numOrNull(r.plan_id),
      }
    : null;
}

/** Work orders of the asset that are not done or cancelled, oldest first. */
export async function openWorkOrderIdsOfAsset(ex: Executor, assetId: number): Promise<number[]> {
  const rs = await ex.execute({
    sql: `SELECT id FROM work_orders WHERE asset_id = ? AND status NOT IN ('done', 'cancelled') ORDER BY id`,
    args: [assetId],
  });
  return rs.rows.map((r) => num(r.id));
}

export type WorkOrderRecord = {
  title: string;
  description: string;
  assetId: number | null;
  planId: number | null;
  status: WorkOrderStatus;
  priority: Priority;
  dueAt: number | null;
  assigneeId: number | null;
  createdBy: number | null;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  estimatedHours: number | null;
};

export async function insertWorkOrderRecord(ex: Executor, w: WorkOrderRecord): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO work_orders (title, description, asset_id, plan_id, status, priority, due_at, assignee_id,
            created_by, created_at, updated_at, completed_at, estimated_hours)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    args: [
      w.title,
      w.description,
      w.assetId,
      w.planId,
      w.status,
      w.priority,
      w.dueAt,
      w.assigneeId,
      w.createdBy,
      w.createdAt,
      w.updatedAt,
      w.completedAt,
      w.estimatedHours,
    ],
  });
  return num(rs.rows[0]?.id);
}

export type WorkOrderEventRecord = {
  workOrderId: number;
  actorId: number | null;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  createdAt: number;
};

export async function insertWorkOrderEvents(
  ex: Executor,
  events: readonly WorkOrderEventRecord[],
): Promise<void> {
  await insertRows(
    ex,
    'INSERT INTO work_order_events (work_order_id, actor_id, kind, from_status, to_status, note, created_at)',
    events.map((e) => [e.workOrderId, e.actorId, e.kind, e.fromStatus, e.toStatus, e.note, e.createdAt]),
  );
}

export async function touchWorkOrder(ex: Executor, id: number, now: number): Promise<void> {
  await ex.execute({ sql: 'UPDATE work_orders SET updated_at = ? WHERE id = ?', args: [now, id] });
}

export async function setWorkOrderAssignee(
  ex: Executor,
  id: number,
  a: { assigneeId: number; status: WorkOrderStatus; now: number },
): Promise<void> {
  await ex.execute({
    sql: 'UPDATE work_orders SET assignee_id = ?, status = ?, updated_at = ? WHERE id = ?',
    args: [a.assigneeId, a.status, a.now, id],
  });
}

export async function setWorkOrderStatus(
  ex: Executor,
  id: number,
  s: { status: WorkOrderStatus; now: number; completedAt: number | null; clearAssignee: boolean },
): Promise<void> {
  await ex.execute({
    sql: `UPDATE work_orders SET status = ?, updated_at = ?, completed_at = ?,
          assignee_id = CASE WHEN ? THEN NULL ELSE assignee_id END WHERE id = ?`,
    args: [s.status, s.now, s.completedAt, s.clearAssignee ? 1 : 0, id],
  });
}

export type WorkOrderPart = {
  id: number;
  itemId: number;
  locationId: number;
  lot: string;
  qtyReserved: number;
  qtyConsumed: number;
};

const toPart = (r: Row): WorkOrderPart => ({
  id: num(r.id),
  itemId: num(r.item_id),
  locationId: num(r.location_id),
  lot: str(r.lot),
  qtyReserved: num(r.qty_reserved),
  qtyConsumed: num(r.qty_consumed),
});

const PART_COLUMNS = 'id, item_id, location_id, lot, qty_reserved, qty_consumed';

export async function workOrderPart(
  ex: Executor,
  workOrderId: number,
  partId: number,
): Promise<WorkOrderPart | null> {
  const rs = await ex.execute({
    sql: `SELECT ${PART_COLUMNS} FROM work_order_parts WHERE id = ? AND work_order_id = ?`,
    args: [partId, workOrderId],
  });
  const r = rs.rows[0];
  return r ? toPart(r) : null;
}

/** Part lines of a work order that still hold a reservation. */
export async function partsStillReserved(ex: Executor, workOrderId: number): Promise<WorkOrderPart[]> {
  const rs = await ex.execute({
    sql: `SELECT ${PART_COLUMNS} FROM work_order_parts WHERE work_order_id = ? AND qty_reserved > qty_consumed`,
    args: [workOrderId],
  });
  return rs.rows.map(toPart);
}

export async function insertWorkOrderPart(
  ex: Executor,
  p: { workOrderId: number; itemId: number; locationId: number; lot: string; qtyReserved: number },
): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO work_order_parts (work_order_id, item_id, location_id, lot, qty_reserved, qty_consumed)
          VALUES (?, ?, ?, ?, ?, 0) RETURNING id`,
    args: [p.workOrderId, p.itemId, p.locationId, p.lot, p.qtyReserved],
  });
  return num(rs.rows[0]?.id);
}

export async function addConsumedToPart(ex: Executor, partId: number, qty: number): Promise<void> {
  await ex.execute({
    sql: 'UPDATE work_order_parts SET qty_consumed = qty_consumed + ? WHERE id = ?',
    args: [qty, partId],
  });
}

/** Lowers a part line's reservation to what it has consumed (the rest went back to stock). */
export async function releasePartReservation(ex: Executor, partId: number): Promise<void> {
  await ex.execute({
    sql: 'UPDATE work_order_parts SET qty_reserved = qty_consumed WHERE id = ?',
    args: [partId],
  });
}

/** `releasePartReservation` for every part line of a work order. */
export async function releaseWorkOrderReservations(ex: Executor, workOrderId: number): Promise<void> {
  await ex.execute({
    sql: 'UPDATE work_order_parts SET qty_reserved = qty_consumed WHERE work_order_id = ?',
    args: [workOrderId],
  });
}

export type WorkOrderTask = {
  id: number;
  seq: number;
  text: string;
  doneAt: number | null;
  doneBy: string | null;
};

/** The work order's checklist, in order, with who ticked each task and when. */
export async function tasksOfWorkOrder(ex: Executor, workOrderId: number): Promise<WorkOrderTask[]> {
  const rs = await ex.execute({
    sql: `SELECT t.id, t.seq, t.text, t.done_at, u.display_name AS done_by
          FROM work_order_tasks t LEFT JOIN users u ON u.id = t.done_by WHERE t.work_order_id = ? ORDER BY t.seq`,
    args: [workOrderId],
  });
  return rs.rows.map((r) => ({
    id: num(r.id),
    seq: num(r.seq),
    text: str(r.text),
    doneAt: numOrNull(r.done_at),
    doneBy: strOrNull(r.done_by),
  }));
}

export async function insertWorkOrderTasks(
  ex: Executor,
  workOrderId: number,
  tasks: readonly string[],
): Promise<void> {
  await insertRows(
    ex,
    'INSERT INTO work_order_tasks (work_order_id, seq, text)',
    tasks.map((text, i) => [workOrderId, i + 1, text]),
  );
}

export async function workOrderTask(
  ex: Executor,
  workOrderId: number,
  taskId: number,
): Promise<{ id: number; text: string; done: boolean } | null> {
  const rs = await ex.execute({
    sql: 'SELECT id, text, done_at FROM work_order_tasks WHERE id = ? AND work_order_id = ?',
    args: [taskId, workOrderId],
  });
  const r = rs.rows[0];
  return r ? { id: num(r.id), text: str(r.text), done: r.done_at !== null } : null;
}

/** Ticks (who and when) or unticks (both null) one task. */
export async function setTaskDone(
  ex: Executor,
  taskId: number,
  done: { at: number; by: number } | null,
): Promise<void> {
  await ex.execute({
    sql: 'UPDATE work_order_tasks SET done_at = ?, done_by = ? WHERE id = ?',
    args: [done?.at ?? null, done?.by ?? null, taskId],
  });
}

export async function setWorkOrderDescription(ex: Executor, id: number, description: string): Promise<void> {
  await ex.execute({ sql: 'UPDATE work_orders SET description = ? WHERE id = ?', args: [description, id] });
}
