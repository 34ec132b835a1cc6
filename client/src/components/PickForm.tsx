import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useBinChoice } from '../hooks/useBinChoice.ts';
import { useResolveBin } from '../hooks/useResolveBin.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { stockOptions, TYPE_CODE } from '../lib/bins.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { formatNumber } from '../lib/format.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { BinField } from './BinField.tsx';
import { ActionFooter, LotField, QtyField, ReasonField } from './StockFields.tsx';

/** Take stock out of a bin (for a job, a customer, scrap…). */
export function PickForm({ item }: { item: ItemDetail }) {
  const trpc = useTRPC();
  const pick = useMutation(trpc.stock.pick.mutationOptions());
  const resolveBin = useResolveBin();
  const [bin, setBin] = useBinChoice(stockOptions(item.stock, item.unit));
  const [qty, setQty] = useState('');
  const [lot, setLot] = useState('');
  const [reason, setReason] = useState('');
  const form = useStockSubmit(item.id);
  const typing = bin.choice === TYPE_CODE;
  const tracked = item.tracking !== 'none';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(async () => {
      const errors: FieldErrors = {};
      const q = parseQty(qty);
      if (!q.ok) errors.qty = q.error;
      const r = await resolveBin(bin, item.stock);
      if (!r.ok) errors.bin = r.error;
      const lotValue = typing ? lot.trim() : ((r.ok ? r.bin.row?.lot : undefined) ?? '');
      if (tracked && typing && lotValue === '')
        errors.lot = `Enter the ${item.tracking === 'serial' ? 'serial number' : 'lot'}`;
      if (!q.ok || !r.ok || Object.keys(errors).length > 0) return { ok: false, errors };
      const input = {
        itemId: item.id,
        locationId: r.bin.locationId,
        qty: q.value,
        lot: lotValue || undefined,
        reason: reason.trim() || undefined,
      };
      return {
        ok: true,
        values: input,
        send: (idempotencyKey) => pick.mutateAsync({ ...input, idempotencyKey }),
        describe: (res) =>
          `Picked ${formatNumber(q.value)} from ${r.bin.code} — ${formatNumber(onHandAfter(res, r.bin.locationId, lotValue))} left`,
      };
    });
    if (ok) setQty('');
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label="Pick">
      <div className="action-form__fields">
        <BinField
          label="From bin"
          options={stockOptions(item.stock, item.unit)}
          value={bin}
          onChange={setBin}
          error={form.errors.bin}
        />
        {tracked && typing ? (
          <LotField
            serial={item.tracking === 'serial'}
            value={lot}
            onChange={setLot}
            error={form.errors.lot}
          />
        ) : null}
        <QtyField value={qty} onChange={setQty} unit={item.unit} error={form.errors.qty} />
        <ReasonField
          value={reason}
          onChange={setReason}
          error={form.errors.reason}
          placeholder="e.g. for the boiler room"
        />
      </div>
      <ActionFooter label="Pick" pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
