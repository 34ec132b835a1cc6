import { lazy, Suspense } from 'react';
import type { PlacementKind, TwinSpot } from '../../../common/masters/asset.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { Field } from './Field.tsx';
import { Loading } from './Loading.tsx';

// three.js and the scene load only when someone places an asset in the 3D view.
const AssetSpotPicker = lazy(() =>
  import('../twin/AssetSpotPicker.tsx').then((m) => ({ default: m.AssetSpotPicker })),
);

/** The placement as the form edits it: text, as typed. Rotation is in degrees. */
export type PlacementDraft = {
  kind: PlacementKind;
  floorId: string;
  x: string;
  z: string;
  width: string;
  depth: string;
  rotation: string;
  bin: string;
  zoneId: string;
};

const KINDS: { kind: PlacementKind; label: string; hint: string }[] = [
  { kind: 'none', label: 'Not placed', hint: 'Guidance cannot take anyone to it.' },
  { kind: 'twin', label: 'A spot in the 3D view', hint: 'Where it stands on the floor.' },
  { kind: 'bin', label: 'Kept at a bin', hint: 'Small equipment stored on a shelf.' },
  { kind: 'zone', label: 'In a zone', hint: 'Somewhere in an area of the building.' },
];

type Props = {
  draft: PlacementDraft;
  onChange: (next: PlacementDraft) => void;
  /** The current layout, or null when none is published (then only a bin or nothing). */
  facility: Facility | null;
  /** The spot as typed so far, when it can be drawn. */
  spot: TwinSpot | null;
  /** Why the spot is refused (empty when it fits). */
  problems: readonly string[];
  errors: FieldErrors;
};

/** Where the asset is: a spot picked in the 3D twin, a bin, a zone, or nowhere yet. */
export function AssetPlacementField({ draft, onChange, facility, spot, problems, errors }: Props) {
  const set = (patch: Partial<PlacementDraft>) => onChange({ ...draft, ...patch });
  const noTwin = facility === null;
  const number = (key: 'x' | 'z' | 'width' | 'depth' | 'rotation', label: string, hint?: string) => (
    <Field label={label} error={errors[key]} hint={hint}>
      {(c) => (
        <input
          {...c}
          inputMode="decimal"
          value={draft[key]}
          onChange={(e) => set({ [key]: e.target.value })}
          data-testid={`placement-${key}`}
        />
      )}
    </Field>
  );
  return (
    <fieldset className="placement" aria-describedby={errors.placement ? 'placement-error' : undefined}>
      <legend>Where it is</legend>
      <div className="placement__kinds" role="radiogroup" aria-label="Where it is">
        {KINDS.map((k) => {
          const disabled = noTwin && (k.kind === 'twin' || k.kind === 'zone');
          return (
            <label
              key={k.kind}
              className={`placement__kind${draft.kind === k.kind ? ' placement__kind--on' : ''}`}
            >
              <input
                type="radio"
                name="placement-kind"
                value={k.kind}
                checked={draft.kind === k.kind}
                disabled={disabled}
                onChange={() => set({ kind: k.kind })}
                data-testid={`placement-kind-${k.kind}`}
              />
              <span>
                <strong>{k.label}</strong>
                <span className="muted">{disabled ? 'No layout has been published yet.' : k.hint}</span>
              </span>
            </label>
          );
        })}
      </div>

      {draft.kind === 'twin' && facility !== null ? (
        <div className="placement__twin">
          {facility.floors.length > 1 ? (
            <Field label="Floor" error={errors.floorId}>
              {(c) => (
                <select {...c} value={draft.floorId} onChange={(e) => set({ floorId: e.target.value })}>
                  {facility.floors.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name || f.id}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <Suspense fallback={<Loading label="Loading the 3D view…" />}>
            <AssetSpotPicker
              facility={facility}
              floorId={draft.floorId}
              spot={spot}
              fits={problems.length === 0}
              onPick={(x, z) => set({ x: String(x), z: String(z) })}
            />
          </Suspense>
          <div className="form-grid placement__numbers">
            {number('x', 'X (m)', 'Across the floor; clicking the view fills it')}
            {number('z', 'Z (m)', 'Along the floor')}
            {number('width', 'Width (m)')}
            {number('depth', 'Depth (m)')}
            {number('rotation', 'Rotation (°)', 'Turns it about its centre')}
          </div>
          {spot === null ? null : problems.length === 0 ? (
            <p
              className="placement__verdict placement__verdict--ok"
              role="status"
              data-testid="placement-fits"
            >
              It fits here.
            </p>
          ) : (
            <p
              className="placement__verdict placement__verdict--refused"
              role="alert"
              data-testid="placement-refused"
            >
              Not here: {problems.join('; ')}
            </p>
          )}
        </div>
      ) : null}

      {draft.kind === 'bin' ? (
        <Field label="Bin code" error={errors.bin} hint="The bin it is kept at, e.g. A-01-1">
          {(c) => (
            <input
              {...c}
              className="mono"
              value={draft.bin}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set({ bin: e.target.value })}
              data-testid="placement-bin"
            />
          )}
        </Field>
      ) : null}

      {draft.kind === 'zone' && facility !== null ? (
        <Field label="Zone" error={errors.zoneId}>
          {(c) => (
            <select
              {...c}
              value={draft.zoneId}
              onChange={(e) => set({ zoneId: e.target.value })}
              data-testid="placement-zone"
            >
              <option value="">Choose a zone…</option>
              {facility.zones.map((zone) => (
                <option key={zone.id} value={zone.id}>
                  {zone.name || zone.id}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}

      {errors.placement ? (
        <p className="field__error" id="placement-error" role="alert" data-testid="placement-error">
          {errors.placement}
        </p>
      ) : null}
    </fieldset>
  );
}
