import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { SupplierPriceInput } from '../../../common/masters/supplier.ts';
import { minorToText, parseMinor } from '../../../common/money.ts';
import { Field } from '../components/Field.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { ItemPicker } from '../components/ItemPicker.tsx';
import { TextField } from '../components/TextField.tsx';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { FieldErrors } from '../lib/errors.ts';
import type { SupplierCatalogueRow } from '../lib/types.ts';
import { fieldErrorsOf, wholeOrNaN } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';

type PickedItem = { id: number; name: string; sku: string; unit: string };

type Draft = {
  partNumber: string;
  price: string;
  packUnit: string;
  packSize: string;
  minOrderPacks: string;
  leadTimeDays: string;
};

const draftOf = (row: SupplierCatalogueRow | undefined, currency: string, unit: string): Draft => ({
  partNumber: row?.partNumber ?? '',
  price: row ? minorToText(row.priceMinor, currency) : '',
  packUnit: row?.pack.unit ?? unit,
  packSize: String(row?.pack.size ?? 1),
  minOrderPacks: String(row?.minOrderPacks ?? 1),
  leadTimeDays: row?.leadTimeDays === null || row === undefined ? '' : String(row.leadTimeDays),
});

/**
 * One supplier's price for one item: part number, price per pack in the supplier's currency, the
 * pack (a box of 100), the smallest order in packs and an optional lead time of its own.
 */
export function PriceForm({
  supplier,
  row,
  onDone,
}: {
  supplier: { id: number; currency: string };
  /** Editing this catalogue row; without it, the form adds a price for an item picked here. */
  row?: SupplierCatalogueRow;
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const units = useQuery(trpc.units.list.queryOptions());
  const setPrice = useMutation(trpc.suppliers.setPrice.mutationOptions());
  const [item, setItem] = useState<PickedItem | null>(
    row ? { id: row.itemId, name: row.itemName, sku: row.sku, unit: row.itemUnit } : null,
  );
  const [d, setD] = useState<Draft>(() => draftOf(row, supplier.currency, row?.itemUnit ?? 'ea'));
  const form = useFeedback();
  const set = (key: keyof Draft) => (value: string) => setD((prev) => ({ ...prev, [key]: value }));
  // A pack in the item's own unit is a single one: sold loose.
  const loose = d.packUnit.toLowerCase() === (item?.unit ?? 'ea').toLowerCase();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (item === null) errors.item = 'Search for the item this price is for';
    const priceMinor = parseMinor(d.price, supplier.currency);
    if (priceMinor === null)
      errors.priceMinor = `Enter the price per pack in ${supplier.currency}, e.g. 12.50`;
    const parsed = SupplierPriceInput.safeParse({
      supplierId: supplier.id,
      itemId: item?.id ?? 0,
      partNumber: d.partNumber,
      priceMinor: priceMinor ?? 0,
      pack: { unit: d.packUnit, size: loose ? 1 : wholeOrNaN(d.packSize) },
      minOrderPacks: wholeOrNaN(d.minOrderPacks),
      leadTimeDays: d.leadTimeDays.trim() === '' ? null : wholeOrNaN(d.leadTimeDays),
    });
    const all = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error.issues)), ...errors };
    delete all.itemId;
    if (!parsed.success || Object.keys(errors).length > 0) {
      form.invalid(all);
      return;
    }
    try {
      await setPrice.mutateAsync(parsed.data);
      void invalidate.supplier(supplier.id);
      form.succeeded(`Saved the price of ${item?.name ?? 'the item'}`);
      if (!row) {
        setItem(null);
        setD(draftOf(undefined, supplier.currency, 'ea'));
      }
      onDone?.();
    } catch (error) {
      form.failed(error);
    }
  };

  const unitOptions = (units.data ?? []).filter((u) => !u.archived || u.code === d.packUnit);
  return (
    <form className="form masters-price-form" onSubmit={onSubmit} noValidate data-testid="price-form">
      {row ? null : item ? (
        <p className="picked">
          <span>
            For <strong>{item.name}</strong> <span className="mono muted">{item.sku}</span> (counted in{' '}
            {item.unit})
          </span>{' '}
          <button type="button" className="button button--ghost button--small" onClick={() => setItem(null)}>
            Change item
          </button>
        </p>
      ) : (
        <ItemPicker
          label="Item"
          error={form.fieldErrors.item}
          onPick={(hit) => {
            setItem({ id: hit.id, name: hit.name, sku: hit.sku, unit: hit.unit });
            setD((prev) => ({ ...prev, packUnit: hit.unit, packSize: '1' }));
          }}
        />
      )}
      <div className="form-grid">
        <TextField
          label="Supplier part number"
          error={form.fieldErrors.partNumber}
          className="mono"
          value={d.partNumber}
          onChange={set('partNumber')}
          data-testid="price-part-number"
        />
        <TextField
          label={`Price per pack (${supplier.currency})`}
          error={form.fieldErrors.priceMinor}
          inputMode="decimal"
          value={d.price}
          onChange={set('price')}
          data-testid="price-amount"
        />
        <Field
          label="Pack"
          error={form.fieldErrors['pack.unit']}
          hint={loose ? 'Sold loose, one at a time' : undefined}
        >
          {(c) => (
            <select
              {...c}
              value={d.packUnit}
              onChange={(e) => set('packUnit')(e.target.value)}
              data-testid="price-pack-unit"
            >
              {item && !unitOptions.some((u) => u.code === item.unit) ? (
                <option value={item.unit}>{item.unit}</option>
              ) : null}
              {unitOptions.map((u) => (
                <option key={u.id} value={u.code}>
                  {u.code} ({u.name})
                </option>
              ))}
            </select>
          )}
        </Field>
        {loose ? null : (
          <TextField
            label={`${item?.unit ?? 'Units'} per ${d.packUnit}`}
            error={form.fieldErrors['pack.size']}
            inputMode="numeric"
            value={d.packSize}
            onChange={set('packSize')}
            data-testid="price-pack-size"
          />
        )}
        <TextField
          label="Minimum order (packs)"
          error={form.fieldErrors.minOrderPacks}
          inputMode="numeric"
          value={d.minOrderPacks}
          onChange={set('minOrderPacks')}
        />
        <TextField
          label="Lead time (days, optional)"
          error={form.fieldErrors.leadTimeDays}
          hint="Leave empty to use the supplier's lead time"
          inputMode="numeric"
          value={d.leadTimeDays}
          onChange={set('leadTimeDays')}
        />
      </div>
      <div className="action-form__footer">
        <button
          type="submit"
          className="button button--primary"
          disabled={setPrice.isPending}
          data-testid="price-submit"
        >
          {setPrice.isPending ? 'Saving…' : row ? 'Save price' : 'Add price'}
        </button>
        <FormMessage feedback={form.feedback} />
      </div>
    </form>
  );
}
