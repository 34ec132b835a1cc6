import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { Badge } from '../components/Badge.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { useFormat } from '../hooks/useFormat.ts';
import { useTRPC } from '../trpc.ts';

/** Every supplier with its currency, lead time, contacts and how many items it prices. */
export function SuppliersSection() {
  const format = useFormat();
  const trpc = useTRPC();
  const suppliers = useQuery(trpc.suppliers.list.queryOptions());
  const [showArchived, setShowArchived] = useState(false);
  const rows = (suppliers.data ?? []).filter((s) => showArchived || !s.archived);
  const archivedCount = (suppliers.data ?? []).filter((s) => s.archived).length;
  return (
    <section className="card" aria-labelledby="suppliers-title">
      <div className="card__head">
        <h2 id="suppliers-title" className="card__title">
          Suppliers
        </h2>
        <Link href="/masters/suppliers/new" className="button button--primary" data-testid="new-supplier">
          New supplier
        </Link>
      </div>
      {archivedCount > 0 ? (
        <label className="masters-toggle">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />{' '}
          Show {format.number(archivedCount)} archived
        </label>
      ) : null}
      {suppliers.isPending ? (
        <Loading label="Loading suppliers…" />
      ) : suppliers.isError ? (
        <ErrorState error={suppliers.error} onRetry={() => void suppliers.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No suppliers yet">
          <p>Add the companies you buy from: their contacts, lead time, currency and price list.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="suppliers-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Currency</th>
                <th scope="col" className="num">
                  Lead time
                </th>
                <th scope="col" className="num hide-narrow">
                  Prices
                </th>
                <th scope="col" className="hide-narrow">
                  Contact
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-testid="supplier-row" data-name={s.name}>
                  <th scope="row">
                    <Link href={`/masters/suppliers/${s.id}`}>{s.name}</Link>{' '}
                    {s.archived ? <Badge code="archived" tone="neutral" label="Archived" /> : null}
                  </th>
                  <td className="mono">{s.currency}</td>
                  <td className="num">{format.number(s.leadTimeDays)} d</td>
                  <td className="num hide-narrow">{format.number(s.prices)}</td>
                  <td className="hide-narrow">{s.primaryEmail ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
