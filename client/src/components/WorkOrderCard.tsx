import { Link } from 'wouter';
import { useFormat } from '../hooks/useFormat.ts';
import type { WorkOrderSummary } from '../lib/types.ts';
import { Badge } from './Badge.tsx';

/** One work order on the board. */
export function WorkOrderCard({ order, now }: { order: WorkOrderSummary; now: number }) {
  const format = useFormat();
  const overdue =
    order.dueAt !== null && order.dueAt < now && order.status !== 'done' && order.status !== 'cancelled';
  return (
    <Link
      href={`/work-orders/${order.id}`}
      className={`wo-card wo-card--${order.priority}`}
      data-testid="work-order-card"
    >
      <span className="wo-card__top">
        <span className="muted">#{order.id}</span>
        <Badge code={order.priority} />
      </span>
      <span className="wo-card__title">{order.title}</span>
      {order.assetName ? <span className="wo-card__meta">{order.assetName}</span> : null}
      <span className="wo-card__meta">
        {order.assignee ?? <span className="muted">Unassigned</span>}
        {order.dueAt !== null ? (
          <span className={overdue ? 'overdue' : 'muted'}>
            {' '}
            · {overdue ? 'overdue ' : 'due '}
            {format.date(order.dueAt)}
          </span>
        ) : null}
      </span>
    </Link>
  );
}
