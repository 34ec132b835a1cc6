import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { describePacks, toBaseQuantity } from '../../../common/units.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useRefocus } from '../hooks/useRefocus.ts';
import { useResolveBin } from '../hooks/useResolveBin.ts';
import { useSubmissionKey } from '../hooks/useSubmissionKey.ts';
import { TYPE_CODE } from '../lib/bins.ts';
import { errorMessage, type FieldErrors } from '../lib/errors.ts';

import type { PurchaseOrderDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import './ReceiveLineForm.css';
import { FormMessage } from './FormMessage.tsx';

type Line = PurchaseOrderDetail['lines'][number];

const FIELD_FOR: Record<string, string> = { qty: 'qty', locationId: 'bin', lot: 'lot' };

/**
 * Receive some or all of what is outstanding on one order line into a bin (or a van, a cabinet). A
 * line ordered in packs can be received in them: "2" boxes of 100 books 200.
 */
export function ReceiveLineForm({ poId, line }: { poId: number; line: Line }) {
  const format = useFormat();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const receive = useMutation(trpc.purchasing.receiveLine.mutationOptions());
  const resolveBin = useResolveBin();
  const keys = useSubmissionKey();
  const invalidate = useInvalidate();
  const form = useFeedback();
  const outstanding = line.qtyOrdered - line.qtyReceived;
  const packed = line.pack.size > 1;
  const [inPacks, setInPacks] = useState(packed && outstanding % line.pack.size === 0);
  const [qty, setQty] = useState(String(inPacks ? outstanding / line.pack.size : outstanding));
  // Where this part usually goes; the person can still type any other bin.
  const [code, setCode] = useState(line.usualBin?.code ?? '');
  const [lot, setLot] = useState('');
  const [pending, setPending] = useState(false);
  /** The bin holds other parts: receiving there waits for a second, deliberate press. */
  const [mixed, setMixed] = useState<{ code: string; others: string[] } | null>(null);
  const binInput = useRef<HTMLInputElement>(null);
  const message = useRef<HTMLParagraphElement>(null);
  useRefocus(message, form.feedback);
  const confirmMixed = useRef<HTMLButtonElement>(null);
  useRefocus(confirmMixed, mixed);
  const tracked = line.tracking !== 'none';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void receiveInto(null);
  };

  /** `mixedOk`: the bin the person agreed to share with other parts. */
  const receiveInto = async (mixedOk: string | null) => {
    setPending(true);
    try {
      const errors: FieldErrors = {};
      const q = parseQty(qty, inPacks ? 'the number of packs' : 'a quantity');
      let base = q.ok ? q.value : 0;
      if (!q.ok) errors.qty = q.error;
      else if (inPacks) {
        try {
          base = toBaseQuantity(q.value, line.pack);
        } catch (error) {
          errors.qty = errorMessage(error);
        }
      }
      if (q.ok && !errors.qty && base > outstanding)
        errors.qty = `Only ${format.number(outstanding)} ${line.unit} remain on this line`;
      const r = await resolveBin({ choice: TYPE_CODE, code }, []);
      if (!r.ok) errors.bin = r.error;
      if (tracked && !lot.trim()) errors.lot = 'Enter the lot';
      if (!q.ok || !r.ok || Object.keys(errors).length > 0) {
        form.invalid(errors);
        return;
      }
      if (r.bin.code !== mixedOk) {
        const bin = await qc.fetchQuery(
          trpc.locations.get.queryOptions({ code: r.bin.code }, { staleTime: 0 }),
        );
        // A van or a cabinet holds many parts by design; a rack bin is meant for one.
        const others =
          bin.kind === 'bin'
            ? [...new Set(bin.contents.filter((c) => c.itemId !== line.itemId).map((c) => c.itemName))]
            : [];
        if (others.length > 0) {
          form.reset();
          setMixed({ code: r.bin.code, others });
          return;
        }
      }
      setMixed(null);
      const input = {
        lineId: line.id,
        qty: q.value,
        ...(inPacks ? { pack: line.pack } : {}),
        locationId: r.bin.locationId,
        lot: lot.trim() || undefined,
      };
      await receive.mutateAsync({ ...input, idempotencyKey: keys.keyFor(input) });
      keys.settle();
      form.succeeded(
        `Received ${inPacks ? `${describePacks(q.value, line.pack)} (${format.number(base)} ${line.unit})` : `${format.number(q.value)} ${line.unit}`} into ${r.bin.code}`,
      );
      setLot('');
      void invalidate.purchaseOrder(poId);
      void invalidate.stock(line.itemId);
    } catch (error) {
      form.failed(error, (path) => FIELD_FOR[path]);
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-label={`Receive ${line.name}`}>
      {packed ? (
        <Field label="Counted in">
          {(c) => (
            <select
              {...c}
              value={inPacks ? 'pack' : 'loose'}
              onChange={(e) => {
                const next = e.target.value === 'pack';
                setInPacks(next);
                const left = next ? Math.floor(outstanding / line.pack.size) : outstanding;
                setQty(String(left));
              }}
              data-testid="po-pack-select"
            >
              <option value="pack">
                {line.pack.unit} of {format.number(line.pack.size)} {line.unit}
              </option>
              <option value="loose">{line.unit} (one by one)</option>
            </select>
          )}
        </Field>
      ) : null}
      <Field label={inPacks ? 'Number of packs' : 'Quantity'} error={form.fieldErrors.qty}>
        {(c) => (
          <input
            {...c}
            inputMode="numeric"
            value={qty}
            onChange={(e) => setQty(e.target.value)}
            data-testid="po-qty-input"
          />
        )}
      </Field>
      <Field
        label="Into bin or location"
        error={form.fieldErrors.bin}
        hint={line.usualBin ? `Usually ${line.usualBin.code}` : 'Type or scan the bin or location code'}
      >
        {(c) => (
          <input
            {...c}
            className="mono"
            placeholder="e.g. A-01-1 or VAN-1"
            autoCapitalize="characters"
            ref={binInput}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            data-testid="po-bin-input"
          />
        )}
      </Field>
      {tracked ? (
        <Field label={line.tracking === 'serial' ? 'Serial number' : 'Lot'} error={form.fieldErrors.lot}>
          {(c) => <input {...c} className="mono" value={lot} onChange={(e) => setLot(e.target.value)} />}
        </Field>
      ) : null}
      <div className="inline-form__submit">
        <button type="submit" className="button button--primary" disabled={pending} data-testid="po-receive">
          {pending ? 'Receiving…' : 'Receive'}
        </button>
      </div>
      {mixed !== null && mixed.code === code.trim().toUpperCase() ? (
        <div className="notice notice--warning receive-mixed" role="alert" data-testid="po-mixed-bin">
          <p>
            {mixed.code} already holds {mixed.others.join(', ')}. Put {line.name} there as well?
          </p>
          <div className="receive-mixed__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={pending}
              ref={confirmMixed}
              onClick={() => void receiveInto(mixed.code)}
              data-testid="po-mixed-confirm"
            >
              Receive into {mixed.code} anyway
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setMixed(null);
                binInput.current?.focus();
              }}
            >
              Choose another bin
            </button>
          </div>
        </div>
      ) : null}
      <FormMessage feedback={form.feedback} ref={message} />
    </form>
  );
}
