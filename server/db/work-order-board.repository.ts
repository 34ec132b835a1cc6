import type { Priority, WorkOrderStatus } from '../../common/work-order-status.ts';
import type { Executor } from './database.ts';
import { num, numOrNull, str, strOrNull } from './sql.ts';

type Row = Record<string, unknown>;

export const toSummary = (r: Row) => ({
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

export const SUMMARY_SQL = `SELECT w.id, w.title, w.status, w.priority, w.due_at, w.asset_id, a.name AS asset_name,
  w.assignee_id, u.display_name AS assignee, w.created_at, w.updated_at
  FROM work_orders w LEFT JOIN assets a ON a.id = w.asset_id LEFT JOIN users u ON u.id = w.assignee_id`;

/** Which work orders a board shows: any combination of these, all when none is given. */
export type BoardFilter = {
  assetId?: number | undefined;
  priority?: Priority | undefined;
  /** Someone's work, or 'none' for work nobody has taken. */
  assigneeId?: number | 'none' | undefined;
};

function where(f: BoardFilter & { status?: WorkOrderStatus | undefined }) {
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

/** Most urgent first: priority, then the earliest due date, then the newest. */
export async function listWorkOrders(
  ex: Executor,
  f: BoardFilter & { status?: WorkOrderStatus | undefined; offset: number; limit: number },
) {
  const w = where(f);
  const rs = await ex.execute({
    sql: `${SUMMARY_SQL} WHERE ${w.sql}
          ORDER BY CASE w.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
                   coalesce(w.due_at, 9e15), w.id DESC LIMIT ? OFFSET ?`,
    args: [...w.args, f.limit, f.offset],
  });
  return rs.rows.map(toSummary);
}

/** How many work orders of each status match the filter. */
export async function countWorkOrders(
  ex: Executor,
  f: BoardFilter,
): Promise<Record<WorkOrderStatus, number>> {
  const w = where(f);
  const rs = await ex.execute({
    sql: `SELECT w.status, count(*) AS n FROM work_orders w WHERE ${w.sql} GROUP BY w.status`,
    args: w.args,
  });
  const out: Record<WorkOrderStatus, number> = {
    open: 0,
    assigned: 0,
    in_progress: 0,
    on_hold: 0,
    done: 0,
    cancelled: 0,
  };
  for (const r of rs.rows) out[str(r.status) as WorkOrderStatus] = num(r.n);
  return out;
}
