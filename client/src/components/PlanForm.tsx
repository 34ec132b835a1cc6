import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PlanInputSchema } from '../../../common/masters/maintenance-plan.ts';
import { PRIORITIES, type Priority } from '../../../common/work-order-status.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { fromDateInput, humanise, toDateInput } from '../lib/format.ts';
import type { AssetDetail } from '../lib/types.ts';
import { parseOptionalNumber, parseQty, schemaErrors } from '../lib/validate.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';
import { ItemPicker } from './ItemPicker.tsx';
import { TextField } from './TextField.tsx';
import './AssetForm.css';

type Plan = AssetDetail['plans'][number];
type KitDraft = { itemId: number; name: string; sku: string; unit: string; qty: string };

/** Server input paths ("plan.kit.0.qty") to this form's fields. */
function fieldFor(path: string): string | undefined {
  const p = path.replace(/^plan\./, '');
  if (p.startsWith('kit')) return 'kit';
  if (p.startsWith('checklist')) return 'checklist';
  return p.split('.')[0];
}

/**
 * A maintenance plan (planners): when it falls due, the tasks to tick off, the hours, and the parts
 * kit its work order reserves. Changes apply from the next work order it raises.
 */
export function PlanForm({ asset, plan, onDone }: { asset: AssetDetail; plan?: Plan; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const create = useMutation(trpc.plans.create.mutationOptions());
  const update = useMutation(trpc.plans.update.mutationOptions());
  const form = useFeedback();
  const [title, setTitle] = useState(plan?.title ?? '');
  const [priority, setPriority] = useState<Priority>(plan?.priority ?? 'medium');
  const [days, setDays] = useState(plan?.intervalDays === null || !plan ? '' : String(plan.intervalDays));
  const [meter, setMeter] = useState(plan?.intervalMeter === null || !plan ? '' : String(plan.intervalMeter));
  const [hours, setHours] = useState(
    plan?.estimatedHours === null || !plan ? '' : String(plan.estimatedHours),
  );
  const [lastDone, setLastDone] = useState(plan ? toDateInput(plan.lastDoneAt) : '');
  const [checklist, setChecklist] = useState(plan?.checklist.join('\n') ?? '');
  const [kit, setKit] = useState<KitDraft[]>(
    () =>
      plan?.kit.map((k) => ({
        itemId: k.itemId,
        name: k.name,
        sku: k.sku,
        unit: k.unit,
        qty: String(k.qty),
      })) ?? [],
  );
  const pending = create.isPending || update.isPending;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const read = (text: string, field: string, label: string) => {
      const r = parseOptionalNumber(text, label);
      if (!r.ok) errors[field] = r.error;
      return r.ok ? r.value : null;
    };
    const intervalDays = read(days, 'intervalDays', 'the number of days');
    const intervalMeter = read(meter, 'intervalMeter', 'the meter interval');
    const estimatedHours = read(hours, 'estimatedHours', 'the hours');
    let lastDoneAt: number | null = null;
    if (lastDone) {
      const at = fromDateInput(lastDone);
      // Any time on the chosen day, but never later than now.
      if (at === undefined) errors.lastDoneAt = 'Enter a valid date';
      else lastDoneAt = Math.min(at, Date.now());
    }
    const lines = kit.map((k) => ({ itemId: k.itemId, qty: parseQty(k.qty, `the quantity of ${k.name}`) }));
    const badQty = lines.find((l) => !l.qty.ok);
    if (badQty && !badQty.qty.ok) errors.kit = badQty.qty.error;
    const parsed = PlanInputSchema.safeParse({
      title,
      priority,
      intervalDays,
      intervalMeter,
      estimatedHours,
      lastDoneAt,
      checklist: checklist
        .split('\n')
        .map((t) => t.trim())
        .filter(Boolean),
      kit: lines.map((l) => ({ itemId: l.itemId, qty: l.qty.ok ? l.qty.value : 0 })),
    });
    if (!parsed.success) Object.assign(errors, { ...schemaErrors(parsed.error.issues, fieldFor), ...errors });
    if (!parsed.success || Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    try {
      if (plan) await update.mutateAsync({ id: plan.id, plan: parsed.data });
      else await create.mutateAsync({ assetId: asset.id, plan: parsed.data });
      void invalidate.asset(asset.id);
      toast.success(plan ? `Saved the plan “${parsed.data.title}”` : `Added the plan “${parsed.data.title}”`);
      onDone();
    } catch (error) {
      form.failed(error, fieldFor);
    }
  };

  return (
    <form
      className="form plan-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={plan ? 'Edit plan' : 'New plan'}
    >
      <div className="form-grid">
        <TextField
          label="Title"
          error={form.fieldErrors.title}
          value={title}
          placeholder="e.g. Replace filters"
          onChange={setTitle}
          data-testid="plan-title"
        />
        <Field label="Priority of its work orders" error={form.fieldErrors.priority}>
          {(c) => (
            <select {...c} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {humanise(p)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Every … days"
          error={form.fieldErrors.intervalDays}
          hint="Leave empty to go by the meter only"
          inputMode="numeric"
          value={days}
          onChange={setDays}
          data-testid="plan-days"
        />
        {asset.meterUnit ? (
          <TextField
            label={`Every … ${asset.meterUnit}`}
            error={form.fieldErrors.intervalMeter}
            hint="Leave empty to go by the calendar only"
            inputMode="decimal"
            value={meter}
            onChange={setMeter}
            data-testid="plan-meter"
          />
        ) : null}
        <TextField
          label="Estimated hours (optional)"
          error={form.fieldErrors.estimatedHours}
          inputMode="decimal"
          value={hours}
          onChange={setHours}
          data-testid="plan-hours"
        />
        <TextField
          label="Last done (optional)"
          error={form.fieldErrors.lastDoneAt}
          hint={plan ? 'Leave as it is unless the record is wrong' : 'Empty: it counts from today'}
          type="date"
          value={lastDone}
          onChange={setLastDone}
          data-testid="plan-last-done"
        />
      </div>
      <Field
        label="Checklist"
        error={form.fieldErrors.checklist}
        hint="One task per line, in the order they are done; the technician ticks each off"
      >
        {(c) => (
          <textarea
            {...c}
            value={checklist}
            onChange={(e) => setChecklist(e.target.value)}
            data-testid="plan-checklist"
          />
        )}
      </Field>
      <fieldset className="placement">
        <legend>Parts kit</legend>
        <p className="muted">
          Reserved from the bins with the most stock when the plan raises its work order.
        </p>
        {kit.length > 0 ? (
          <ul className="kit-lines" aria-label="Parts in the kit">
            {kit.map((k, i) => (
              <li key={k.itemId} className="kit-line" data-testid="kit-line">
                <span className="kit-line__name">
                  {k.name} <span className="mono muted">{k.sku}</span>
                </span>
                <label className="visually-hidden" htmlFor={`kit-qty-${k.itemId}`}>
                  Quantity of {k.name} ({k.unit})
                </label>
                <input
                  id={`kit-qty-${k.itemId}`}
                  className="input--small"
                  inputMode="numeric"
                  value={k.qty}
                  onChange={(e) => setKit(kit.map((x, j) => (j === i ? { ...x, qty: e.target.value } : x)))}
                  data-testid="kit-qty"
                />
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => setKit(kit.filter((_, j) => j !== i))}
                >
                  Remove<span className="visually-hidden"> {k.name}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No parts yet.</p>
        )}
        <ItemPicker
          label="Add a part"
          chosen={new Set(kit.map((k) => k.itemId))}
          error={form.fieldErrors.kit}
          onPick={(item) =>
            setKit([...kit, { itemId: item.id, name: item.name, sku: item.sku, unit: item.unit, qty: '1' }])
          }
        />
      </fieldset>
      <div className="action-form__footer">
        <button type="submit" className="button button--primary" disabled={pending} data-testid="plan-save">
          {pending ? 'Saving…' : plan ? 'Save plan' : 'Add plan'}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          Cancel
        </button>
        <FormMessage feedback={form.feedback} />
      </div>
    </form>
  );
}
