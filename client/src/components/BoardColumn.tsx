import { useInfiniteQuery } from '@tanstack/react-query';
import { useFormat } from '../hooks/useFormat.ts';
import { humanise } from '../lib/format.ts';
import type { Priority, WorkOrderStatus } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';
import { ErrorState } from './ErrorState.tsx';
import { WorkOrderCard } from './WorkOrderCard.tsx';

/** Cards per page of a column; "Show more" loads the next page. */
const PAGE = 50;

export type BoardFilter = { assetId?: number; priority?: Priority; assigneeId?: number | 'none' };

/** One status column of the work order board: its count and its cards, most pressing first. */
export function BoardColumn({
  status,
  filter,
  count,
  now,
}: {
  status: WorkOrderStatus;
  filter: BoardFilter;
  count: number | undefined;
  now: number;
}) {
  const trpc = useTRPC();
  const format = useFormat();
  const orders = useInfiniteQuery(
    trpc.workOrders.list.infiniteQueryOptions(
      { ...filter, status, limit: PAGE },
      { getNextPageParam: (last, all) => (last.length < PAGE ? undefined : all.length * PAGE) },
    ),
  );
  const headingId = `col-${status}`;
  const cards = orders.data?.pages.flat() ?? [];
  const more = count === undefined ? 0 : count - cards.length;
  return (
    <section
      className={`board__column board__column--${status}`}
      aria-labelledby={headingId}
      data-testid={`column-${status}`}
    >
      <h2 id={headingId} className="board__heading">
        <span>{humanise(status)}</span>
        <span className="board__count" data-testid="column-count">
          {count === undefined ? '…' : format.number(count)}
        </span>
      </h2>
      {orders.isPending ? (
        <p className="muted board__note">Loading…</p>
      ) : orders.isError ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : cards.length === 0 ? (
        <p className="muted board__note">None</p>
      ) : (
        <ul className="board__cards">
          {cards.map((o) => (
            <li key={o.id}>
              <WorkOrderCard order={o} now={now} />
            </li>
          ))}
        </ul>
      )}
      {orders.hasNextPage && more > 0 ? (
        <button
          type="button"
          className="button button--small board__more"
          onClick={() => void orders.fetchNextPage()}
          disabled={orders.isFetchingNextPage}
          data-testid="column-more"
        >
          {orders.isFetchingNextPage
            ? 'Loading…'
            : `Show ${format.number(Math.min(PAGE, more))} more of ${format.number(more)}`}
        </button>
      ) : null}
    </section>
  );
}
