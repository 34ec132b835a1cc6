import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Formatters } from '../../../common/format.ts';
import { describePacks, type Pack, toBaseQuantity } from '../../../common/units.ts';
import { useBinLotForm } from '../hooks/useBinLotForm.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { usePlaces } from '../hooks/usePlaces.ts';
import { onHandAfter, useStockSubmit } from '../hooks/useStockSubmit.ts';
import { binOptions, type Place, stockOptions } from '../lib/bins.ts';
import { errorMessage } from '../lib/errors.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { ActionFooter, BinLotFields } from './StockFields.tsx';

/**
 * What differs between taking stock out of one bin and booking it into one; the form is the same.
 * Picks choose among bins and lots that hold the item; receipts may go anywhere with a new lot, into a
 * van or cabinet as well as a bin, and may be counted in the item's packs.
 */
const KINDS = {
  pick: {
    label: 'Pick',
    binLabel: 'From bin',
    lot: 'held',
    placeholder: 'e.g. for the boiler room',
    options: (item: ItemDetail, _places: readonly Place[], format: Formatters) =>
      stockOptions(item.stock, item.unit, format),
    done: (qty: string, bin: string, after: string) => `Picked ${qty} from ${bin} — ${after} left`,
  },
  receive: {
    label: 'Receive',
    binLabel: 'Into bin or location',
    lot: 'new',
    placeholder: 'e.g. delivery note 4471',
    options: (item: ItemDetail, places: readonly Place[], _format: Formatters) =>
      binOptions(item.stock, places),
    done: (qty: string, bin: string, after: string) => `Received ${qty} into ${bin} — ${after} there now`,
  },
} as const;

/** The select value for counting in the item's own unit. */
const LOOSE = '';
const packValue = (p: Pack) => `${p.unit}|${p.size}`;

/** Pick (for a job, a customer, scrap…) or receive (a delivery, a return, found stock) at one bin. */
export function SingleBinForm({ item, kind }: { item: ItemDetail; kind: keyof typeof KINDS }) {
  const format = useFormat();
  const trpc = useTRPC();
  const spec = KINDS[kind];
  const pick = useMutation(trpc.stock.pick.mutationOptions());
  const receive = useMutation(trpc.stock.receive.mutationOptions());
  const places = usePlaces();
  const receiving = kind === 'receive';
  const fields = useBinLotForm(item, {
    options: spec.options(item, receiving ? places : [], format),
    lot: spec.lot,
    places: receiving ? places : [],
  });
  const form = useStockSubmit(item.id);
  const packs = receiving ? item.packs : [];
  const [packChoice, setPackChoice] = useState(LOOSE);
  const pack = packs.find((p) => packValue(p) === packChoice);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(async () => {
      const { errors, bin, qty, lot } = await fields.resolve((text) =>
        parseQty(text, pack ? 'the number of packs' : 'a quantity'),
      );
      if (qty !== undefined && pack) {
        try {
          toBaseQuantity(qty, pack);
        } catch (error) {
          errors.qty = errorMessage(error);
        }
      }
      if (!bin || qty === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
      const input = {
        itemId: item.id,
        locationId: bin.locationId,
        qty,
        lot: lot || undefined,
        reason: fields.reason.trim() || undefined,
      };
      const counted = pack
        ? `${describePacks(qty, pack)} (${format.number(toBaseQuantity(qty, pack))} ${item.unit})`
        : format.number(qty);
      return {
        ok: true,
        values: { ...input, pack },
        send: (idempotencyKey) =>
          kind === 'pick'
            ? pick.mutateAsync({ ...input, idempotencyKey })
            : receive.mutateAsync({
                ...input,
                ...(pack ? { pack: { unit: pack.unit, size: pack.size } } : {}),
                idempotencyKey,
              }),
        describe: (res) => spec.done(counted, bin.code, format.number(onHandAfter(res, bin.locationId, lot))),
      };
    });
    if (ok) {
      fields.setQty('');
      // A new lot is typed per delivery; a held lot stays chosen for the next pick.
      if (spec.lot === 'new') fields.setLot('');
    }
  };

  const preview = previewOf(fields.qty, pack, item.unit, format);
  return (
    <form className="action-form" onSubmit={onSubmit} noValidate aria-label={spec.label}>
      <BinLotFields
        fields={fields}
        errors={form.errors}
        unit={pack ? pack.unit : item.unit}
        binLabel={spec.binLabel}
        qty={pack ? { label: 'Number of packs', hint: preview } : {}}
        reason={{ placeholder: spec.placeholder }}
      >
        {packs.length > 0 ? (
          <Field label="Counted in" hint={`The ledger books ${item.unit}`}>
            {(c) => (
              <select
                {...c}
                value={packChoice}
                onChange={(e) => setPackChoice(e.target.value)}
                data-testid="pack-select"
              >
                <option value={LOOSE}>{item.unit} (one by one)</option>
                {packs.map((p) => (
                  <option key={packValue(p)} value={packValue(p)}>
                    {p.unit} of {format.number(p.size)} {item.unit}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </BinLotFields>
      <ActionFooter label={spec.label} pending={form.pending} feedback={form.feedback} />
    </form>
  );
}

/** "= 200 ea" under the number of packs, once it is a whole number. */
function previewOf(
  text: string,
  pack: Pack | undefined,
  unit: string,
  format: Formatters,
): string | undefined {
  if (!pack) return undefined;
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n <= 0)
    return `${pack.unit} of ${format.number(pack.size)} ${unit}`;
  try {
    return `= ${format.number(toBaseQuantity(n, pack))} ${unit}`;
  } catch (error) {
    return errorMessage(error);
  }
}
