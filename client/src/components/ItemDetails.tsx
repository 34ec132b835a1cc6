import { useFormat } from '../hooks/useFormat.ts';
import type { ItemDetail } from '../lib/types.ts';

/** The catalogue facts about an item. */
export function ItemDetails({ item }: { item: ItemDetail }) {
  const format = useFormat();
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title" className="card__title">
        Details
      </h2>
      <dl className="details">
        <div>
          <dt>SKU</dt>
          <dd className="mono">{item.sku}</dd>
        </div>
        <div>
          <dt>Barcode</dt>
          <dd className="mono">{item.barcode ?? '—'}</dd>
        </div>
        <div>
          <dt>Category</dt>
          <dd>{item.category}</dd>
        </div>
        <div>
          <dt>Unit</dt>
          <dd>{item.unit}</dd>
        </div>
        <div>
          <dt>Tracking</dt>
          <dd>{item.tracking === 'none' ? 'Quantity only' : `By ${item.tracking}`}</dd>
        </div>
        <div>
          <dt>Unit cost</dt>
          <dd data-testid="unit-cost">{format.money(item.unitCostCents)}</dd>
        </div>
        <div>
          <dt>Reorder</dt>
          <dd>
            {item.reorderQty} {item.unit} when at or below {item.reorderPoint}
          </dd>
        </div>
        <div>
          <dt>Preferred supplier</dt>
          <dd>
            {item.supplier === null ? 'None set' : item.supplier.name}
            {item.supplier?.archived ? ' (archived: choose another to reorder)' : ''}
          </dd>
        </div>
        <div className="details__wide">
          <dt>Also known as</dt>
          <dd>{item.aliases.length > 0 ? item.aliases.join(', ') : '—'}</dd>
        </div>
      </dl>
    </section>
  );
}
