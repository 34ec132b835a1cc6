import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { Badge } from '../components/Badge.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useUser } from '../hooks/useUser.ts';
import { errorMessage } from '../lib/errors.ts';

import { isPlanner } from '../lib/roles.ts';
import type { SupplierCatalogueRow, SupplierDetail } from '../lib/types.ts';
import { PriceForm } from '../masters/PriceForm.tsx';
import { SupplierForm } from '../masters/SupplierForm.tsx';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../masters/Masters.css';
import { useFormat } from '../hooks/useFormat.ts';

const BACK = { href: '/masters/suppliers', label: 'Suppliers' };

/** `/masters/suppliers/new` and `/masters/suppliers/:id`: one supplier, its contacts and its price list. */
export function SupplierPage() {
  const params = useParams<{ id?: string }>();
  const user = useUser();
  const isNew = params.id === undefined;
  useDocumentTitle(isNew ? 'New supplier' : 'Supplier');
  if (!isPlanner(user.role)) {
    return (
      <div className="page">
        <PageHeader title="Supplier" back={BACK} />
        <EmptyState title="Setup is for planners">
          <p>Ask a planner or an administrator to add or change suppliers.</p>
        </EmptyState>
      </div>
    );
  }
  if (isNew) {
    return (
      <div className="page page--narrow">
        <PageHeader title="New supplier" back={BACK} />
        <section className="card">
          <SupplierForm />
        </section>
      </div>
    );
  }
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  return <ExistingSupplier id={id} />;
}

function ExistingSupplier({ id }: { id: number }) {
  const trpc = useTRPC();
  const supplier = useQuery(trpc.suppliers.get.queryOptions({ id }));
  useDocumentTitle(supplier.data?.name ?? 'Supplier');
  if (supplier.isPending) return <Loading label="Loading supplier…" />;
  if (supplier.isError) {
    return (
      <div className="page">
        <PageHeader title="Supplier" back={BACK} />
        <ErrorState error={supplier.error} onRetry={() => void supplier.refetch()} />
      </div>
    );
  }
  return <SupplierContent supplier={supplier.data} />;
}

function SupplierContent({ supplier }: { supplier: SupplierDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const archive = useMutation(trpc.suppliers.archive.mutationOptions());
  const restore = useMutation(trpc.suppliers.restore.mutationOptions());
  const setArchived = async (archived: boolean) => {
    try {
      await (archived ? archive : restore).mutateAsync({ id: supplier.id });
      void invalidate.supplier(supplier.id);
      toast.success(archived ? `Archived ${supplier.name}` : `Restored ${supplier.name}`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  return (
    <div className="page" data-testid="supplier-page">
      <PageHeader
        title={supplier.name}
        back={BACK}
        subtitle={
          <>
            {supplier.currency} · lead time {supplier.leadTimeDays} day
            {supplier.leadTimeDays === 1 ? '' : 's'} · preferred for {format.number(supplier.preferredBy)}{' '}
            item
            {supplier.preferredBy === 1 ? '' : 's'}
            {supplier.archived ? (
              <>
                {' '}
                <Badge code="archived" tone="neutral" label="Archived" />
              </>
            ) : null}
          </>
        }
        actions={
          supplier.archived ? (
            <button
              type="button"
              className="button"
              onClick={() => void setArchived(false)}
              disabled={restore.isPending}
              data-testid="supplier-restore"
            >
              Restore
            </button>
          ) : (
            <ConfirmButton
              question={`Archive ${supplier.name}?`}
              detail={
                <p>
                  It keeps its purchase orders and history, but gets no new orders or prices and cannot be
                  chosen as a preferred supplier. You can restore it later.
                </p>
              }
              confirmLabel="Archive supplier"
              className="button button--danger-outline"
              onConfirm={() => void setArchived(true)}
              testId="supplier-archive"
            >
              Archive
            </ConfirmButton>
          )
        }
      />
      {supplier.archived ? (
        <p className="notice" role="status">
          Archived: it keeps its orders and history but gets no new orders or prices. Restore it to order from
          it again.
        </p>
      ) : null}
      <div className="split">
        <section className="card split__main" aria-labelledby="supplier-prices-title">
          <h2 id="supplier-prices-title" className="card__title">
            Price list
          </h2>
          <Catalogue supplier={supplier} />
          {supplier.archived ? null : (
            <>
              <h3 className="card__subtitle">Add a price</h3>
              <PriceForm supplier={supplier} />
            </>
          )}
        </section>
        <section className="card split__side" aria-labelledby="supplier-details-title">
          <h2 id="supplier-details-title" className="card__title">
            Details and contacts
          </h2>
          {/* Keyed, so the form starts again from the saved values when someone else changes them. */}
          <SupplierForm
            key={JSON.stringify([
              supplier.name,
              supplier.leadTimeDays,
              supplier.currency,
              supplier.notes,
              supplier.contacts,
            ])}
            supplier={supplier}
          />
        </section>
      </div>
    </div>
  );
}

function Catalogue({ supplier }: { supplier: SupplierDetail }) {
  const [editing, setEditing] = useState<number | null>(null);
  if (supplier.prices.length === 0) {
    return (
      <EmptyState title="No prices yet">
        <p>Add what this supplier charges for an item, and in which pack it sells it.</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="supplier-prices">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Part number</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col">Pack</th>
            <th scope="col" className="num hide-narrow">
              Min. order
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {supplier.prices.map((row) =>
            editing === row.itemId ? (
              <tr key={row.itemId}>
                <td colSpan={6}>
                  <p className="strong">{row.itemName}</p>
                  <PriceForm supplier={supplier} row={row} onDone={() => setEditing(null)} />
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => setEditing(null)}
                  >
                    Cancel
                  </button>
                </td>
              </tr>
            ) : (
              <CatalogueRow
                key={row.itemId}
                supplier={supplier}
                row={row}
                onEdit={supplier.archived ? null : () => setEditing(row.itemId)}
              />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function CatalogueRow({
  supplier,
  row,
  onEdit,
}: {
  supplier: SupplierDetail;
  row: SupplierCatalogueRow;
  onEdit: (() => void) | null;
}) {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const remove = useMutation(trpc.suppliers.removePrice.mutationOptions());
  return (
    <tr data-testid="supplier-price-row" data-sku={row.sku}>
      <th scope="row">
        <Link href={`/items/${row.itemId}`}>{row.itemName}</Link>
        <span className="cell-sub mono">{row.sku}</span>
        {row.preferred ? <Badge code="preferred" tone="success" label="Preferred" /> : null}
      </th>
      <td className="mono">{row.partNumber}</td>
      <td className="num">{format.price(row.priceMinor, supplier.currency)}</td>
      <td>{format.pack(row.pack)}</td>
      <td className="num hide-narrow">
        {format.number(row.minOrderPacks)}
        {row.leadTimeDays !== null ? <span className="cell-sub">{row.leadTimeDays} days</span> : null}
      </td>
      <td>
        <div className="masters-actions">
          {onEdit ? (
            <button type="button" className="button button--small" onClick={onEdit}>
              Edit
            </button>
          ) : null}{' '}
          <ConfirmButton
            question={`Remove the price of ${row.itemName}?`}
            detail={
              <p>
                {supplier.name} will no longer be listed as selling it; orders already placed keep their
                prices.
              </p>
            }
            confirmLabel="Remove price"
            className="button button--small button--danger-outline"
            onConfirm={() =>
              void remove
                .mutateAsync({ supplierId: supplier.id, itemId: row.itemId })
                .then(() => {
                  void invalidate.supplier(supplier.id);
                  toast.success(`Removed the price of ${row.itemName}`);
                })
                .catch((error: unknown) => toast.error(errorMessage(error)))
            }
          >
            Remove
          </ConfirmButton>
        </div>
      </td>
    </tr>
  );
}
