import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { LOW_STOCK_SORTS, type LowStockSort } from '../../../common/low-stock.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useUrlParams } from '../hooks/useUrlParams.ts';
import { useUser } from '../hooks/useUser.ts';

import { isPlanner } from '../lib/roles.ts';
import type { LowStockRow } from '../lib/types.ts';
import { type Outputs, useTRPC } from '../trpc.ts';
import './LowStockPage.css';

const PAGE_SIZE = 50;

const SORT_LABELS: Record<LowStockSort, string> = {
  urgency: 'Most urgent first',
  name: 'Name A–Z',
  supplier: 'Supplier',
  value: 'Order value, highest first',
};

type Facets = Pick<Outputs['stock']['lowStock'], 'suppliers' | 'categories'>;

/** The list's filters as the address holds them; anything unreadable falls back to the default. */
function useLowStockFilters() {
  const [params, update] = useUrlParams();
  const supplierParam = params.get('supplier');
  const supplierNumber = Number(supplierParam);
  const supplierId: number | 'none' | undefined =
    supplierParam === 'none'
      ? 'none'
      : Number.isInteger(supplierNumber) && supplierNumber > 0
        ? supplierNumber
        : undefined;
  const sortParam = params.get('sort');
  const sort = LOW_STOCK_SORTS.find((s) => s === sortParam) ?? 'urgency';
  const pageNumber = Number(params.get('page'));
  const page = Number.isInteger(pageNumber) && pageNumber > 1 ? pageNumber : 1;
  return {
    uncoveredOnly: params.get('uncovered') === '1',
    supplierId,
    category: params.get('category') || undefined,
    sort,
    page,
    /** Any change of filter starts again at the first page. */
    set: (patch: Record<string, string | null>) => update({ page: null, ...patch }),
    goTo: (p: number) => update({ page: p > 1 ? String(p) : null }),
  };
}

/** Items at or below their reorder point, and turning them into purchase orders. */
export function LowStockPage() {
  useDocumentTitle('Low stock');
  const trpc = useTRPC();
  const user = useUser();
  const planner = isPlanner(user.role);
  const filters = useLowStockFilters();
  const low = useQuery(
    trpc.stock.lowStock.queryOptions(
      {
        uncoveredOnly: filters.uncoveredOnly,
        ...(filters.supplierId !== undefined ? { supplierId: filters.supplierId } : {}),
        ...(filters.category !== undefined ? { category: filters.category } : {}),
        sort: filters.sort,
        offset: (filters.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData },
    ),
  );
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

  const rows = low.data?.lines ?? [];
  const orderable = rows.filter((r) => r.suggestedQty > 0 && !r.supplierArchived);
  const allChosen = orderable.length > 0 && orderable.every((r) => chosen.has(r.itemId));
  const toggle = (id: number) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () =>
    setChosen((prev) => {
      const next = new Set(prev);
      for (const r of orderable) {
        if (allChosen) next.delete(r.itemId);
        else next.add(r.itemId);
      }
      return next;
    });
  const filtered =
    filters.uncoveredOnly || filters.supplierId !== undefined || filters.category !== undefined;

  return (
    <div className="page low-stock">
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
      <LowStockFilters filters={filters} facets={low.data ?? null} />
      <section className="card" aria-label="Low stock items">
        {low.isPending ? (
          <Loading label="Checking stock levels…" />
        ) : low.isError ? (
          <ErrorState error={low.error} onRetry={() => void low.refetch()} />
        ) : low.data.total === 0 ? (
          filtered ? (
            <EmptyState title="Nothing low matches these filters">
              <button type="button" className="button" onClick={() => filters.set(CLEARED)}>
                Show every low item
              </button>
            </EmptyState>
          ) : (
            <EmptyState title="Nothing is low">
              <p>Every item is above its reorder point.</p>
            </EmptyState>
          )
        ) : rows.length === 0 ? (
          <EmptyState title="This page is past the end of the list">
            <button type="button" className="button" onClick={() => filters.goTo(1)}>
              Back to the first page
            </button>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table low-stock__table" data-testid="low-stock-table">
                <thead>
                  <tr>
                    {planner ? (
                      <th scope="col" className="check">
                        <input
                          type="checkbox"
                          aria-label="Choose every item on this page that needs ordering"
                          checked={allChosen}
                          disabled={orderable.length === 0}
                          onChange={toggleAll}
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
            <Pager page={filters.page} total={low.data.total} onPage={filters.goTo} busy={low.isFetching} />
          </>
        )}
      </section>
    </div>
  );
}

const CLEARED = { uncovered: null, supplier: null, category: null };

function LowStockFilters({
  filters,
  facets,
}: {
  filters: ReturnType<typeof useLowStockFilters>;
  facets: Facets | null;
}) {
  const id = useId();
  const format = useFormat();
  const suppliers = facets?.suppliers ?? [];
  const categories = facets?.categories ?? [];
  const supplierValue = filters.supplierId === undefined ? '' : String(filters.supplierId);
  return (
    <fieldset className="low-stock__filters">
      <legend className="visually-hidden">Filter and sort</legend>
      <label className="low-stock__check">
        <input
          type="checkbox"
          checked={filters.uncoveredOnly}
          onChange={(e) => filters.set({ uncovered: e.target.checked ? '1' : null })}
          data-testid="low-uncovered"
        />
        Only what still needs ordering
      </label>
      <div className="field">
        <label htmlFor={`${id}-supplier`}>Supplier</label>
        <select
          id={`${id}-supplier`}
          value={supplierValue}
          onChange={(e) => filters.set({ supplier: e.target.value })}
          data-testid="low-supplier"
        >
          <option value="">All suppliers</option>
          {/* The chosen supplier stays listed while the facets load. */}
          {supplierValue !== '' && !suppliers.some((s) => String(s.id ?? 'none') === supplierValue) ? (
            <option value={supplierValue}>Chosen supplier</option>
          ) : null}
          {suppliers.map((s) => (
            <option key={s.id ?? 'none'} value={s.id ?? 'none'}>
              {s.name ?? 'No supplier set'} ({format.number(s.count)})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>Category</label>
        <select
          id={`${id}-category`}
          value={filters.category ?? ''}
          onChange={(e) => filters.set({ category: e.target.value })}
          data-testid="low-category"
        >
          <option value="">All categories</option>
          {filters.category !== undefined && !categories.some((c) => c.name === filters.category) ? (
            <option value={filters.category}>{filters.category}</option>
          ) : null}
          {categories.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({format.number(c.count)})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select
          id={`${id}-sort`}
          value={filters.sort}
          onChange={(e) => filters.set({ sort: e.target.value === 'urgency' ? null : e.target.value })}
          data-testid="low-sort"
        >
          {LOW_STOCK_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

function Pager({
  page,
  total,
  onPage,
  busy,
}: {
  page: number;
  total: number;
  onPage: (page: number) => void;
  busy: boolean;
}) {
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  return (
    <nav className="low-stock__pager" aria-label="Pages">
      <p className="muted" aria-live="polite" data-testid="low-count">
        {format.number(first)}–{format.number(last)} of {format.number(total)}
      </p>
      {pages > 1 ? (
        <div className="low-stock__pager-buttons">
          <button
            type="button"
            className="button"
            disabled={page <= 1 || busy}
            onClick={() => onPage(page - 1)}
            data-testid="low-previous"
          >
            Previous
          </button>
          <button
            type="button"
            className="button"
            disabled={page >= pages || busy}
            onClick={() => onPage(page + 1)}
            data-testid="low-next"
          >
            Next
          </button>
        </div>
      ) : null}
    </nav>
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
      <th scope="row" className="low-stock__item">
        <Link href={`/items/${r.itemId}`}>{r.name}</Link>
        <span className="cell-sub">
          <span className="mono">{r.sku}</span> · {r.category}
        </span>
      </th>
      <td className={`num strong${r.available <= 0 ? ' negative' : ''}`} data-label="Available">
        {format.number(r.available)} <span className="muted">{r.unit}</span>
      </td>
      <td className="num" data-label="Reorder point">
        {format.number(r.reorderPoint)}
      </td>
      <td className="num" data-label="On order">
        {r.onOrder > 0 ? format.number(r.onOrder) : '—'}
      </td>
      <td className="num" data-label="Suggested">
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
      <td className="low-stock__supplier" data-label="Supplier" data-testid="low-supplier-cell">
        {r.supplierName ?? <span className="warning-text">No supplier</span>}
        {r.supplierArchived ? <span className="cell-sub warning-text">Archived: choose another</span> : null}
        {r.price ? <span className="cell-sub mono">{r.price.partNumber}</span> : null}
      </td>
    </tr>
  );
}
