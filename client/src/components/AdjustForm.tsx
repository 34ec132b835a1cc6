import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useBinChoice } from '../hooks/useBinChoice.ts';
import { useResolveBin } from '../hooks/useResolveBin.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { stockOptions, TYPE_CODE } from '../lib/bins.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { formatNumber, formatSigned } from '../lib/format.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseDelta } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { BinField } from './BinField.tsx';
import { ActionFooter, LotField, QtyField, ReasonField } from './StockFields.tsx';

/** A planner's correction outside a count (damage, write-off, found stock), always with a reason. */
export function AdjustForm({ item }: { item: ItemDetail }) {
  const trpc = useTRPC();
  const adjust = useMutation(trpc.stock.adjust.mutationOptions());
  const resolveBin = useResolveBin();
  const options = stockOptions(item.stock, item.unit);
  const [bin, setBin] = useBinChoice(options);
  const [delta, setDelta] = useState('');
  const [lot, setLot] = useState('');
  const [reason, setReason] = useState('');
  const form = useStockSubmit(item.id);
  const typing = bin.choice === TYPE_CODE;
  const tracked = item.tracking !== 'none';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(async () => {
      const errors: FieldErrors = {};
      const d = parseDelta(delta);
      if (!d.ok) errors.qty = d.error;
      if (reason.trim().length < 3) errors.reason = 'Say why (at least 3 characters)';
      const r = await resolveBin(bin, item.stock);
      if (!r.ok) errors.bin = r.error;
      const lotValue = typing ? lot.trim() : ((r.ok ? r.bin.row?.lot : undefined) ?? '');
      if (tracked && typing && lotValue === '') errors.lot = 'Enter the lot';
      if (!d.ok || !r.ok || Object.keys(errors).length > 0) return { ok: false, errors };
      const input = {
        itemId: item.id,
        locationId: r.bin.locationId,
        delta: d.value,
        lot: lotValue || undefined,
        reason: reason.trim(),
      };
      return {
        ok: true,
        values: input,
        send: (idempotencyKey) => adjust.mutateAsync({ ...input, idempotencyKey }),
        describe: (res) =>
          `Adjusted ${r.bin.code} by ${formatSigned(d.value)} — ${formatNumber(onHandAfter(res, r.bin.locationId, lotValue))} now`,
      };
    });
    if (ok) {
      setDelta('');
      setReason('');
    }
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label="Adjust">
      <div className="action-form__fields">
        <BinField label="Bin" options={options} value={bin} onChange={setBin} error={form.errors.bin} />
        {tracked && typing ? (
          <LotField
            serial={item.tracking === 'serial'}
            value={lot}
            onChange={setLot}
            error={form.errors.lot}
          />
        ) : null}
        <QtyField
          label="Change"
          hint="Negative to remove, e.g. -3"
          value={delta}
          onChange={setDelta}
          unit={item.unit}
          error={form.errors.qty}
        />
        <ReasonField
          label="Reason"
          value={reason}
          onChange={setReason}
          error={form.errors.reason}
          placeholder="e.g. damaged in transport"
        />
      </div>
      <ActionFooter label="Adjust" pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
