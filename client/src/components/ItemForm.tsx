import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { FieldErrors } from '../lib/errors.ts';
import type { ItemDetail } from '../lib/types.ts';
import { parseCount } from '../lib/validate.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';

type Tracking = ItemDetail['tracking'];

type Draft = {
  sku: string;
  name: string;
  aliases: string;
  unit: string;
  barcode: string;
  category: string;
  unitCost: string;
  reorderPoint: string;
  reorderQty: string;
  tracking: Tracking;
  supplierId: string;
};

const draftOf = (item: ItemDetail | undefined): Draft => ({
  sku: item?.sku ?? '',
  name: item?.name ?? '',
  aliases: item?.aliases.join(', ') ?? '',
  unit: item?.unit ?? 'ea',
  barcode: item?.barcode ?? '',
  category: item?.category ?? '',
  unitCost: item ? (item.unitCostCents / 100).toFixed(2) : '0.00',
  reorderPoint: String(item?.reorderPoint ?? 0),
  reorderQty: String(item?.reorderQty ?? 0),
  tracking: item?.tracking ?? 'none',
  supplierId: item?.supplierId === null || item === undefined ? '' : String(item.supplierId),
});

/** Server paths ("sku" on create, "item.sku" on update) to this form's fields. */
const FIELD_FOR: Record<string, keyof Draft> = {
  sku: 'sku',
  name: 'name',
  aliases: 'aliases',
  unit: 'unit',
  barcode: 'barcode',
  category: 'category',
  unitCostCents: 'unitCost',
  reorderPoint: 'reorderPoint',
  reorderQty: 'reorderQty',
  tracking: 'tracking',
  supplierId: 'supplierId',
};

/** Create an item, or change one (planners). */
export function ItemForm({ item }: { item?: ItemDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const invalidate = useInvalidate();
  const qc = useQueryClient();
  const suppliers = useQuery(trpc.purchasing.suppliers.queryOptions());
  const create = useMutation(trpc.items.create.mutationOptions());
  const update = useMutation(trpc.items.update.mutationOptions());
  const [d, setD] = useState<Draft>(() => draftOf(item));
  const form = useFeedback();
  const set = (key: keyof Draft) => (value: string) => setD((prev) => ({ ...prev, [key]: value }));
  const pending = create.isPending || update.isPending;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const cost = Number(d.unitCost.replace(',', '.'));
    if (!Number.isFinite(cost) || cost < 0) errors.unitCost = 'Enter a cost of 0 or more, e.g. 1.25';
    const point = parseCount(d.reorderPoint, 'the reorder point');
    if (!point.ok) errors.reorderPoint = point.error;
    const reorderQty = parseCount(d.reorderQty, 'the reorder quantity');
    if (!reorderQty.ok) errors.reorderQty = reorderQty.error;
    if (!d.sku.trim()) errors.sku = 'Enter the SKU';
    if (d.name.trim().length < 2) errors.name = 'Enter a name of at least 2 characters';
    if (!d.unit.trim()) errors.unit = 'Enter the unit, e.g. ea, m, kg';
    if (!d.category.trim()) errors.category = 'Enter a category';
    if (d.barcode.trim() && d.barcode.trim().length < 4)
      errors.barcode = 'A barcode has at least 4 characters';
    if (!point.ok || !reorderQty.ok || Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    const input = {
      sku: d.sku.trim(),
      name: d.name.trim(),
      aliases: d.aliases
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      unit: d.unit.trim(),
      barcode: d.barcode.trim() || null,
      category: d.category.trim(),
      unitCostCents: Math.round(cost * 100),
      reorderPoint: point.value,
      reorderQty: reorderQty.value,
      tracking: d.tracking,
      supplierId: d.supplierId ? Number(d.supplierId) : null,
    };
    try {
      const { id } = item
        ? await update.mutateAsync({ id: item.id, item: input })
        : await create.mutateAsync(input);
      void invalidate.catalog(id);
      // The item page must open on the saved values, not the cached ones.
      await qc.refetchQueries(trpc.items.get.queryFilter({ id }));
      toast.success(item ? `Saved ${input.name}` : `Created ${input.name}`);
      navigate(`/items/${id}`);
    } catch (error) {
      form.failed(error, (path) => FIELD_FOR[path.replace(/^item\./, '')]);
    }
  };

  const text = (
    key: keyof Draft,
    label: string,
    extra: { mono?: boolean; hint?: string; placeholder?: string } = {},
  ) => (
    <Field label={label} error={form.fieldErrors[key]} hint={extra.hint}>
      {(c) => (
        <input
          {...c}
          className={extra.mono ? 'mono' : undefined}
          placeholder={extra.placeholder}
          value={d[key]}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form className="card form" onSubmit={onSubmit} noValidate>
      <div className="form-grid">
        {text('name', 'Name', { placeholder: 'e.g. M8 x 30 hex bolt' })}
        {text('sku', 'SKU', { mono: true })}
        {text('aliases', 'Other names', { hint: 'Comma-separated: what people call it' })}
        {text('barcode', 'Barcode (optional)', { mono: true })}
        {text('category', 'Category')}
        {text('unit', 'Unit', { placeholder: 'ea' })}
        {text('unitCost', `Unit cost (${format.currencySymbol})`)}
        {text('reorderPoint', 'Reorder point', { hint: 'Reorder when available stock is at or below this' })}
        {text('reorderQty', 'Reorder quantity')}
        <Field label="Tracking" error={form.fieldErrors.tracking}>
          {(c) => (
            <select {...c} value={d.tracking} onChange={(e) => set('tracking')(e.target.value)}>
              <option value="none">Quantity only</option>
              <option value="lot">By lot</option>
              <option value="serial">By serial number</option>
            </select>
          )}
        </Field>
        <Field label="Supplier" error={form.fieldErrors.supplierId}>
          {(c) => (
            <select {...c} value={d.supplierId} onChange={(e) => set('supplierId')(e.target.value)}>
              <option value="">None</option>
              {(suppliers.data ?? []).map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="action-form__footer">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Saving…' : item ? 'Save changes' : 'Create item'}
        </button>
        <FormMessage feedback={form.feedback} />
      </div>
    </form>
  );
}
