import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useUser } from '../hooks/useUser.ts';

import { isPlanner } from '../lib/roles.ts';
import type { LowStockRow } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';

/** Items at or below their reorder point, and turning them into purchase orders. */
export function LowStockPage() {
  useDocumentTitle('Low stock');
  const trpc = useTRPC();
  const user = useUser();
  const planner = isPlanner(user.role);
  const low = useQuery(trpc.stock.lowStock.queryOptions());
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [created, setCreated] = useState<number[]>([]);
  const form = useFeedback();
  const invalidate = useInvalidate();
  const create = useMutation(
    trpc.purchasing.createFromSuggestions.mutationOptions({
      onSuccess: (res) => {
        setCreated(res.purchaseOrderIds);
        setChosen(new Set());
        form.succeeded(
          `Created ${res.purchaseOrderIds.length} purchase order${res.purchaseOrderIds.length === 1 ? '' : 's'}`,
        );
        void invalidate.purchaseOrder();
      },
      onError: (e) => form.failed(e),
    }),
  );

  const rows = low.data ?? [];
  const orderable = rows.filter((r) => r.suggestedQty > 0 && !r.supplierArchived);
  const allChosen = orderable.length > 0 && orderable.every((r) => chosen.has(r.itemId));
  const toggle = (id: number) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="page">
      <PageHeader
        title="Low stock"
        subtitle="Items whose available stock is at or below their reorder point."
        actions={
          planner ? (
            <button
              type="button"
              className="button button--primary"
              disabled={chosen.size === 0 || create.isPending}
              onClick={() => create.mutate({ itemIds: [...chosen] })}
              data-testid="create-pos"
            >
              {create.isPending
                ? 'Creating…'
                : `Create purchase orders${chosen.size > 0 ? ` (${chosen.size})` : ''}`}
            </button>
          ) : null
        }
      />
      <FormMessage feedback={form.feedback} />
      {created.length > 0 ? (
        <p className="notice" data-testid="created-pos">
          New purchase orders:{' '}
          {created.map((id, i) => (
            <span key={id}>
              {i > 0 ? ', ' : ''}
              <Link href={`/purchase-orders/${id}`}>PO #{id}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {!planner ? <p className="muted">Planners turn these into purchase orders.</p> : null}
      <section className="card">
        {low.isPending ? (
          <Loading label="Checking stock levels…" />
        ) : low.isError ? (
          <ErrorState error={low.error} onRetry={() => void low.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState title="Nothing is low">
            <p>Every item is above its reorder point.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="low-stock-table">
              <thead>
                <tr>
                  {planner ? (
                    <th scope="col" className="check">
                      <input
                        type="checkbox"
                        aria-label="Choose all items that need ordering"
                        checked={allChosen}
                        onChange={() =>
                          setChosen(allChosen ? new Set() : new Set(orderable.map((r) => r.itemId)))
                        }
                      />
                    </th>
                  ) : null}
                  <th scope="col">Item</th>
                  <th scope="col" className="num">
                    Available
                  </th>
                  <th scope="col" className="num">
                    Reorder point
                  </th>
                  <th scope="col" className="num">
                    On order
                  </th>
                  <th scope="col" className="num">
                    Suggested
                  </th>
                  <th scope="col">Supplier</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <LowStockLine
                    key={r.itemId}
                    row={r}
                    planner={planner}
                    checked={chosen.has(r.itemId)}
                    onToggle={toggle}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

type LineProps = { row: LowStockRow; planner: boolean; checked: boolean; onToggle: (id: number) => void };

function LowStockLine({ row: r, planner, checked, onToggle }: LineProps) {
  const format = useFormat();
  const canOrder = r.suggestedQty > 0 && !r.supplierArchived;
  return (
    <tr data-testid="low-stock-row">
      {planner ? (
        <td className="check">
          <input
            type="checkbox"
            aria-label={`Order ${r.name}`}
            checked={checked}
            disabled={!canOrder}
            title={
              canOrder
                ? undefined
                : r.supplierArchived
                  ? 'Its preferred supplier is archived'
                  : 'Enough is already on order'
            }
            onChange={() => onToggle(r.itemId)}
          />
        </td>
      ) : null}
      <th scope="row">
        <Link href={`/items/${r.itemId}`}>{r.name}</Link>
        <span className="cell-sub mono">{r.sku}</span>
      </th>
      <td className={`num strong${r.available <= 0 ? ' negative' : ''}`}>
        {format.number(r.available)} <span className="muted">{r.unit}</span>
      </td>
      <td className="num">{format.number(r.reorderPoint)}</td>
      <td className="num">{r.onOrder > 0 ? format.number(r.onOrder) : '—'}</td>
      <td className="num">
        {canOrder ? (
          <>
            {format.number(r.suggestedQty)}
            <span className="cell-sub">
              {r.price && r.suggestedPacks !== null && r.supplierCurrency
                ? `${format.number(r.suggestedPacks)} × ${format.pack(r.price.pack)} · ${format.price(r.suggestedPacks * r.price.priceMinor, r.supplierCurrency)}`
                : format.money(r.suggestedQty * r.unitCostCents)}
            </span>
          </>
        ) : (
          <span className="muted">Covered</span>
        )}
      </td>
      <td>
        {r.supplierName ?? <span className="warning-text">No supplier</span>}
        {r.supplierArchived ? <span className="cell-sub warning-text">Archived: choose another</span> : null}
        {r.price ? <span className="cell-sub mono">{r.price.partNumber}</span> : null}
      </td>
    </tr>
  );
}
