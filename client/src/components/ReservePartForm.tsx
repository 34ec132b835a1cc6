import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { findRow, stockKey } from '../lib/bins.ts';
import type { FieldErrors } from '../lib/errors.ts';
import type { SearchHit, WorkOrderDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';
import { ItemPicker } from './ItemPicker.tsx';

const FIELD_FOR: Record<string, string> = { itemId: 'item', locationId: 'bin', qty: 'qty', lot: 'bin' };

/** Set parts aside for this job from a bin that has them free. */
export function ReservePartForm({ order }: { order: WorkOrderDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [picked, setPicked] = useState<SearchHit | null>(null);
  const item = useQuery(trpc.items.get.queryOptions(picked ? { id: picked.id } : skipToken));
  const reserve = useMutation(trpc.workOrders.reservePart.mutationOptions());
  const form = useFeedback();
  const [bin, setBin] = useState('');
  const [qty, setQty] = useState('1');

  const rows = (item.data?.stock ?? []).filter((s) => s.onHand - s.reserved > 0);
  const chosenBin = findRow(rows, bin) ?? rows[0];

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!picked) errors.item = 'Find and choose the part first';
    if (picked && !chosenBin) errors.bin = 'No bin has this part free';
    const q = parseQty(qty);
    if (!q.ok) errors.qty = q.error;
    else if (chosenBin && q.value > chosenBin.onHand - chosenBin.reserved) {
      errors.qty = `Only ${format.number(chosenBin.onHand - chosenBin.reserved)} free in ${chosenBin.code}`;
    }
    if (!picked || !chosenBin || !q.ok || Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    try {
      await reserve.mutateAsync({
        workOrderId: order.id,
        itemId: picked.id,
        locationId: chosenBin.locationId,
        qty: q.value,
        ...(chosenBin.lot ? { lot: chosenBin.lot } : {}),
      });
      form.succeeded(
        `Reserved ${format.number(q.value)} ${picked.unit} of ${picked.name} in ${chosenBin.code}`,
      );
      setQty('1');
      void invalidate.workOrder(order.id);
      void invalidate.stock(picked.id);
    } catch (error) {
      form.failed(error, (p) => FIELD_FOR[p]);
    }
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Reserve a part">
      {picked ? (
        <p className="picked">
          Part: <strong>{picked.name}</strong> <span className="mono muted">{picked.sku}</span>{' '}
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => setPicked(null)}
          >
            Change
          </button>
        </p>
      ) : (
        <ItemPicker label="Find the part" onPick={(i) => setPicked(i)} error={form.fieldErrors.item} />
      )}
      {picked ? (
        <div className="form-grid">
          <Field label="From bin" error={form.fieldErrors.bin}>
            {(c) =>
              item.isPending ? (
                <select {...c} disabled>
                  <option>Loading bins…</option>
                </select>
              ) : (
                <select
                  {...c}
                  value={chosenBin ? stockKey(chosenBin) : ''}
                  onChange={(e) => setBin(e.target.value)}
                  data-testid="reserve-bin"
                >
                  {rows.length === 0 ? <option value="">No stock free</option> : null}
                  {rows.map((r) => (
                    <option key={stockKey(r)} value={stockKey(r)}>
                      {r.code}
                      {r.lot ? ` · lot ${r.lot}` : ''} — {format.number(r.onHand - r.reserved)} free
                    </option>
                  ))}
                </select>
              )
            }
          </Field>
          <Field label="Quantity" error={form.fieldErrors.qty}>
            {(c) => (
              <input
                {...c}
                inputMode="numeric"
                value={qty}
                onChange={(e) => setQty(e.target.value)}
                data-testid="reserve-qty"
              />
            )}
          </Field>
        </div>
      ) : null}
      <div className="action-form__footer">
        <button type="submit" className="button button--primary" disabled={reserve.isPending || !picked}>
          {reserve.isPending ? 'Reserving…' : 'Reserve'}
        </button>
        <FormMessage feedback={form.feedback} />
      </div>
    </form>
  );
}
