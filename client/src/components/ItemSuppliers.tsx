import { useMutation } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useUser } from '../hooks/useUser.ts';
import { errorMessage } from '../lib/errors.ts';
import { isPlanner } from '../lib/roles.ts';
import type { ItemDetail } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { Badge } from './Badge.tsx';
import { EmptyState } from './EmptyState.tsx';

/** Who sells the item, their part numbers, prices and packs, and which one reorders go to. */
export function ItemSuppliers({ item }: { item: ItemDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const user = useUser();
  const planner = isPlanner(user.role);
  const invalidate = useInvalidate();
  const prefer = useMutation(trpc.items.setPreferredSupplier.mutationOptions());
  const makePreferred = (supplierId: number, name: string) =>
    void prefer
      .mutateAsync({ itemId: item.id, supplierId })
      .then(() => {
        void invalidate.catalog(item.id);
        toast.success(`${name} is now the preferred supplier of ${item.name}`);
      })
      .catch((error: unknown) => toast.error(errorMessage(error)));
  const unpriced = item.supplier !== null && !item.prices.some((p) => p.supplierId === item.supplier?.id);
  return (
    <section className="card" aria-labelledby="item-suppliers-title" data-testid="item-suppliers">
      <h2 id="item-suppliers-title" className="card__title">
        Suppliers
      </h2>
      {item.packs.length > 0 ? (
        <p className="card__lead" data-testid="item-packs">
          Comes in {item.packs.map((p) => format.pack(p)).join(', ')} ({item.unit} are counted).
        </p>
      ) : null}
      {unpriced && item.supplier ? (
        <p className="muted">
          Preferred: <strong>{item.supplier.name}</strong>, with no price for this item yet.
        </p>
      ) : null}
      {item.prices.length === 0 ? (
        <EmptyState title="No supplier prices this item yet">
          {planner ? (
            <p>
              Add one from the supplier's page under <Link href="/masters/suppliers">Setup → Suppliers</Link>.
            </p>
          ) : null}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Supplier</th>
                <th scope="col" className="num">
                  Price
                </th>
                {planner ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {item.prices.map((p) => {
                const preferred = p.supplierId === item.supplierId;
                return (
                  <tr key={p.supplierId} data-testid="item-price-row" data-supplier={p.supplierName}>
                    <th scope="row">
                      {planner ? (
                        <Link href={`/masters/suppliers/${p.supplierId}`}>{p.supplierName}</Link>
                      ) : (
                        p.supplierName
                      )}{' '}
                      {preferred ? <Badge code="preferred" tone="success" label="Preferred" /> : null}
                      {p.archived ? <Badge code="archived" tone="neutral" label="Archived" /> : null}
                      <span className="cell-sub mono">{p.partNumber}</span>
                    </th>
                    <td className="num">
                      {format.price(p.priceMinor, p.currency)}
                      <span className="cell-sub">
                        per {format.pack(p.pack)}
                        {p.minOrderPacks > 1 ? `, min. ${format.number(p.minOrderPacks)}` : ''}
                      </span>
                    </td>
                    {planner ? (
                      <td>
                        {preferred || p.archived ? null : (
                          <button
                            type="button"
                            className="button button--small"
                            disabled={prefer.isPending}
                            onClick={() => makePreferred(p.supplierId, p.supplierName)}
                            data-testid="make-preferred"
                          >
                            Make preferred
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
