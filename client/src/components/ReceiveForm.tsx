import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useBinChoice } from '../hooks/useBinChoice.ts';
import { useResolveBin } from '../hooks/useResolveBin.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { binOptions } from '../lib/bins.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { formatNumber } from '../lib/format.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { BinField } from './BinField.tsx';
import { ActionFooter, LotField, QtyField, ReasonField } from './StockFields.tsx';

/** Book stock in: a delivery, a return from a job, found stock. */
export function ReceiveForm({ item }: { item: ItemDetail }) {
  const trpc = useTRPC();
  const receive = useMutation(trpc.stock.receive.mutationOptions());
  const resolveBin = useResolveBin();
  const options = binOptions(item.stock);
  const [bin, setBin] = useBinChoice(options);
  const [qty, setQty] = useState('');
  const [lot, setLot] = useState('');
  const [reason, setReason] = useState('');
  const form = useStockSubmit(item.id);
  const tracked = item.tracking !== 'none';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(async () => {
      const errors: FieldErrors = {};
      const q = parseQty(qty);
      if (!q.ok) errors.qty = q.error;
      const r = await resolveBin(bin, item.stock);
      if (!r.ok) errors.bin = r.error;
      const lotValue = tracked ? lot.trim() : '';
      if (tracked && lotValue === '')
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
        send: (idempotencyKey) => receive.mutateAsync({ ...input, idempotencyKey }),
        describe: (res) =>
          `Received ${formatNumber(q.value)} into ${r.bin.code} — ${formatNumber(onHandAfter(res, r.bin.locationId, lotValue))} there now`,
      };
    });
    if (ok) {
      setQty('');
      setLot('');
    }
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label="Receive">
      <div className="action-form__fields">
        <BinField label="Into bin" options={options} value={bin} onChange={setBin} error={form.errors.bin} />
        {tracked ? (
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
          placeholder="e.g. delivery note 4471"
        />
      </div>
      <ActionFooter label="Receive" pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
