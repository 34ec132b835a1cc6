import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useBinLotForm } from '../hooks/useBinLotForm.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { stockOptions } from '../lib/bins.ts';
import { formatNumber } from '../lib/format.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { ActionFooter, BinLotFields } from './StockFields.tsx';

/** Take stock out of a bin (for a job, a customer, scrap…). */
export function PickForm({ item }: { item: ItemDetail }) {
  const trpc = useTRPC();
  const pick = useMutation(trpc.stock.pick.mutationOptions());
  const fields = useBinLotForm(item, { options: stockOptions(item.stock, item.unit), lot: 'held' });
  const form = useStockSubmit(item.id);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(async () => {
      const { errors, bin, qty, lot } = await fields.resolve(parseQty);
      if (!bin || qty === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
      const input = {
        itemId: item.id,
        locationId: bin.locationId,
        qty,
        lot: lot || undefined,
        reason: fields.reason.trim() || undefined,
      };
      return {
        ok: true,
        values: input,
        send: (idempotencyKey) => pick.mutateAsync({ ...input, idempotencyKey }),
        describe: (res) =>
          `Picked ${formatNumber(qty)} from ${bin.code} — ${formatNumber(onHandAfter(res, bin.locationId, lot))} left`,
      };
    });
    if (ok) fields.setQty('');
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label="Pick">
      <BinLotFields
        fields={fields}
        errors={form.errors}
        unit={item.unit}
        binLabel="From bin"
        reason={{ placeholder: 'e.g. for the boiler room' }}
      />
      <ActionFooter label="Pick" pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
