import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useBinLotForm } from '../hooks/useBinLotForm.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { binOptions } from '../lib/bins.ts';
import { formatNumber } from '../lib/format.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { ActionFooter, BinLotFields } from './StockFields.tsx';

/** Book stock in: a delivery, a return from a job, found stock. */
export function ReceiveForm({ item }: { item: ItemDetail }) {
  const trpc = useTRPC();
  const receive = useMutation(trpc.stock.receive.mutationOptions());
  const fields = useBinLotForm(item, { options: binOptions(item.stock), lot: 'new' });
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
        send: (idempotencyKey) => receive.mutateAsync({ ...input, idempotencyKey }),
        describe: (res) =>
          `Received ${formatNumber(qty)} into ${bin.code} — ${formatNumber(onHandAfter(res, bin.locationId, lot))} there now`,
      };
    });
    if (ok) {
      fields.setQty('');
      fields.setLot('');
    }
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label="Receive">
      <BinLotFields
        fields={fields}
        errors={form.errors}
        unit={item.unit}
        binLabel="Into bin"
        reason={{ placeholder: 'e.g. delivery note 4471' }}
      />
      <ActionFooter label="Receive" pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
