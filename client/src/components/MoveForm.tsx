import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useBinChoice } from '../hooks/useBinChoice.ts';
import { useBinLotForm } from '../hooks/useBinLotForm.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { usePlaces } from '../hooks/usePlaces.ts';
import { useResolveBin } from '../hooks/useResolveBin.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { binOptions, stockOptions } from '../lib/bins.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { BinField } from './BinField.tsx';
import { ActionFooter, BinLotFields } from './StockFields.tsx';

type MoveKind = 'putAway' | 'transfer';

/** Move stock between bins: put away (from the dock or staging into storage) or transfer. */
export function MoveForm({ item, kind }: { item: ItemDetail; kind: MoveKind }) {
  const format = useFormat();
  const trpc = useTRPC();
  const putAway = useMutation(trpc.stock.putAway.mutationOptions());
  const transfer = useMutation(trpc.stock.transfer.mutationOptions());
  const resolveBin = useResolveBin();
  const fields = useBinLotForm(item, {
    options: stockOptions(item.stock, item.unit, format),
    lot: 'held',
    lotMissing: 'Enter the lot to move',
  });
  const places = usePlaces();
  const toOptions = binOptions(item.stock, places).filter((o) => !fields.bin.choice.startsWith(o.value));
  const [to, setTo] = useBinChoice(toOptions);
  const form = useStockSubmit(item.id);
  const verb = kind === 'putAway' ? 'Put away' : 'Transfer';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(async () => {
      const [{ errors, bin: src, qty, lot }, dst] = await Promise.all([
        fields.resolve(parseQty),
        resolveBin(to, [...item.stock, ...places]),
      ]);
      if (!dst.ok) errors.to = dst.error;
      if (src && dst.ok && src.locationId === dst.bin.locationId)
        errors.to = 'Choose a different bin to move to';
      if (!src || qty === undefined || !dst.ok || Object.keys(errors).length > 0)
        return { ok: false, errors };
      const input = {
        itemId: item.id,
        fromLocationId: src.locationId,
        toLocationId: dst.bin.locationId,
        qty,
        lot: lot || undefined,
        reason: fields.reason.trim() || undefined,
      };
      const mutation = kind === 'putAway' ? putAway : transfer;
      return {
        ok: true,
        values: { kind, ...input },
        send: (idempotencyKey) => mutation.mutateAsync({ ...input, idempotencyKey }),
        describe: (res) =>
          `Moved ${format.number(qty)} from ${src.code} to ${dst.bin.code} — ${format.number(
            onHandAfter(res, src.locationId, lot),
          )} left in ${src.code}, ${format.number(onHandAfter(res, dst.bin.locationId, lot))} in ${dst.bin.code}`,
      };
    });
    if (ok) fields.setQty('');
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label={verb}>
      <BinLotFields fields={fields} errors={form.errors} unit={item.unit} binLabel="From bin">
        <BinField
          label="To bin"
          options={toOptions}
          value={to}
          onChange={setTo}
          error={form.errors.to}
          testId="to-bin-select"
        />
      </BinLotFields>
      <ActionFooter label={verb} pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
