import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import {
  ASSET_STATUSES,
  AssetInputSchema,
  CRITICALITIES,
  type PlacementInput,
  type TwinSpot,
} from '../../../common/masters/asset.ts';
import { spotProblems } from '../../../common/masters/asset-placement.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorCode, type FieldErrors } from '../lib/errors.ts';
import { humanise } from '../lib/format.ts';
import type { AssetDetail } from '../lib/types.ts';
import { parseOptionalNumber, schemaErrors } from '../lib/validate.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { AssetPlacementField, type PlacementDraft } from './AssetPlacementField.tsx';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';
import { TextField } from './TextField.tsx';
import './AssetForm.css';

type Draft = {
  tag: string;
  name: string;
  aliases: string;
  type: string;
  category: string;
  criticality: (typeof CRITICALITIES)[number];
  make: string;
  model: string;
  serial: string;
  installedOn: string;
  meterUnit: string;
  meterValue: string;
  status: (typeof ASSET_STATUSES)[number];
};

const draftOf = (a: AssetDetail | undefined): Draft => ({
  tag: a?.tag ?? '',
  name: a?.name ?? '',
  aliases: a?.aliases.join(', ') ?? '',
  type: a?.type ?? '',
  category: a?.category ?? '',
  criticality: a?.criticality ?? 'medium',
  make: a?.make ?? '',
  model: a?.model ?? '',
  serial: a?.serial ?? '',
  installedOn: a?.installedOn ?? '',
  meterUnit: a?.meterUnit ?? '',
  meterValue: a?.meterUnit ? String(a.meterValue) : '0',
  status: a?.status ?? 'running',
});

const round = (v: number) => String(Math.round(v * 100) / 100);

function placementDraftOf(a: AssetDetail | undefined, facility: Facility | null): PlacementDraft {
  const p = a?.placement ?? { kind: 'none' as const };
  const base: PlacementDraft = {
    kind: p.kind,
    floorId: facility?.floors[0]?.id ?? '',
    x: '',
    z: '',
    width: '1',
    depth: '1',
    rotation: '0',
    bin: '',
    zoneId: '',
  };
  switch (p.kind) {
    case 'twin':
      return {
        ...base,
        floorId: p.floorId,
        x: round(p.x),
        z: round(p.z),
        width: round(p.width),
        depth: round(p.depth),
        rotation: round((p.rotationY * 180) / Math.PI),
      };
    case 'bin':
      return { ...base, bin: p.code };
    case 'zone':
      return { ...base, zoneId: p.zoneId };
    case 'none':
      return base;
  }
}

/** The spot as typed, or why it cannot be read; `null` spot while X or Z is still empty. */
function spotOfDraft(
  d: PlacementDraft,
  initial: TwinSpot | null,
): { spot: TwinSpot | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const read = (key: 'x' | 'z' | 'width' | 'depth' | 'rotation', label: string) => {
    const r = parseOptionalNumber(d[key], label);
    if (!r.ok) errors[key] = r.error;
    return r.ok ? r.value : null;
  };
  const x = read('x', 'X');
  const z = read('z', 'Z');
  const width = read('width', 'the width');
  const depth = read('depth', 'the depth');
  const degrees = read('rotation', 'the rotation') ?? 0;
  if (x === null || z === null || width === null || depth === null) return { spot: null, errors };
  const spot = { floorId: d.floorId, x, z, width, depth, rotationY: (degrees * Math.PI) / 180 };
  // Unchanged numbers give back the spot exactly (degrees do not round-trip), so nothing is republished.
  const same =
    initial !== null &&
    d.floorId === initial.floorId &&
    d.x === round(initial.x) &&
    d.z === round(initial.z) &&
    d.width === round(initial.width) &&
    d.depth === round(initial.depth) &&
    d.rotation === round((initial.rotationY * 180) / Math.PI);
  return { spot: same ? initial : spot, errors };
}

/** Server input paths ("tag", "asset.placement.x") to this form's fields. */
function fieldFor(path: string): string | undefined {
  const p = path.replace(/^asset\./, '');
  if (p.startsWith('placement.')) {
    const key = p.slice('placement.'.length);
    if (key === 'rotationY') return 'rotation';
    if (key === 'locationId') return 'bin';
    return ['x', 'z', 'width', 'depth', 'floorId', 'zoneId'].includes(key) ? key : 'placement';
  }
  if (p === 'placement') return 'placement';
  return p.split('.')[0];
}

/** Register an asset, or change one (planners): its register fields and where it is. */
export function AssetForm({ asset }: { asset?: AssetDetail }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const invalidate = useInvalidate();
  const twin = useQuery(trpc.twin.current.queryOptions(undefined, { staleTime: 60_000 }));
  const facility = twin.data?.facility ?? null;
  const create = useMutation(trpc.assets.create.mutationOptions());
  const update = useMutation(trpc.assets.update.mutationOptions());
  const form = useFeedback();
  const [d, setD] = useState<Draft>(() => draftOf(asset));
  const [placement, setPlacement] = useState<PlacementDraft | null>(null);
  const pending = create.isPending || update.isPending;
  const set = (key: keyof Draft) => (value: string) => setD((prev) => ({ ...prev, [key]: value }));

  // The placement draft waits for the layout, so a new asset starts on its first floor.
  const p = placement ?? placementDraftOf(asset, facility);
  const initialSpot = asset?.placement.kind === 'twin' ? asset.placement : null;
  const typed = useMemo(() => spotOfDraft(p, initialSpot), [p, initialSpot]);
  const problems = useMemo(
    () =>
      typed.spot && facility ? spotProblems(facility, typed.spot, [d.tag.trim(), asset?.tag ?? '']) : [],
    [typed.spot, facility, d.tag, asset?.tag],
  );

  const resolveBin = async (
    code: string,
  ): Promise<{ ok: true; id: number } | { ok: false; error: string }> => {
    if (code === '') return { ok: false, error: 'Type the code of the bin it is kept at' };
    try {
      const bin = await qc.fetchQuery(trpc.locations.get.queryOptions({ code }, { staleTime: 60_000 }));
      return { ok: true, id: bin.id };
    } catch (error) {
      if (errorCode(error) === 'NOT_FOUND') return { ok: false, error: `No bin has the code ${code}` };
      throw error;
    }
  };

  const placementInput = async (): Promise<{ input: PlacementInput | null; errors: FieldErrors }> => {
    switch (p.kind) {
      case 'none':
        return { input: { kind: 'none' }, errors: {} };
      case 'twin': {
        if (typed.spot === null) {
          const errors = { ...typed.errors };
          if (Object.keys(errors).length === 0)
            errors.placement = 'Click the floor in the 3D view where it stands, or type X and Z';
          return { input: null, errors };
        }
        if (problems.length > 0)
          return { input: null, errors: { placement: `Not here: ${problems.join('; ')}` } };
        return { input: { kind: 'twin', ...typed.spot }, errors: {} };
      }
      case 'bin': {
        const bin = await resolveBin(p.bin.trim().toUpperCase());
        return bin.ok
          ? { input: { kind: 'bin', locationId: bin.id }, errors: {} }
          : { input: null, errors: { bin: bin.error } };
      }
      case 'zone':
        return p.zoneId
          ? { input: { kind: 'zone', zoneId: p.zoneId }, errors: {} }
          : { input: null, errors: { zoneId: 'Choose the zone it is in' } };
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const reading = d.meterUnit.trim() ? parseOptionalNumber(d.meterValue, 'the reading') : null;
    if (reading && !reading.ok) errors.meterValue = reading.error;
    let placed: Awaited<ReturnType<typeof placementInput>>;
    try {
      placed = await placementInput();
    } catch (error) {
      form.failed(error);
      return;
    }
    const parsed = AssetInputSchema.safeParse({
      tag: d.tag,
      name: d.name,
      aliases: d.aliases
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      type: d.type,
      category: d.category,
      criticality: d.criticality,
      make: d.make,
      model: d.model,
      serial: d.serial,
      installedOn: d.installedOn.trim() || null,
      meterUnit: d.meterUnit.trim() || null,
      meterValue: reading?.ok ? (reading.value ?? 0) : 0,
      status: d.status,
      placement: placed.input ?? { kind: 'none' },
    });
    Object.assign(errors, placed.errors, parsed.success ? {} : schemaErrors(parsed.error.issues, fieldFor));
    if (!parsed.success || Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    try {
      const { id } = asset
        ? await update.mutateAsync({ id: asset.id, asset: parsed.data })
        : await create.mutateAsync(parsed.data);
      void invalidate.asset(id);
      // The asset page must open on the saved values and the layout they may have published.
      await Promise.all([
        qc.refetchQueries(trpc.assets.get.queryFilter({ id })),
        p.kind === 'twin' || asset?.placement.kind === 'twin' ? invalidate.twin() : Promise.resolve(),
      ]);
      toast.success(asset ? `Saved ${parsed.data.name}` : `Registered ${parsed.data.name}`);
      navigate(`/assets/${id}`);
    } catch (error) {
      form.failed(error, fieldFor);
    }
  };

  const text = (
    key: keyof Draft,
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
      data-testid={`asset-${key}`}
    />
  );

  return (
    <form
      className="card form asset-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={asset ? 'Edit asset' : 'New asset'}
    >
      <div className="form-grid">
        {text('tag', 'Register tag', {
          mono: true,
          placeholder: 'e.g. P-101',
          hint: 'Unique; letters, digits, - . / _',
        })}
        {text('name', 'Name', { placeholder: 'e.g. Chilled water pump 1' })}
        {text('type', 'Type', { placeholder: 'e.g. Centrifugal pump' })}
        {text('category', 'Category', { placeholder: 'e.g. Pumps' })}
        <Field
          label="Criticality"
          error={form.fieldErrors.criticality}
          hint="How much it matters when it stops"
        >
          {(c) => (
            <select {...c} value={d.criticality} onChange={(e) => set('criticality')(e.target.value)}>
              {CRITICALITIES.map((v) => (
                <option key={v} value={v}>
                  {humanise(v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status" error={form.fieldErrors.status}>
          {(c) => (
            <select {...c} value={d.status} onChange={(e) => set('status')(e.target.value)}>
              {ASSET_STATUSES.map((v) => (
                <option key={v} value={v}>
                  {humanise(v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('aliases', 'Other names', {
          hint: 'Comma-separated: what people call it (voice understands these)',
        })}
        {text('make', 'Make (optional)')}
        {text('model', 'Model (optional)')}
        {text('serial', 'Serial number (optional)', { mono: true })}
        <TextField
          label="Installed on (optional)"
          error={form.fieldErrors.installedOn}
          type="date"
          value={d.installedOn}
          onChange={set('installedOn')}
          data-testid="asset-installedOn"
        />
        {text('meterUnit', 'Meter unit (optional)', {
          placeholder: 'e.g. hours, km, cycles',
          hint: 'Leave empty if it has no meter',
        })}
        {d.meterUnit.trim()
          ? text('meterValue', 'Meter reading', { hint: 'A reading can only go up' })
          : null}
      </div>
      <AssetPlacementField
        draft={p}
        onChange={setPlacement}
        facility={facility}
        spot={p.kind === 'twin' ? typed.spot : null}
        problems={problems}
        errors={form.fieldErrors}
      />
      <div className="action-form__footer">
        <button type="submit" className="button button--primary" disabled={pending} data-testid="asset-save">
          {pending ? 'Saving…' : asset ? 'Save changes' : 'Register asset'}
        </button>
        <FormMessage feedback={form.feedback} />
      </div>
    </form>
  );
}
