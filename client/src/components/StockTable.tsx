import { Link } from 'wouter';
import { useFormat } from '../hooks/useFormat.ts';
import type { ItemDetail } from '../lib/types.ts';
import { EmptyState } from './EmptyState.tsx';

/** Where the item is, bin by bin and lot by lot. */
export function StockTable({ item }: { item: ItemDetail }) {
  const format = useFormat();
  const lots = item.tracking !== 'none';
  return (
    <section className="card" aria-labelledby="stock-title">
      <h2 id="stock-title" className="card__title">
        Stock per bin
      </h2>
      {item.stock.length === 0 ? (
        <EmptyState title="None in stock">
          <p>Receive some to put it in a bin.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="stock-table">
            <thead>
              <tr>
                <th scope="col">Bin</th>
                {lots ? <th scope="col">{item.tracking === 'serial' ? 'Serial' : 'Lot'}</th> : null}
                <th scope="col" className="num">
                  On hand
                </th>
                <th scope="col" className="num">
                  Reserved
                </th>
                <th scope="col" className="num">
                  Available
                </th>
                <th scope="col" className="hide-narrow">
                  Last counted
                </th>
              </tr>
            </thead>
            <tbody>
              {item.stock.map((s) => (
                <tr key={`${s.locationId}|${s.lot}`} data-testid="stock-row" data-bin={s.code}>
                  <th scope="row">
                    <Link
                      href={`/bins/${encodeURIComponent(s.code)}`}
                      className="mono"
                      data-testid="stock-bin"
                    >
                      {s.code}
                    </Link>
                  </th>
                  {lots ? <td className="mono">{s.lot || '—'}</td> : null}
                  <td className="num strong" data-testid="on-hand">
                    {format.number(s.onHand)}
                  </td>
                  <td className="num">{s.reserved > 0 ? format.number(s.reserved) : '—'}</td>
                  <td className="num">{format.number(s.onHand - s.reserved)}</td>
                  <td className="hide-narrow muted">
                    {s.lastCountedAt ? format.date(s.lastCountedAt) : 'Never'}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {lots ? <td /> : null}
                <td className="num strong">{format.number(item.onHand)}</td>
                <td className="num">{format.number(item.reserved)}</td>
                <td className="num">{format.number(item.available)}</td>
                <td className="hide-narrow" />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
