import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import type { Formatters } from '../../../common/format.ts';
import { useBinLotForm } from '../hooks/useBinLotForm.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { binOptions, stockOptions } from '../lib/bins.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { ActionFooter, BinLotFields } from './StockFields.tsx';

/**
 * What differs between taking stock out of one bin and booking it into one; the form is the same.
 * Picks choose among bins and lots that hold the item; receipts may go anywhere with a new lot.
 */
const KINDS = {
  pick: {
    label: 'Pick',
    binLabel: 'From bin',
    lot: 'held',
    placeholder: 'e.g. for the boiler room',
    options: (item: ItemDetail, format: Formatters) => stockOptions(item.stock, item.unit, format),
    done: (qty: string, bin: string, after: string) => `Picked ${qty} from ${bin} — ${after} left`,
  },
  receive: {
    label: 'Receive',
    binLabel: 'Into bin',
    lot: 'new',
    placeholder: 'e.g. delivery note 4471',
    options: (item: ItemDetail, _format: Formatters) => binOptions(item.stock),
    done: (qty: string, bin: string, after: string) => `Received ${qty} into ${bin} — ${after} there now`,
  },
} as const;

/** Pick (for a job, a customer, scrap…) or receive (a delivery, a return, found stock) at one bin. */
export function SingleBinForm({ item, kind }: { item: ItemDetail; kind: keyof typeof KINDS }) {
  const format = useFormat();
  const trpc = useTRPC();
  const spec = KINDS[kind];
  const pick = useMutation(trpc.stock.pick.mutationOptions());
  const receive = useMutation(trpc.stock.receive.mutationOptions());
  const mutation = kind === 'pick' ? pick : receive;
  const fields = useBinLotForm(item, { options: spec.options(item, format), lot: spec.lot });
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
        send: (idempotencyKey) => mutation.mutateAsync({ ...input, idempotencyKey }),
        describe: (res) =>
          spec.done(format.number(qty), bin.code, format.number(onHandAfter(res, bin.locationId, lot))),
      };
    });
    if (ok) {
      fields.setQty('');
      // A new lot is typed per delivery; a held lot stays chosen for the next pick.
      if (spec.lot === 'new') fields.setLot('');
    }
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label={spec.label}>
      <BinLotFields
        fields={fields}
        errors={form.errors}
        unit={item.unit}
        binLabel={spec.binLabel}
        reason={{ placeholder: spec.placeholder }}
      />
      <ActionFooter label={spec.label} pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
