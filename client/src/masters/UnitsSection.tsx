import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { UnitInput } from '../../../common/masters/catalog.ts';
import { Badge } from '../components/Badge.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { TextField } from '../components/TextField.tsx';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { UnitRow } from '../lib/types.ts';
import { fieldErrorsOf } from '../lib/validate.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { MasterActions } from './MasterActions.tsx';

/** Units of measure: add, change (items and packs follow a new code), archive when unused, restore. */
export function UnitsSection() {
  const trpc = useTRPC();
  const units = useQuery(trpc.units.list.queryOptions());
  return (
    <section className="card" aria-labelledby="units-title">
      <h2 id="units-title" className="card__title">
        Units
      </h2>
      <p className="card__lead">
        Items are counted in a base unit (ea, m, kg) and may come in packs of other units (a box of 100 ea);
        set an item's packs on its edit page.
      </p>
      <UnitForm />
      {units.isPending ? (
        <Loading label="Loading units…" />
      ) : units.isError ? (
        <ErrorState error={units.error} onRetry={() => void units.refetch()} />
      ) : units.data.length === 0 ? (
        <EmptyState title="No units yet" />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="units-table">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Items
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {units.data.map((u) => (
                <UnitLine key={u.id} unit={u} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function UnitForm({ unit, onDone }: { unit?: UnitRow; onDone?: () => void }) {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const create = useMutation(trpc.units.create.mutationOptions());
  const update = useMutation(trpc.units.update.mutationOptions());
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const form = useFeedback();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = UnitInput.safeParse({ code, name });
    if (!parsed.success) {
      form.invalid(fieldErrorsOf(parsed.error.issues));
      return;
    }
    try {
      if (unit) {
        const { items } = await update.mutateAsync({ id: unit.id, unit: parsed.data });
        toast.success(
          unit.code === parsed.data.code
            ? `Saved ${parsed.data.code}`
            : `Changed ${unit.code} to ${parsed.data.code} on ${format.number(items)} item(s)`,
        );
        onDone?.();
      } else {
        await create.mutateAsync(parsed.data);
        form.succeeded(`Added ${parsed.data.code}`);
        setCode('');
        setName('');
      }
      void invalidate.masters();
    } catch (error) {
      form.failed(error, (path) => path.replace(/^unit\./, ''));
    }
  };
  return (
    <form
      className="inline-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={unit ? `Change ${unit.code}` : 'New unit'}
    >
      <TextField
        label={unit ? 'Code' : 'New unit code'}
        error={form.fieldErrors.code}
        className="mono input--small"
        placeholder="e.g. box"
        value={code}
        onChange={setCode}
        data-testid="unit-code"
      />
      <TextField
        label="Name"
        error={form.fieldErrors.name}
        placeholder="e.g. box"
        value={name}
        onChange={setName}
        data-testid="unit-name"
      />
      <div className="inline-form__submit">
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending || update.isPending}
        >
          {unit ? 'Save' : 'Add'}
        </button>
        {unit ? (
          <button type="button" className="button button--ghost" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
      <FormMessage feedback={form.feedback} />
    </form>
  );
}

function UnitLine({ unit }: { unit: UnitRow }) {
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <tr>
        <td colSpan={4}>
          <UnitForm unit={unit} onDone={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="unit-row" data-code={unit.code}>
      <th scope="row" className="mono">
        {unit.code} {unit.archived ? <Badge code="archived" tone="neutral" label="Archived" /> : null}
      </th>
      <td>{unit.name}</td>
      <td className="num">{format.number(unit.items)}</td>
      <td>
        <MasterActions
          kind="units"
          id={unit.id}
          label={unit.code}
          archived={unit.archived}
          editLabel="Change"
          onEdit={() => setEditing(true)}
          question={`Archive the unit ${unit.code}?`}
          detail={<p>Items can no longer be counted or packed in it. You can restore it later.</p>}
          confirmLabel="Archive unit"
        />
      </td>
    </tr>
  );
}
