import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import { PO_STATUSES, type PurchaseOrderStatus } from '../../../common/purchase-order-status.ts';
import { Badge } from '../components/Badge.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { humanise } from '../lib/format.ts';
import { useTRPC } from '../trpc.ts';

const isStatus = (s: string | null): s is PurchaseOrderStatus => PO_STATUSES.some((p) => p === s);

/** All purchase orders, newest first, filtered by status. */
export function PurchaseOrdersPage() {
  const format = useFormat();
  useDocumentTitle('Purchase orders');
  const trpc = useTRPC();
  const search = useSearch();
  const [, navigate] = useLocation();
  const raw = new URLSearchParams(search).get('status');
  const status = isStatus(raw) ? raw : undefined;
  const orders = useQuery(
    trpc.purchasing.list.queryOptions(status ? { status, limit: 200 } : { limit: 200 }),
  );

  return (
    <div className="page">
      <PageHeader
        title="Purchase orders"
        actions={
          <Link href="/low-stock" className="button">
            Order low stock
          </Link>
        }
      />
      <div className="toolbar">
        <label htmlFor="po-status">Status</label>
        <select
          id="po-status"
          value={status ?? ''}
          onChange={(e) =>
            navigate(e.target.value ? `/purchase-orders?status=${e.target.value}` : '/purchase-orders')
          }
          data-testid="po-status-filter"
        >
          <option value="">All</option>
          {PO_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanise(s)}
            </option>
          ))}
        </select>
      </div>
      <section className="card">
        {orders.isPending ? (
          <Loading label="Loading purchase orders…" />
        ) : orders.isError ? (
          <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
        ) : orders.data.length === 0 ? (
          <EmptyState
            title={status ? `No ${humanise(status).toLowerCase()} purchase orders` : 'No purchase orders yet'}
          >
            <p>
              Planners create them from <Link href="/low-stock">low stock</Link>.
            </p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Supplier</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Lines
                  </th>
                  <th scope="col" className="num">
                    Total
                  </th>
                  <th scope="col" className="hide-narrow">
                    Created
                  </th>
                  <th scope="col">Expected</th>
                </tr>
              </thead>
              <tbody>
                {orders.data.map((po) => (
                  <tr key={po.id} data-testid="po-row">
                    <th scope="row">
                      <Link href={`/purchase-orders/${po.id}`}>PO #{po.id}</Link>
                    </th>
                    <td>{po.supplier}</td>
                    <td>
                      <Badge code={po.status} />
                    </td>
                    <td className="num">{po.lines}</td>
                    <td className="num">{format.price(po.totalCents, po.currency)}</td>
                    <td className="hide-narrow muted">{format.date(po.createdAt)}</td>
                    <td>{po.expectedAt ? format.date(po.expectedAt) : '—'}</td>
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
