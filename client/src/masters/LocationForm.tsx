import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  LOCATION_KIND_LABELS,
  MANUAL_LOCATION_KINDS,
  ManualLocationInput,
  type ManualLocationKind,
} from '../../../common/masters/location.ts';
import { Field } from '../components/Field.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { TextField } from '../components/TextField.tsx';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { ManualLocation } from '../lib/types.ts';
import { decimalOrNaN, fieldErrorsOf, wholeOrNaN } from '../lib/validate.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';

type Draft = {
  code: string;
  name: string;
  kind: ManualLocationKind;
  description: string;
  capacity: string;
  placed: boolean;
  floorId: string;
  x: string;
  z: string;
};

const draftOf = (l: ManualLocation | undefined): Draft => ({
  code: l?.code ?? '',
  name: l?.name ?? '',
  kind: l?.kind ?? 'cabinet',
  description: l?.description ?? '',
  capacity: String(l?.capacity ?? 100),
  placed: l ? l.x !== null : false,
  floorId: l?.floorId ?? '',
  x: l?.x === null || l === undefined ? '' : String(l.x),
  z: l?.z === null || l === undefined ? '' : String(l.z),
});

/** A cabinet, room, van or other area: create one, or change one (planners). */
export function LocationForm({ location, onDone }: { location?: ManualLocation; onDone?: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  // Only to offer the floors a place can be on; without a layout nothing can be placed.
  const twin = useQuery(trpc.twin.current.queryOptions(undefined, { staleTime: 60_000, retry: false }));
  const floors = twin.data?.facility.floors ?? [];
  const create = useMutation(trpc.locations.create.mutationOptions());
  const update = useMutation(trpc.locations.update.mutationOptions());
  const [d, setD] = useState<Draft>(() => draftOf(location));
  const form = useFeedback();
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setD((prev) => ({ ...prev, [key]: value }));
  const canPlace = d.kind !== 'van';
  const placed = canPlace && d.placed;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = ManualLocationInput.safeParse({
      code: d.code,
      name: d.name,
      kind: d.kind,
      description: d.description,
      capacity: wholeOrNaN(d.capacity),
      position: placed
        ? { floorId: d.floorId || floors[0]?.id || '', x: decimalOrNaN(d.x), z: decimalOrNaN(d.z) }
        : null,
    });
    if (!parsed.success) {
      form.invalid(fieldErrorsOf(parsed.error.issues));
      return;
    }
    try {
      if (location) await update.mutateAsync({ id: location.id, location: parsed.data });
      else await create.mutateAsync(parsed.data);
      void invalidate.location();
      const what = `${LOCATION_KIND_LABELS[parsed.data.kind]} ${parsed.data.code}`;
      toast.success(location ? `Saved ${what}` : `Created ${what}`);
      if (!location) setD(draftOf(undefined));
      form.reset();
      onDone?.();
    } catch (error) {
      // A refusal about the place (off the floor, no layout) belongs next to the place fields.
      form.failed(error, (path) => path.replace(/^location\./, ''));
    }
  };

  const errors = form.fieldErrors;
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="location-form">
      <div className="form-grid">
        <Field label="Kind" error={errors.kind}>
          {(c) => (
            <select
              {...c}
              value={d.kind}
              onChange={(e) => set('kind')(MANUAL_LOCATION_KINDS.find((k) => k === e.target.value) ?? d.kind)}
              data-testid="location-kind"
            >
              {MANUAL_LOCATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LOCATION_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Code"
          error={errors.code}
          hint="Printed on its label and scanned: letters, digits, dashes"
          className="mono"
          autoCapitalize="characters"
          placeholder="e.g. VAN-2"
          value={d.code}
          onChange={set('code')}
          data-testid="location-code"
        />
        <TextField
          label="Name"
          error={errors.name}
          placeholder="e.g. Service van 2"
          value={d.name}
          onChange={set('name')}
          data-testid="location-name"
        />
        <TextField
          label="Capacity"
          error={errors.capacity}
          hint="Units it can hold"
          inputMode="numeric"
          value={d.capacity}
          onChange={set('capacity')}
        />
        <TextField
          label="Description (optional)"
          error={errors.description}
          fieldClassName="field--wide"
          maxLength={500}
          value={d.description}
          onChange={set('description')}
        />
      </div>
      {canPlace ? (
        <fieldset className="masters-place">
          <legend>Place in the twin</legend>
          <label className="masters-toggle">
            <input
              type="checkbox"
              checked={d.placed}
              disabled={floors.length === 0 && !d.placed}
              onChange={(e) => set('placed')(e.target.checked)}
              data-testid="location-placed"
            />{' '}
            It stands at a point on a floor, so guidance can lead people to it
          </label>
          {floors.length === 0 ? (
            <p className="muted">No facility layout is published yet, so there is no floor to place it on.</p>
          ) : null}
          {placed ? (
            <div className="form-grid">
              <Field label="Floor" error={errors['position.floorId']}>
                {(c) => (
                  <select
                    {...c}
                    value={d.floorId || floors[0]?.id || ''}
                    onChange={(e) => set('floorId')(e.target.value)}
                  >
                    {floors.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.name} ({f.width} × {f.depth} m)
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <TextField
                label="x (m from the left wall)"
                error={errors['position.x'] ?? errors.position}
                inputMode="decimal"
                value={d.x}
                onChange={set('x')}
              />
              <TextField
                label="z (m from the front wall)"
                error={errors['position.z']}
                inputMode="decimal"
                value={d.z}
                onChange={set('z')}
              />
            </div>
          ) : null}
        </fieldset>
      ) : (
        <p className="muted">
          A van moves around, so it has no place in the twin and guidance cannot lead to it.
        </p>
      )}
      <div className="action-form__footer">
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending || update.isPending}
          data-testid="location-submit"
        >
          {create.isPending || update.isPending ? 'Saving…' : location ? 'Save location' : 'Create location'}
        </button>
        {onDone && location ? (
          <button type="button" className="button button--ghost" onClick={onDone}>
            Cancel
          </button>
        ) : null}
        <FormMessage feedback={form.feedback} />
      </div>
    </form>
  );
}
