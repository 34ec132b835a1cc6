import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useBinLotForm } from '../hooks/useBinLotForm.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useStockSubmit } from '../hooks/useStockSubmit.ts';
import { stockOptions } from '../lib/bins.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseCount } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { ActionFooter, BinLotFields } from './StockFields.tsx';

/** Record what is physically in a bin; the difference is booked as a count movement. */
export function CountForm({ item }: { item: ItemDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const count = useMutation(trpc.stock.count.mutationOptions());
  const fields = useBinLotForm(item, {
    options: stockOptions(item.stock, item.unit, format),
    lot: 'held',
    lotMissing: 'Enter the lot you counted',
  });
  const form = useStockSubmit(item.id);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(async () => {
      const { errors, bin, qty, lot } = await fields.resolve(parseCount);
      if (!bin || qty === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
      const before = item.stock.find((s) => s.locationId === bin.locationId && s.lot === lot)?.onHand ?? 0;
      const input = {
        itemId: item.id,
        locationId: bin.locationId,
        countedQty: qty,
        lot: lot || undefined,
        reason: fields.reason.trim() || undefined,
      };
      return {
        ok: true,
        values: input,
        send: (idempotencyKey) => count.mutateAsync({ ...input, idempotencyKey }),
        describe: () =>
          qty === before
            ? `Counted ${format.number(qty)} at ${bin.code} — matches the records`
            : `Counted ${format.number(qty)} at ${bin.code} — was ${format.number(before)} (${format.signed(qty - before)})`,
      };
    });
    if (ok) fields.setQty('');
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label="Count">
      <BinLotFields
        fields={fields}
        errors={form.errors}
        unit={item.unit}
        binLabel="Bin counted"
        qty={{ label: 'Counted quantity', hint: 'What is in the bin now; 0 if empty.' }}
      />
      <ActionFooter label="Record count" pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
