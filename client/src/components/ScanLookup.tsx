import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { errorCode, errorMessage } from '../lib/errors.ts';
import { useTRPC } from '../trpc.ts';
import { BinContents } from './BinContents.tsx';
import { Field } from './Field.tsx';
import { Loading } from './Loading.tsx';

/** Scan or type a code: an item's barcode or SKU opens the item; a bin's code shows what it holds. */
export function ScanLookup() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [binCode, setBinCode] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const bin = useQuery(trpc.locations.get.queryOptions(binCode ? { code: binCode } : skipToken));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = code.trim();
    if (!trimmed) {
      setError('Scan or type a code');
      return;
    }
    setPending(true);
    setError(null);
    try {
      const found = await qc.fetchQuery(trpc.items.lookup.queryOptions({ code: trimmed }, { staleTime: 0 }));
      if (found.kind === 'item') {
        navigate(`/items/${found.item.id}`);
        return;
      }
      setBinCode(found.location.code);
    } catch (err) {
      setBinCode(null);
      setError(errorCode(err) === 'NOT_FOUND' ? `Nothing has the code ${trimmed}` : errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="scan">
      <form className="inline-form" onSubmit={onSubmit} noValidate aria-label="Scan or look up a code">
        <Field label="Scan or type a code" error={error ?? undefined} hint="Item barcode, SKU or bin code">
          {(c) => (
            <input
              {...c}
              className="mono"
              value={code}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setCode(e.target.value)}
              data-testid="scan-input"
            />
          )}
        </Field>
        <div className="inline-form__submit">
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? 'Looking up…' : 'Look up'}
          </button>
        </div>
      </form>
      {binCode ? (
        <div className="scan__result" aria-live="polite">
          <h3 className="card__subtitle">
            Bin <Link href={`/bins/${encodeURIComponent(binCode)}`}>{binCode}</Link>
          </h3>
          {bin.isPending ? (
            <Loading />
          ) : bin.isError ? (
            <p className="field__error">{errorMessage(bin.error)}</p>
          ) : (
            <BinContents bin={bin.data} />
          )}
        </div>
      ) : null}
    </div>
  );
}
