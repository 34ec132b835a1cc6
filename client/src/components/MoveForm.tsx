import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useBinChoice } from '../hooks/useBinChoice.ts';
import { useResolveBin } from '../hooks/useResolveBin.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { binOptions, stockOptions, TYPE_CODE } from '../lib/bins.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { formatNumber } from '../lib/format.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { BinField } from './BinField.tsx';
import { ActionFooter, LotField, QtyField, ReasonField } from './StockFields.tsx';

type MoveKind = 'putAway' | 'transfer';

/** Move stock between bins: put away (from the dock or staging into storage) or transfer. */
export function MoveForm({ item, kind }: { item: ItemDetail; kind: MoveKind }) {
  const trpc = useTRPC();
  const putAway = useMutation(trpc.stock.putAway.mutationOptions());
  const transfer = useMutation(trpc.stock.transfer.mutationOptions());
  const resolveBin = useResolveBin();
  const fromOptions = stockOptions(item.stock, item.unit);
  const [from, setFrom] = useBinChoice(fromOptions);
  const toOptions = binOptions(item.stock).filter((o) => !from.choice.startsWith(o.value));
  const [to, setTo] = useBinChoice(toOptions);
  const [qty, setQty] = useState('');
  const [lot, setLot] = useState('');
  const [reason, setReason] = useState('');
  const form = useStockSubmit(item.id);
  const typingFrom = from.choice === TYPE_CODE;
  const tracked = item.tracking !== 'none';
  const verb = kind === 'putAway' ? 'Put away' : 'Transfer';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(async () => {
      const errors: FieldErrors = {};
      const q = parseQty(qty);
      if (!q.ok) errors.qty = q.error;
      const [src, dst] = await Promise.all([resolveBin(from, item.stock), resolveBin(to, item.stock)]);
      if (!src.ok) errors.bin = src.error;
      if (!dst.ok) errors.to = dst.error;
      if (src.ok && dst.ok && src.bin.locationId === dst.bin.locationId)
        errors.to = 'Choose a different bin to move to';
      const lotValue = typingFrom ? lot.trim() : ((src.ok ? src.bin.row?.lot : undefined) ?? '');
      if (tracked && typingFrom && lotValue === '') errors.lot = 'Enter the lot to move';
      if (!q.ok || !src.ok || !dst.ok || Object.keys(errors).length > 0) return { ok: false, errors };
      const input = {
        itemId: item.id,
        fromLocationId: src.bin.locationId,
        toLocationId: dst.bin.locationId,
        qty: q.value,
        lot: lotValue || undefined,
        reason: reason.trim() || undefined,
      };
      const mutation = kind === 'putAway' ? putAway : transfer;
      return {
        ok: true,
        values: { kind, ...input },
        send: (idempotencyKey) => mutation.mutateAsync({ ...input, idempotencyKey }),
        describe: (res) =>
          `Moved ${formatNumber(q.value)} from ${src.bin.code} to ${dst.bin.code} — ${formatNumber(
            onHandAfter(res, src.bin.locationId, lotValue),
          )} left in ${src.bin.code}, ${formatNumber(onHandAfter(res, dst.bin.locationId, lotValue))} in ${dst.bin.code}`,
      };
    });
    if (ok) setQty('');
  };

  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label={verb}>
      <div className="action-form__fields">
        <BinField
          label="From bin"
          options={fromOptions}
          value={from}
          onChange={setFrom}
          error={form.errors.bin}
        />
        <BinField
          label="To bin"
          options={toOptions}
          value={to}
          onChange={setTo}
          error={form.errors.to}
          testId="to-bin-select"
        />
        {tracked && typingFrom ? (
          <LotField
            serial={item.tracking === 'serial'}
            value={lot}
            onChange={setLot}
            error={form.errors.lot}
          />
        ) : null}
        <QtyField value={qty} onChange={setQty} unit={item.unit} error={form.errors.qty} />
        <ReasonField value={reason} onChange={setReason} error={form.errors.reason} />
      </div>
      <ActionFooter label={verb} pending={form.pending} feedback={form.feedback} />
    </form>
  );
}
