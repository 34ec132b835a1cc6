import { useQuery } from '@tanstack/react-query';
import { humanise } from '../lib/format.ts';
import type { WorkOrderStatus } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';
import { ErrorState } from './ErrorState.tsx';
import { WorkOrderCard } from './WorkOrderCard.tsx';

const LIMIT = 50;

/** One status column of the work order board: its count and its most pressing cards. */
export function BoardColumn({
  status,
  count,
  now,
}: {
  status: WorkOrderStatus;
  count: number | undefined;
  now: number;
}) {
  const trpc = useTRPC();
  const orders = useQuery(trpc.workOrders.list.queryOptions({ status, limit: LIMIT }));
  const headingId = `col-${status}`;
  const shown = orders.data?.length ?? 0;
  return (
    <section
      className={`board__column board__column--${status}`}
      aria-labelledby={headingId}
      data-testid={`column-${status}`}
    >
      <h2 id={headingId} className="board__heading">
        <span>{humanise(status)}</span>
        <span className="board__count" data-testid="column-count">
          {count ?? '…'}
        </span>
      </h2>
      {orders.isPending ? (
        <p className="muted board__note">Loading…</p>
      ) : orders.isError ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : shown === 0 ? (
        <p className="muted board__note">None</p>
      ) : (
        <ul className="board__cards">
          {orders.data.map((o) => (
            <li key={o.id}>
              <WorkOrderCard order={o} now={now} />
            </li>
          ))}
        </ul>
      )}
      {count !== undefined && count > shown && shown > 0 ? (
        <p className="muted board__note">and {count - shown} more (most urgent shown)</p>
      ) : null}
    </section>
  );
}
