import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PRIORITIES, type Priority } from '../../../common/work-order-status.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { fromDateInput, humanise } from '../lib/format.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';

type WorkOrderFormProps = {
  /** Fixes the asset (creating from an asset's page). */
  asset?: { id: number; name: string };
  onCreated: (id: number) => void;
  onCancel?: () => void;
};

const FIELD_FOR: Record<string, string> = {
  title: 'title',
  description: 'description',
  assetId: 'asset',
  priority: 'priority',
  dueAt: 'due',
};

/** Report a job: what, on which asset, how urgent, by when. */
export function WorkOrderForm({ asset, onCreated, onCancel }: WorkOrderFormProps) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const assets = useQuery(trpc.assets.list.queryOptions({}, { enabled: asset === undefined }));
  const create = useMutation(trpc.workOrders.create.mutationOptions());
  const form = useFeedback();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [assetId, setAssetId] = useState(asset ? String(asset.id) : '');
  const [priority, setPriority] = useState<Priority>('medium');
  const [due, setDue] = useState('');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (title.trim().length < 3) errors.title = 'Give it a title of at least 3 characters';
    const dueAt = due ? fromDateInput(due) : undefined;
    if (due && dueAt === undefined) errors.due = 'Enter a valid date';
    if (Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    try {
      const { id } = await create.mutateAsync({
        title: title.trim(),
        priority,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(assetId ? { assetId: Number(assetId) } : {}),
        ...(dueAt !== undefined ? { dueAt } : {}),
      });
      void invalidate.workOrder(id);
      onCreated(id);
    } catch (error) {
      form.failed(error, (path) => FIELD_FOR[path]);
    }
  };

  return (
    <form
      className="form"
      onSubmit={onSubmit}
      noValidate
      aria-label="New work order"
      data-testid="work-order-form"
    >
      <div className="form-grid">
        <Field label="Title" error={form.fieldErrors.title} className="field--wide">
          {(c) => (
            <input
              {...c}
              value={title}
              maxLength={200}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="e.g. Replace drive belt"
            />
          )}
        </Field>
        <Field label="Description (optional)" error={form.fieldErrors.description} className="field--wide">
          {(c) => (
            <textarea
              {...c}
              rows={3}
              maxLength={5000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
        {asset ? null : (
          <Field label="Asset (optional)" error={form.fieldErrors.asset}>
            {(c) => (
              <select {...c} value={assetId} onChange={(e) => setAssetId(e.target.value)}>
                <option value="">No particular asset</option>
                {(assets.data ?? []).map((a) => (
                  <option key={a.id} value={String(a.id)}>
                    {a.tag} — {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Priority" error={form.fieldErrors.priority}>
          {(c) => (
            <select
              {...c}
              value={priority}
              onChange={(e) => setPriority(PRIORITIES.find((p) => p === e.target.value) ?? 'medium')}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {humanise(p)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Due (optional)" error={form.fieldErrors.due}>
          {(c) => <input {...c} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
        </Field>
      </div>
      <div className="action-form__footer">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending
            ? 'Creating…'
            : asset
              ? `Create work order for ${asset.name}`
              : 'Create work order'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <FormMessage feedback={form.feedback} />
      </div>
    </form>
  );
}
