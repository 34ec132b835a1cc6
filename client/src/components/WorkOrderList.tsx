import { Link } from 'wouter';
import { useFormat } from '../hooks/useFormat.ts';
import type { WorkOrderSummary } from '../lib/types.ts';
import { Badge } from './Badge.tsx';
import { EmptyState } from './EmptyState.tsx';

/** A compact list of work orders (an asset's, for instance). */
export function WorkOrderList({ orders, empty }: { orders: readonly WorkOrderSummary[]; empty: string }) {
  const format = useFormat();
  if (orders.length === 0) return <EmptyState title={empty} />;
  return (
    <ul className="wo-list">
      {orders.map((w) => (
        <li key={w.id}>
          <Link href={`/work-orders/${w.id}`} className="wo-list__link">
            <span className="wo-list__title">
              <span className="muted">#{w.id}</span> {w.title}
            </span>
            <span className="wo-list__meta">
              <Badge code={w.status} /> <Badge code={w.priority} />
              {w.dueAt ? <span className="muted"> due {format.date(w.dueAt)}</span> : null}
              {w.assignee ? <span className="muted"> · {w.assignee}</span> : null}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
