import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useBinLotForm } from '../hooks/useBinLotForm.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { stockOptions } from '../lib/bins.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseDelta } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { ActionFooter, BinLotFields } from './StockFields.tsx';

/** A planner's correction outside a count (damage, write-off, found stock), always with a reason. */
export function AdjustForm({ item }: { item: ItemDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const adjust = useMutation(trpc.stock.adjust.mutationOptions());
  const fields = useBinLotForm(item, {
    options: stockOptions(item.stock, item.unit, format),
    lot: 'held',
  });
  const form = useStockSubmit(item.id);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(async () => {
      const { errors, bin, qty: delta, lot } = await fields.resolve(parseDelta);
      const reason = fields.reason.trim();
      if (reason.length < 3) errors.reason = 'Say why (at least 3 characters)';
      if (!bin || delta === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
      const input = {
        itemId: item.id,
        locationId: bin.locationId,
        delta,
        lot: lot || undefined,
        reason,
      };
      return {
        ok: true,
        values: input,
        send: (idempotencyKey) => adjust.mutateAsync({ ...input, idempotencyKey }),
        describe: (res) =>
          `Adjusted ${bin.code} by ${format.signed(delta)} — ${format.number(onHandAfter(res, bin.locationId, lot))} now`,
      };
    });
    if (ok) {
      fields.setQty('');
      fields.setReason('');
    }
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label="Adjust">
      <BinLotFields
        fields={fields}
        errors={form.errors}
        unit={item.unit}
        binLabel="Bin"
        qty={{ label: 'Change', hint: 'Negative to remove, e.g. -3' }}
        reason={{ label: 'Reason', placeholder: 'e.g. damaged in transport' }}
      />
      <ActionFooter label="Adjust" pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
