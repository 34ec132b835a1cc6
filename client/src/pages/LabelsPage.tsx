import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearch } from 'wouter';
import { ItemPicker } from '../components/ItemPicker.tsx';
import { type BinLabel, type ItemLabel, type Label, LabelSheet } from '../components/LabelSheet.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ScanLookup } from '../components/ScanLookup.tsx';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { humanise } from '../lib/format.ts';
import type { Outputs } from '../trpc.ts';
import { useTRPC } from '../trpc.ts';

type Location = Outputs['locations']['list'][number];

const binLabel = (l: Location): BinLabel => ({
  kind: 'bin',
  code: l.code,
  detail: [humanise(l.kind), l.aisle ? `aisle ${l.aisle}` : '', l.level !== null ? `level ${l.level}` : '']
    .filter(Boolean)
    .join(' · '),
});

/** Print barcode labels for items and QR labels for bins; look up a scanned code. */
export function LabelsPage() {
  useDocumentTitle('Labels');
  const trpc = useTRPC();
  const params = new URLSearchParams(useSearch());
  const [items, setItems] = useState<ItemLabel[]>([]);
  const [bins, setBins] = useState<BinLabel[]>([]);
  const [prefix, setPrefix] = useState(() => params.get('bin') ?? '');
  const debouncedPrefix = useDebounced(prefix.trim().toUpperCase(), 250);

  // `?item=12` (from an item's page) and `?bin=A-01-1` start the sheet with that label.
  const itemParam = Number(params.get('item'));
  const startItem = useQuery(
    trpc.items.get.queryOptions(Number.isInteger(itemParam) && itemParam > 0 ? { id: itemParam } : skipToken),
  );
  useEffect(() => {
    const i = startItem.data;
    if (i) setItems((prev) => (prev.some((p) => p.id === i.id) ? prev : [...prev, toItemLabel(i)]));
  }, [startItem.data]);

  const locations = useQuery(
    trpc.locations.list.queryOptions(debouncedPrefix ? { prefix: debouncedPrefix, limit: 200 } : skipToken),
  );
  const binParam = params.get('bin');
  useEffect(() => {
    const match = locations.data?.find((l) => l.code === binParam?.toUpperCase());
    if (match)
      setBins((prev) => (prev.some((b) => b.code === match.code) ? prev : [...prev, binLabel(match)]));
  }, [locations.data, binParam]);

  const chosenBins = new Set(bins.map((b) => b.code));
  const toggleBin = (l: Location) =>
    setBins((prev) =>
      prev.some((b) => b.code === l.code) ? prev.filter((b) => b.code !== l.code) : [...prev, binLabel(l)],
    );
  const labels: Label[] = [...items, ...bins];

  return (
    <div className="page">
      <PageHeader
        title="Labels"
        subtitle="Barcodes for items, QR codes for bins, on an A4 sheet of 21 labels."
        actions={
          <>
            <button
              type="button"
              className="button"
              onClick={() => {
                setItems([]);
                setBins([]);
              }}
              disabled={labels.length === 0}
            >
              Clear sheet
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => window.print()}
              disabled={labels.length === 0}
              data-testid="print"
            >
              Print {labels.length > 0 ? `${labels.length} label${labels.length === 1 ? '' : 's'}` : ''}
            </button>
          </>
        }
      />
      <div className="split no-print">
        <div className="split__main">
          <section className="card" aria-labelledby="label-items">
            <h2 id="label-items" className="card__title">
              Item labels
            </h2>
            <ItemPicker
              label="Add an item"
              chosen={new Set(items.map((i) => i.id))}
              onPick={(hit) =>
                setItems((prev) => (prev.some((p) => p.id === hit.id) ? prev : [...prev, toItemLabel(hit)]))
              }
            />
            {items.length > 0 ? (
              <ul className="chips" aria-label="Items on the sheet">
                {items.map((i) => (
                  <li key={i.id} className="chip">
                    {i.name}
                    <button
                      type="button"
                      className="chip__remove"
                      aria-label={`Remove ${i.name}`}
                      onClick={() => setItems((prev) => prev.filter((p) => p.id !== i.id))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
          <section className="card" aria-labelledby="label-bins">
            <h2 id="label-bins" className="card__title">
              Bin labels
            </h2>
            <div className="field">
              <label htmlFor="bin-prefix">Bin codes starting with</label>
              <input
                id="bin-prefix"
                className="mono"
                value={prefix}
                placeholder="e.g. A-01"
                autoCapitalize="characters"
                onChange={(e) => setPrefix(e.target.value)}
                data-testid="bin-prefix"
              />
            </div>
            {locations.data && locations.data.length > 0 ? (
              <>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() =>
                      setBins((prev) => [
                        ...prev,
                        ...(locations.data ?? []).filter((l) => !chosenBins.has(l.code)).map(binLabel),
                      ])
                    }
                  >
                    Add all {locations.data.length}
                  </button>
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    onClick={() => setBins([])}
                    disabled={bins.length === 0}
                  >
                    Remove all bins
                  </button>
                </div>
                <ul className="check-list" aria-label="Matching bins">
                  {locations.data.map((l) => (
                    <li key={l.id}>
                      <label>
                        <input
                          type="checkbox"
                          checked={chosenBins.has(l.code)}
                          onChange={() => toggleBin(l)}
                        />
                        <span className="mono">{l.code}</span>{' '}
                        <span className="muted">{humanise(l.kind)}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </>
            ) : debouncedPrefix && locations.isSuccess ? (
              <p className="muted">No bin codes start with {debouncedPrefix}.</p>
            ) : null}
          </section>
        </div>
        <div className="split__side">
          <section className="card" aria-labelledby="scan-title">
            <h2 id="scan-title" className="card__title">
              Scan / look up
            </h2>
            <ScanLookup />
          </section>
        </div>
      </div>
      <section className="print-area" aria-label="Label sheet preview">
        <h2 className="card__title no-print">Sheet preview</h2>
        <LabelSheet
          labels={labels}
          empty={<p className="muted">Add items or bins above; their labels appear here.</p>}
        />
      </section>
    </div>
  );
}

function toItemLabel(i: { id: number; name: string; sku: string; barcode: string | null }): ItemLabel {
  return { kind: 'item', id: i.id, name: i.name, sku: i.sku, barcode: i.barcode };
}
