import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { Badge } from '../components/Badge.tsx';
import { CancelOrderButton } from '../components/CancelOrderButton.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Progress } from '../components/Progress.tsx';
import { ReceiveLineForm } from '../components/ReceiveLineForm.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useIdParam } from '../hooks/useIdParam.ts';
import { useUser } from '../hooks/useUser.ts';

import { isPlanner } from '../lib/roles.ts';
import type { PurchaseOrderDetail } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function PurchaseOrderPage() {
  const id = useIdParam();
  return id === null ? <NotFoundPage /> : <PurchaseOrderView id={id} />;
}

function PurchaseOrderView({ id }: { id: number }) {
  const format = useFormat();
  const trpc = useTRPC();
  const user = useUser();
  const po = useQuery(trpc.purchasing.get.queryOptions({ id }));
  useDocumentTitle(`PO #${id}`);
  const back = { href: '/purchase-orders', label: 'Purchase orders' };
  if (po.isPending) return <Loading label="Loading purchase order…" />;
  if (po.isError) {
    return (
      <div className="page">
        <PageHeader title={`PO #${id}`} back={back} />
        <ErrorState error={po.error} onRetry={() => void po.refetch()} />
      </div>
    );
  }
  const order = po.data;
  // Lines are whole packs at the price agreed per pack; an unpriced line adds nothing yet.
  const total = order.lines.reduce((sum, l) => sum + (l.qtyOrdered / l.pack.size) * (l.packPrice ?? 0), 0);
  const unpriced = order.lines.filter((l) => l.packPrice === null).length;
  return (
    <div className="page">
      <PageHeader
        title={`PO #${order.id}`}
        back={back}
        subtitle={
          <>
            {order.supplier.name} · <Badge code={order.status} /> · created {format.date(order.createdAt)}
            {order.expectedAt ? ` · expected ${format.date(order.expectedAt)}` : ''} ·{' '}
            {format.price(total, order.currency)}
            {unpriced > 0 ? ` + ${unpriced} line(s) with a price to agree` : ''}
            {order.supplier.archived ? ' · supplier archived' : ''}
          </>
        }
      />
      <ul className="line-list">
        {order.lines.map((line) => (
          <OrderLine key={line.id} order={order} line={line} />
        ))}
      </ul>
      {order.status === 'open' && isPlanner(user.role) ? <CancelOrderButton orderId={order.id} /> : null}
    </div>
  );
}

function OrderLine({
  order,
  line,
}: {
  order: PurchaseOrderDetail;
  line: PurchaseOrderDetail['lines'][number];
}) {
  const format = useFormat();
  const outstanding = line.qtyOrdered - line.qtyReceived;
  const receivable = outstanding > 0 && order.status !== 'cancelled' && order.status !== 'received';
  return (
    <li className="card line" data-testid="po-line">
      <div className="line__head">
        <div>
          <Link href={`/items/${line.itemId}`} className="line__name">
            {line.name}
          </Link>
          <span className="cell-sub mono">{line.sku}</span>
        </div>
        <div className="line__numbers">
          <span>
            <strong>{format.number(line.qtyReceived)}</strong> of {format.number(line.qtyOrdered)} {line.unit}{' '}
            received
          </span>
          <span className="muted" data-testid="po-line-price">
            {line.partNumber ? <span className="mono">{line.partNumber} · </span> : null}
            {line.packPrice === null
              ? 'price to agree'
              : `${format.price(line.packPrice, order.currency)} per ${format.pack(line.pack)}`}
            {line.pack.size > 1
              ? ` · ${format.number(line.qtyOrdered / line.pack.size)} × ${format.pack(line.pack)}`
              : ''}
          </span>
        </div>
      </div>
      <Progress value={line.qtyReceived} max={line.qtyOrdered} label={`${line.name} received`} />
      {receivable ? (
        <ReceiveLineForm poId={order.id} line={line} />
      ) : (
        <p className="muted">{outstanding <= 0 ? 'Fully received.' : 'This order is closed.'}</p>
      )}
    </li>
  );
}
