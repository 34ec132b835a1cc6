import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { Badge } from '../components/Badge.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useUser } from '../hooks/useUser.ts';
import { errorMessage } from '../lib/errors.ts';
import { isPlanner } from '../lib/roles.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';

/** The facility's equipment, searchable by tag, name, alias or category. */
export function AssetsPage() {
  const format = useFormat();
  useDocumentTitle('Assets');
  const trpc = useTRPC();
  const user = useUser();
  const invalidate = useInvalidate();
  const [text, setText] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const q = useDebounced(text.trim(), 200);
  const assets = useQuery(
    trpc.assets.list.queryOptions(
      { ...(q ? { q } : {}), includeArchived },
      { placeholderData: keepPreviousData },
    ),
  );
  const scheduler = useMutation(
    trpc.assets.runScheduler.mutationOptions({
      onSuccess: ({ createdWorkOrders }) => {
        const n = createdWorkOrders.length;
        toast.success(
          n === 0
            ? 'No maintenance is due; nothing was created'
            : `Created ${n} work order${n === 1 ? '' : 's'} for due maintenance`,
        );
        void invalidate.workOrder();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  return (
    <div className="page">
      <PageHeader
        title="Assets"
        subtitle="The asset register: equipment, where it is, its meters and maintenance plans."
        actions={
          isPlanner(user.role) ? (
            <>
              <button
                type="button"
                className="button"
                onClick={() => scheduler.mutate()}
                disabled={scheduler.isPending}
                data-testid="run-scheduler"
              >
                {scheduler.isPending ? 'Checking…' : 'Raise due maintenance'}
              </button>
              <Link href="/assets/new" className="button button--primary" data-testid="asset-new">
                New asset
              </Link>
            </>
          ) : null
        }
      />
      <div className="searchbar searchbar--compact">
        <label htmlFor="asset-search" className="visually-hidden">
          Search assets
        </label>
        <span className="searchbar__icon" aria-hidden="true">
          ⌕
        </span>
        <input
          id="asset-search"
          type="search"
          className="searchbar__input"
          placeholder="Tag, name or category, e.g. AHU, pump"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="asset-search"
        />
        {assets.isFetching ? (
          <span className="spinner spinner--small searchbar__spinner" aria-hidden="true" />
        ) : null}
      </div>
      <label className="toolbar">
        <input
          type="checkbox"
          checked={includeArchived}
          onChange={(e) => setIncludeArchived(e.target.checked)}
          data-testid="asset-show-archived"
        />
        Show archived assets
      </label>
      <section className="card">
        {assets.isPending ? (
          <Loading label="Loading assets…" />
        ) : assets.isError ? (
          <ErrorState error={assets.error} onRetry={() => void assets.refetch()} />
        ) : assets.data.length === 0 ? (
          <EmptyState title={q ? `No asset matches “${q}”` : 'No assets registered'}>
            {!q && isPlanner(user.role) ? <p>Register one with “New asset”.</p> : null}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Tag</th>
                  <th scope="col">Name</th>
                  <th scope="col" className="hide-narrow">
                    Type
                  </th>
                  <th scope="col" className="hide-narrow">
                    Criticality
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num hide-narrow">
                    Meter
                  </th>
                  <th scope="col" className="num">
                    Open work
                  </th>
                </tr>
              </thead>
              <tbody>
                {assets.data.map((a) => (
                  <tr key={a.id} data-testid="asset-row">
                    <td className="mono">{a.tag}</td>
                    <th scope="row">
                      <Link href={`/assets/${a.id}`}>{a.name}</Link>
                    </th>
                    <td className="hide-narrow">{a.type}</td>
                    <td className="hide-narrow">
                      <Badge code={a.criticality} />
                    </td>
                    <td>{a.archivedAt === null ? <Badge code={a.status} /> : <Badge code="archived" />}</td>
                    <td className="num hide-narrow">
                      {a.meterUnit ? `${format.number(a.meterValue)} ${a.meterUnit}` : '—'}
                    </td>
                    <td className="num">{a.openWorkOrders > 0 ? format.number(a.openWorkOrders) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
