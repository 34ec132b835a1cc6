import type { KeyboardEvent } from 'react';
import { Link } from 'wouter';
import { useFormat } from '../hooks/useFormat.ts';
import { arrowFocus } from '../lib/arrow-focus.ts';
import type { Outputs } from '../trpc.ts';

type Result = Outputs['items']['search'][number];

/** Move between result links with the arrow keys; Up from the first goes back to the search box. */
function onArrowKeys(e: KeyboardEvent<HTMLUListElement>) {
  arrowFocus(
    e,
    [...e.currentTarget.querySelectorAll<HTMLElement>('[data-testid="search-result"]')],
    document.querySelector<HTMLElement>('[data-testid="search-input"]'),
  );
}

export function SearchResults({ items }: { items: readonly Result[] }) {
  const format = useFormat();
  return (
    <ul className="results" aria-label="Search results" onKeyDown={onArrowKeys}>
      {items.map((item) => (
        <li key={item.id}>
          <Link href={`/items/${item.id}`} className="result" data-testid="search-result">
            <span className="result__main">
              <span className="result__name">{item.name}</span>
              <span className="result__meta">
                <span className="mono">{item.sku}</span>
                {item.barcode ? <span className="mono"> · {item.barcode}</span> : null}
                <span> · {item.category}</span>
              </span>
              {item.aliases.length > 0 ? (
                <span className="result__aliases">Also: {item.aliases.join(', ')}</span>
              ) : null}
            </span>
            <span className={`result__qty${item.onHand === 0 ? ' result__qty--zero' : ''}`}>
              <span className="result__qty-value">{format.number(item.onHand)}</span>
              <span className="result__qty-unit">{item.unit} on hand</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
