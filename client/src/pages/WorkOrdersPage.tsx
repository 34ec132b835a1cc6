import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { WORK_ORDER_STATUSES } from '../../../common/work-order-status.ts';
import { BoardColumn } from '../components/BoardColumn.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { WorkOrderForm } from '../components/WorkOrderForm.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { humanise } from '../lib/format.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';

/** The work order board: one column per status. */
export function WorkOrdersPage() {
  useDocumentTitle('Work orders');
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const [creating, setCreating] = useState(false);
  const counts = useQuery(trpc.workOrders.counts.queryOptions());
  const [now] = useState(() => Date.now());

  return (
    <div className="page page--wide">
      <PageHeader
        title="Work orders"
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating((c) => !c)}
            aria-expanded={creating}
            data-testid="new-work-order"
          >
            {creating ? 'Close form' : 'New work order'}
          </button>
        }
      />
      {creating ? (
        <section className="card" aria-label="New work order">
          <h2 className="card__title">New work order</h2>
          <WorkOrderForm
            onCancel={() => setCreating(false)}
            onCreated={(id) => {
              toast.success(`Created work order #${id}`);
              navigate(`/work-orders/${id}`);
            }}
          />
        </section>
      ) : null}
      <nav className="status-jump" aria-label="Jump to a status">
        {WORK_ORDER_STATUSES.map((s) => (
          <a key={s} href={`#col-${s}`} className="status-jump__link">
            {humanise(s)} <span className="board__count">{counts.data?.[s] ?? '…'}</span>
          </a>
        ))}
      </nav>
      <div className="board">
        {WORK_ORDER_STATUSES.map((s) => (
          <BoardColumn key={s} status={s} count={counts.data?.[s]} now={now} />
        ))}
      </div>
    </div>
  );
}
