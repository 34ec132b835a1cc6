import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useBinChoice } from '../hooks/useBinChoice.ts';
import { useResolveBin } from '../hooks/useResolveBin.ts';
import { useStockSubmit } from '../hooks/useStockSubmit.ts';
import { stockOptions, TYPE_CODE } from '../lib/bins.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { formatNumber, formatSigned } from '../lib/format.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseCount } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { BinField } from './BinField.tsx';
import { ActionFooter, LotField, QtyField, ReasonField } from './StockFields.tsx';

/** Record what is physically in a bin; the difference is booked as a count movement. */
export function CountForm({ item }: { item: ItemDetail }) {
  const trpc = useTRPC();
  const count = useMutation(trpc.stock.count.mutationOptions());
  const resolveBin = useResolveBin();
  const options = stockOptions(item.stock, item.unit);
  const [bin, setBin] = useBinChoice(options);
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
      const q = parseCount(qty);
      if (!q.ok) errors.qty = q.error;
      const r = await resolveBin(bin, item.stock);
      if (!r.ok) errors.bin = r.error;
      const lotValue = typing ? lot.trim() : ((r.ok ? r.bin.row?.lot : undefined) ?? '');
      if (tracked && typing && lotValue === '') errors.lot = 'Enter the lot you counted';
      if (!q.ok || !r.ok || Object.keys(errors).length > 0) return { ok: false, errors };
      const before =
        item.stock.find((s) => s.locationId === r.bin.locationId && s.lot === lotValue)?.onHand ?? 0;
      const input = {
        itemId: item.id,
        locationId: r.bin.locationId,
        countedQty: q.value,
        lot: lotValue || undefined,
        reason: reason.trim() || undefined,
      };
      return {
        ok: true,
        values: input,
        send: (idempotencyKey) => count.mutateAsync({ ...input, idempotencyKey }),
        describe: () =>
          q.value === before
            ? `Counted ${formatNumber(q.value)} at ${r.bin.code} — matches the records`
            : `Counted ${formatNumber(q.value)} at ${r.bin.code} — was ${formatNumber(before)} (${formatSigned(q.value - before)})`,
      };
    });
    if (ok) setQty('');
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label="Count">
      <div className="action-form__fields">
        <BinField
          label="Bin counted"
          options={options}
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
        <QtyField
          label="Counted quantity"
          value={qty}
          onChange={setQty}
          unit={item.unit}
          error={form.errors.qty}
          hint="What is in the bin now; 0 if empty."
        />
        <ReasonField value={reason} onChange={setReason} error={form.errors.reason} />
      </div>
      <ActionFooter label="Record count" pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
