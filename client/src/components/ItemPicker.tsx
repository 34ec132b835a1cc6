import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { arrowFocus } from '../lib/arrow-focus.ts';
import type { SearchHit } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';

type ItemPickerProps = {
  label: string;
  onPick: (item: SearchHit) => void;
  /** Ids already chosen, shown as such. */
  chosen?: ReadonlySet<number>;
  error?: string | undefined;
};

/** Search the catalogue and pick an item from the matches. */
export function ItemPicker({ label, onPick, chosen, error }: ItemPickerProps) {
  const format = useFormat();
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const results = useQuery(
    trpc.items.search.queryOptions({ q, limit: 8 }, { enabled: q !== '', placeholderData: keepPreviousData }),
  );
  const hits = q === '' ? [] : (results.data ?? []);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const options = () => [...(list.current?.querySelectorAll<HTMLElement>('.picker__option') ?? [])];
  return (
    <div className={`field picker${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="Name, SKU or barcode"
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Down from the box moves into the matches.
          if (e.key === 'ArrowDown') arrowFocus(e, options(), input.current);
        }}
        ref={input}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid="item-picker-input"
      />
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {q !== '' && results.isSuccess && hits.length === 0 ? (
        <p className="muted">No items match “{q}”.</p>
      ) : null}
      {hits.length > 0 ? (
        <ul
          className="picker__list"
          aria-label={`${label}: matches`}
          ref={list}
          onKeyDown={(e) => arrowFocus(e, options(), input.current)}
        >
          {hits.map((item) => {
            const already = chosen?.has(item.id) ?? false;
            return (
              <li key={item.id}>
                <button
                  type="button"
                  className="picker__option"
                  onClick={() => onPick(item)}
                  disabled={already}
                  data-testid="item-picker-option"
                >
                  <span>
                    {item.name} <span className="mono muted">{item.sku}</span>
                  </span>
                  <span className="muted">
                    {already ? 'Added' : `${format.number(item.onHand)} ${item.unit}`}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
