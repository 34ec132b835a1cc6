import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useFormat } from '../hooks/useFormat.ts';
import { useMovementsKey } from '../hooks/useInvalidate.ts';
import { movementLabel } from '../lib/format.ts';
import type { Movement } from '../lib/types.ts';
import { useTRPCClient } from '../trpc.ts';
import { EmptyState } from './EmptyState.tsx';
import { ErrorState } from './ErrorState.tsx';
import { Loading } from './Loading.tsx';

const PAGE = 25;

function Reference({ m }: { m: Movement }) {
  if (m.refType === 'work_order' && m.refId !== null)
    return <Link href={`/work-orders/${m.refId}`}>WO #{m.refId}</Link>;
  if (m.refType === 'purchase_order' && m.refId !== null) {
    return <Link href={`/purchase-orders/${m.refId}`}>PO #{m.refId}</Link>;
  }
  return null;
}

/** The item's ledger, newest first, a page at a time. */
export function MovementHistory({ itemId, unit }: { itemId: number; unit: string }) {
  const format = useFormat();
  const client = useTRPCClient();
  const history = useInfiniteQuery({
    queryKey: useMovementsKey(itemId),
    queryFn: ({ pageParam }) => client.items.movements.query({ itemId, beforeId: pageParam, limit: PAGE }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : (last.at(-1)?.id ?? undefined)),
  });

  const rows = history.data?.pages.flat() ?? [];
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title" className="card__title">
        Movement history
      </h2>
      {history.isPending ? (
        <Loading label="Loading history…" />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No movements yet" />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="movement-table">
              <thead>
                <tr>
                  <th scope="col" className="hide-narrow">
                    When
                  </th>
                  <th scope="col">What</th>
                  <th scope="col">Bin</th>
                  <th scope="col" className="num">
                    Change
                  </th>
                  <th scope="col" className="hide-narrow">
                    By
                  </th>
                  <th scope="col" className="hide-narrow">
                    Note
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id} data-testid="movement-row">
                    <td className="nowrap muted hide-narrow">{format.dateTime(m.at)}</td>
                    <td>
                      <span data-testid="movement-kind">{movementLabel(m.kind)}</span>
                      {m.kind === 'count' && m.countedQty !== null ? (
                        <span className="muted">
                          {' '}
                          ({format.number(m.countedQty)} {unit})
                        </span>
                      ) : null}
                      <span className="cell-sub show-narrow">
                        {format.dateTime(m.at)}
                        {m.actor ? ` · ${m.actor}` : ''}
                      </span>
                    </td>
                    <td className="mono" data-testid="movement-bin">
                      {m.code}
                      {m.lot ? <span className="muted"> · {m.lot}</span> : null}
                    </td>
                    <td
                      className={`num strong ${m.qty < 0 ? 'negative' : m.qty > 0 ? 'positive' : ''}`}
                      data-testid="movement-qty"
                    >
                      {format.signed(m.qty)}
                    </td>
                    <td className="hide-narrow">{m.actor ?? 'System'}</td>
                    <td className="hide-narrow">
                      {m.reason ? <span>{m.reason} </span> : null}
                      <Reference m={m} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {history.hasNextPage ? (
            <div className="card__footer">
              <button
                type="button"
                className="button"
                onClick={() => void history.fetchNextPage()}
                disabled={history.isFetchingNextPage}
                data-testid="load-more"
              >
                {history.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
