import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ItemPacks } from '../../../common/masters/catalog.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { FieldErrors } from '../lib/errors.ts';
import type { ItemDetail } from '../lib/types.ts';
import { fieldErrorsOf, parseCount, wholeOrNaN } from '../lib/validate.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';
import { TextField } from './TextField.tsx';
import '../masters/Masters.css';

type Tracking = ItemDetail['tracking'];

type PackDraft = { key: number; unit: string; size: string };
let nextPackKey = 1;

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
  packs: PackDraft[];
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
  packs: (item?.packs ?? []).map((p) => ({ key: nextPackKey++, unit: p.unit, size: String(p.size) })),
});

/** Server paths ("sku" on create, "item.sku" on update) to this form's fields. */
const FIELD_FOR: Record<string, Exclude<keyof Draft, 'packs'>> = {
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

/**
 * Create an item, or change one (planners). Category, unit and preferred supplier are chosen from the
 * masters (Setup); an archived one the item already has stays offered so saving other changes works.
 */
export function ItemForm({ item }: { item?: ItemDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const invalidate = useInvalidate();
  const qc = useQueryClient();
  const suppliers = useQuery(trpc.suppliers.list.queryOptions());
  const categories = useQuery(trpc.categories.list.queryOptions());
  const units = useQuery(trpc.units.list.queryOptions());
  const create = useMutation(trpc.items.create.mutationOptions());
  const update = useMutation(trpc.items.update.mutationOptions());
  const [d, setD] = useState<Draft>(() => draftOf(item));
  const form = useFeedback();
  const set = (key: Exclude<keyof Draft, 'packs'>) => (value: string) =>
    setD((prev) => ({ ...prev, [key]: value }));
  const setPack = (key: number, field: 'unit' | 'size', value: string) =>
    setD((prev) => ({
      ...prev,
      packs: prev.packs.map((p) => (p.key === key ? { ...p, [field]: value } : p)),
    }));
  const pending = create.isPending || update.isPending;
  const activeCategories = (categories.data ?? []).filter((c) => !c.archived || c.name === item?.category);
  const activeUnits = (units.data ?? []).filter((u) => !u.archived || u.code === item?.unit);
  const packUnits = activeUnits.filter((u) => u.code !== d.unit);
  const choosableSuppliers = (suppliers.data ?? []).filter((s) => !s.archived || s.id === item?.supplierId);

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
    if (!d.unit.trim()) errors.unit = 'Choose the unit it is counted in';
    if (!d.category.trim()) errors.category = 'Choose a category';
    const packs = ItemPacks.safeParse(d.packs.map((p) => ({ unit: p.unit, size: wholeOrNaN(p.size) })));
    if (!packs.success)
      Object.assign(
        errors,
        fieldErrorsOf(packs.error.issues.map((i) => ({ ...i, path: ['packs', ...i.path] }))),
      );
    if (d.barcode.trim() && d.barcode.trim().length < 4)
      errors.barcode = 'A barcode has at least 4 characters';
    if (!point.ok || !reorderQty.ok || !packs.success || Object.keys(errors).length > 0) {
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
      packs: packs.data,
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
      form.failed(error, (path) => {
        const local = path.replace(/^item\./, '');
        return local.startsWith('packs.') ? local : FIELD_FOR[local];
      });
    }
  };

  const text = (
    key: Exclude<keyof Draft, 'packs' | 'tracking'>,
    label: string,
    extra: { mono?: boolean; hint?: string; placeholder?: string } = {},
  ) => (
    <TextField
      label={label}
      error={form.fieldErrors[key]}
      hint={extra.hint}
      className={extra.mono ? 'mono' : undefined}
      placeholder={extra.placeholder}
      value={d[key]}
      onChange={set(key)}
    />
  );

  return (
    <form className="card form" onSubmit={onSubmit} noValidate>
      <div className="form-grid">
        {text('name', 'Name', { placeholder: 'e.g. M8 x 30 hex bolt' })}
        {text('sku', 'SKU', { mono: true })}
        {text('aliases', 'Other names', { hint: 'Comma-separated: what people call it' })}
        {text('barcode', 'Barcode (optional)', { mono: true })}
        <Field
          label="Category"
          error={form.fieldErrors.category}
          hint={<Link href="/masters/categories">Categories are kept under Setup</Link>}
        >
          {(c) => (
            <select
              {...c}
              value={d.category}
              onChange={(e) => set('category')(e.target.value)}
              data-testid="item-category"
            >
              <option value="">Choose a category…</option>
              {d.category && !activeCategories.some((x) => x.name === d.category) ? (
                <option value={d.category}>{d.category}</option>
              ) : null}
              {activeCategories.map((x) => (
                <option key={x.id} value={x.name}>
                  {x.name}
                  {x.archived ? ' (archived)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Unit" error={form.fieldErrors.unit} hint="What stock is counted in">
          {(c) => (
            <select
              {...c}
              value={d.unit}
              onChange={(e) => set('unit')(e.target.value)}
              data-testid="item-unit"
            >
              {d.unit && !activeUnits.some((u) => u.code === d.unit) ? (
                <option value={d.unit}>{d.unit}</option>
              ) : null}
              {activeUnits.map((u) => (
                <option key={u.id} value={u.code}>
                  {u.code} ({u.name}){u.archived ? ' (archived)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
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
        <Field
          label="Preferred supplier"
          error={form.fieldErrors.supplierId}
          hint="Reorders go to this supplier, in its packs and at its price"
        >
          {(c) => (
            <select
              {...c}
              value={d.supplierId}
              onChange={(e) => set('supplierId')(e.target.value)}
              data-testid="item-supplier"
            >
              <option value="">None</option>
              {choosableSuppliers.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name}
                  {s.archived ? ' (archived)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="masters-place">
        <legend>Packs</legend>
        <p className="field__hint">
          Other units it comes in, e.g. a box of 100 {d.unit || 'ea'}: receipts can then be entered in packs.
        </p>
        {form.fieldErrors.packs ? <p className="field__error">{form.fieldErrors.packs}</p> : null}
        <div className="masters-packs">
          {d.packs.map((p, i) => (
            <div className="masters-pack" key={p.key} data-testid="pack-row">
              <Field
                label={`Pack ${i + 1}: unit`}
                error={form.fieldErrors[`packs.${i}.unit`] ?? form.fieldErrors[`packs.${i}`]}
              >
                {(c) => (
                  <select
                    {...c}
                    value={p.unit}
                    onChange={(e) => setPack(p.key, 'unit', e.target.value)}
                    data-testid="pack-unit"
                  >
                    {p.unit && !packUnits.some((u) => u.code === p.unit) ? (
                      <option value={p.unit}>{p.unit}</option>
                    ) : null}
                    {packUnits.map((u) => (
                      <option key={u.id} value={u.code}>
                        {u.code} ({u.name})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <TextField
                label={`${d.unit || 'Units'} per pack`}
                error={form.fieldErrors[`packs.${i}.size`]}
                inputMode="numeric"
                value={p.size}
                onChange={(value) => setPack(p.key, 'size', value)}
                data-testid="pack-size"
              />
              <button
                type="button"
                className="button button--ghost button--small masters-contact__remove"
                onClick={() =>
                  setD((prev) => ({ ...prev, packs: prev.packs.filter((x) => x.key !== p.key) }))
                }
                aria-label={`Remove pack ${i + 1}`}
              >
                Remove
              </button>
            </div>
          ))}
        </div>
        <button
          type="button"
          className="button button--small"
          disabled={d.packs.length >= 10 || packUnits.length === 0}
          onClick={() =>
            setD((prev) => ({
              ...prev,
              packs: [...prev.packs, { key: nextPackKey++, unit: packUnits[0]?.code ?? 'box', size: '' }],
            }))
          }
          data-testid="add-pack"
        >
          Add a pack
        </button>
      </fieldset>
      <div className="action-form__footer">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Saving…' : item ? 'Save changes' : 'Create item'}
        </button>
        <FormMessage feedback={form.feedback} />
      </div>
    </form>
  );
}
