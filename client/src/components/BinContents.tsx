import { Link } from 'wouter';
import { useFormat } from '../hooks/useFormat.ts';
import type { BinDetail } from '../lib/types.ts';
import { EmptyState } from './EmptyState.tsx';

/** What a bin holds, item by item. */
export function BinContents({ bin }: { bin: BinDetail }) {
  const format = useFormat();
  if (bin.contents.length === 0) {
    return (
      <EmptyState title={`Bin ${bin.code} is empty`}>
        <p>Nothing is booked into this bin.</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="bin-contents">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">SKU</th>
            <th scope="col">Lot</th>
            <th scope="col" className="num">
              On hand
            </th>
            <th scope="col" className="num">
              Reserved
            </th>
          </tr>
        </thead>
        <tbody>
          {bin.contents.map((c) => (
            <tr key={`${c.itemId}|${c.lot}`} data-testid="bin-row">
              <th scope="row">
                <Link href={`/items/${c.itemId}`}>{c.itemName}</Link>
              </th>
              <td className="mono">{c.sku}</td>
              <td className="mono">{c.lot || '—'}</td>
              <td className="num strong">
                {format.number(c.onHand)} <span className="muted">{c.unit}</span>
              </td>
              <td className="num">{c.reserved > 0 ? format.number(c.reserved) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
