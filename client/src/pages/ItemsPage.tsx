import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SearchResults } from '../components/SearchResults.tsx';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useUser } from '../hooks/useUser.ts';
import { resultCount } from '../lib/result-count.ts';
import { isPlanner } from '../lib/roles.ts';
import { useTRPC } from '../trpc.ts';

/** Results per search; a full page means there may be more. */
const RESULT_LIMIT = 30;
const ITEMS = { one: 'item', many: 'items' };

/** Find an item by name, alias, SKU or barcode as you type; typos are forgiven. */
export function ItemsPage() {
  useDocumentTitle('Items');
  const trpc = useTRPC();
  const user = useUser();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [text, setText] = useState(() => new URLSearchParams(search).get('q') ?? '');
  const q = useDebounced(text.trim(), 200);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  useEffect(() => {
    // Keep the search in the address so Back returns to the same results.
    navigate(q ? `/?q=${encodeURIComponent(q)}` : '/', { replace: true });
  }, [q, navigate]);

  // The address changed from outside (the Items link, Back): show that search instead.
  const urlQ = new URLSearchParams(search).get('q') ?? '';
  const seen = useRef({ urlQ, q });
  seen.current.q = q;
  useEffect(() => {
    if (seen.current.urlQ === urlQ) return;
    seen.current.urlQ = urlQ;
    if (urlQ !== seen.current.q) setText(urlQ);
  }, [urlQ]);

  const results = useQuery(
    trpc.items.search.queryOptions({ q, limit: RESULT_LIMIT }, { placeholderData: keepPreviousData }),
  );
  const format = useFormat();
  const count = results.data ? resultCount(results.data.length, RESULT_LIMIT, ITEMS, format) : '';

  return (
    <div className="page">
      <PageHeader
        title="Items"
        subtitle="Search by name, alias, SKU or barcode. Typos are fine."
        actions={
          isPlanner(user.role) ? (
            <Link href="/items/new" className="button button--primary">
              New item
            </Link>
          ) : null
        }
      />
      <search className="searchbar">
        <label htmlFor="item-search" className="visually-hidden">
          Search items
        </label>
        <span className="searchbar__icon" aria-hidden="true">
          ⌕
        </span>
        <input
          ref={input}
          id="item-search"
          type="search"
          className="searchbar__input"
          placeholder="e.g. m8 bolt, 6204 bearing, FST-M8-030"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.querySelector<HTMLElement>('[data-testid="search-result"]')?.focus();
            }
          }}
          aria-describedby="item-search-status"
          data-testid="search-input"
        />
        {results.isFetching ? (
          <span className="spinner spinner--small searchbar__spinner" aria-hidden="true" />
        ) : null}
      </search>
      <p id="item-search-status" className="visually-hidden" aria-live="polite">
        {q !== '' ? count : ''}
      </p>
      {results.isPending ? (
        <Loading label="Searching…" />
      ) : results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : results.data.length === 0 && q === '' ? (
        <EmptyState title="The catalogue is empty">
          <p>Add items one by one, or import them from a CSV file under Import/Export.</p>
        </EmptyState>
      ) : results.data.length === 0 ? (
        <EmptyState title={`Nothing matches “${q}”`}>
          <p>Try fewer words, part of the SKU, or another name for the part.</p>
        </EmptyState>
      ) : (
        <>
          {q === '' ? (
            <p className="muted">
              The first {results.data.length} items A–Z. Type to search; scan a barcode to jump straight to
              it.
            </p>
          ) : results.data.length >= RESULT_LIMIT ? (
            <p className="muted" data-testid="search-count">
              {count}. Add a word to narrow it down.
            </p>
          ) : null}
          <SearchResults items={results.data} />
        </>
      )}
    </div>
  );
}
