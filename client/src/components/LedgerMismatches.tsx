import { Link } from 'wouter';
import { useFormat } from '../hooks/useFormat.ts';
import type { LedgerCheck } from '../lib/types.ts';

/** Bins whose on-hand quantity differs from the sum of their ledger movements. */
export function LedgerMismatches({ mismatches }: { mismatches: LedgerCheck['mismatches'] }) {
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="ledger-mismatches">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Location</th>
            <th scope="col">Lot</th>
            <th scope="col" className="num">
              On hand
            </th>
            <th scope="col" className="num">
              Ledger
            </th>
            <th scope="col" className="num">
              Difference
            </th>
          </tr>
        </thead>
        <tbody>
          {mismatches.map((m) => (
            <tr key={`${m.itemId}:${m.locationId}:${m.lot}`} data-testid="ledger-mismatch">
              <th scope="row" className="mono">
                <Link href={`/items/${m.itemId}`}>#{m.itemId}</Link>
              </th>
              <td className="mono">#{m.locationId}</td>
              <td className="mono">{m.lot || <span className="muted">—</span>}</td>
              <td className="num">{format.number(m.onHand)}</td>
              <td className="num">{format.number(m.ledger)}</td>
              <td className="num strong negative">{format.signed(m.onHand - m.ledger)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
