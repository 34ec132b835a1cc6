import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Link } from 'wouter';
import { applyEdits, type LayoutEdit, rackCentre } from '../../../common/layout/edits.ts';
import { Badge } from '../components/Badge.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RoleGate } from '../components/RoleGate.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useIdParam } from '../hooks/useIdParam.ts';
import { errorMessage } from '../lib/errors.ts';
import { ComparisonTable, DistanceHistogram } from '../planner/Comparison.tsx';
import { type EditHistory, historyReducer, SNAP_ROTATION, snap } from '../planner/history.ts';
import { HeatmapTiles, RackHandle } from '../planner/PlannerScene.tsx';
import { JobRunner } from '../planner/SimulationPanel.tsx';
import { toast } from '../state/toasts.ts';
import { type Outputs, useTRPC } from '../trpc.ts';
import { buildLayout } from '../twin/layout.ts';
import { twinActions, useTwin } from '../twin/store.ts';
import { TwinCanvas } from '../twin/TwinScene.tsx';

type Scenario = Outputs['scenarios']['get'];

/** `/planner/:id`: edit a scenario in 3D, simulate it against the base layout, compare, publish. */
export function ScenarioPage() {
  return (
    <RoleGate audience="planners" title="Scenario">
      <ScenarioView />
    </RoleGate>
  );
}

function ScenarioView() {
  const id = useIdParam();
  useDocumentTitle(id ? `Scenario #${id}` : 'Scenario');
  const trpc = useTRPC();
  const scenario = useQuery(trpc.scenarios.get.queryOptions({ id: id ?? 0 }, { enabled: id !== null }));
  useEffect(() => () => twinActions.reset(), []);
  const header = (
    <PageHeader title={scenario.data?.name ?? 'Scenario'} back={{ href: '/planner', label: 'Planner' }} />
  );
  if (id === null || scenario.isError) {
    return (
      <div className="page">
        {header}
        <ErrorState
          error={scenario.error ?? new Error('That is not a scenario number.')}
          title="The scenario could not be loaded"
        />
      </div>
    );
  }
  if (!scenario.data) {
    return (
      <div className="page">
        {header}
        <Loading label="Loading the scenario…" />
      </div>
    );
  }
  return <ScenarioEditor key={scenario.data.id} scenario={scenario.data} />;
}

const NUDGE_M = 0.5;

function ScenarioEditor({ scenario }: { scenario: Scenario }) {
  const format = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [history, dispatch] = useReducer(historyReducer<LayoutEdit>, {
    edits: scenario.edits,
    undone: [],
  } satisfies EditHistory<LayoutEdit>);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const [rackId, setRackId] = useState<string>('');
  const [heat, setHeat] = useState<'none' | 'base' | 'scenario'>('none');
  const draft = scenario.status === 'draft';
  const base = scenario.base;

  // Reloaded from the server (a slotting job added item moves): start the history from there.
  const serverEdits = JSON.stringify(scenario.edits);
  const lastServer = useRef(serverEdits);
  useEffect(() => {
    if (serverEdits === lastServer.current) return;
    lastServer.current = serverEdits;
    dispatch({ type: 'reset', edits: scenario.edits });
  }, [serverEdits, scenario.edits]);

  const outcome = useMemo(
    () => applyEdits(base, history.edits, scenario.rules),
    [base, history.edits, scenario.rules],
  );
  const facility = outcome.ok ? outcome.facility : base;
  const layout = useMemo(() => buildLayout(facility), [facility]);
  const rack = facility.racks.find((r) => r.id === rackId) ?? null;
  const elevation = facility.floors[0]?.elevation ?? 0;

  // Clicking a bin in the 3D view selects its rack.
  const selectedBin = useTwin((s) => s.selected);
  useEffect(() => {
    if (selectedBin === null) return;
    const idx = layout.binIndex.get(selectedBin);
    const bin = idx === undefined ? undefined : layout.bins[idx];
    if (bin) setRackId(bin.rackId);
  }, [selectedBin, layout]);

  // Every change of the edit list is saved (the server validates it again); the effect depends on
  // the list only, so a re-render while a save is in flight does not send it twice.
  const save = useMutation(trpc.scenarios.update.mutationOptions());
  const saveRef = useRef(save.mutate);
  saveRef.current = save.mutate;
  const meta = useRef({ id: scenario.id, name: scenario.name, notes: scenario.notes });
  useEffect(() => {
    const text = JSON.stringify(history.edits);
    if (text === lastServer.current) return;
    lastServer.current = text;
    saveRef.current(
      { ...meta.current, edits: [...history.edits] },
      {
        onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.scenarios.list.queryKey() }),
        onError: (e) => toast.error(`Not saved: ${errorMessage(e)}`),
      },
    );
  }, [history.edits, queryClient, trpc]);

  /** Checks an edit against the whole list the same way the server will, and keeps it if it passes. */
  const propose = (edit: LayoutEdit) => {
    const next = applyEdits(base, [...history.edits, edit], scenario.rules);
    if (!next.ok) {
      setRefusal(next.reasons);
      return;
    }
    setRefusal(null);
    dispatch({ type: 'push', edit });
  };
  const moveTo = (x: number, z: number) => {
    if (rack) propose({ kind: 'moveRack', rackId: rack.id, x: snap(x), z: snap(z) });
  };
  const nudge = (dx: number, dz: number) => {
    if (!rack) return;
    const c = rackCentre(rack);
    moveTo(c.x + dx, c.z + dz);
  };
  const rotate = (turn: number) => {
    if (!rack) return;
    const r = Math.round((rack.origin.rotationY + turn) / SNAP_ROTATION) * SNAP_ROTATION;
    propose({ kind: 'rotateRack', rackId: rack.id, rotationY: Math.atan2(Math.sin(r), Math.cos(r)) });
  };

  const publish = useMutation(trpc.scenarios.publish.mutationOptions());
  const simulation = scenario.simulation;
  const heatmap =
    heat === 'base' ? simulation?.base.heatmap : heat === 'scenario' ? simulation?.scenario.heatmap : null;

  return (
    <div className="page page--wide">
      <PageHeader
        title={scenario.name}
        subtitle={`By ${scenario.author ?? 'unknown'}, ${format.dateTime(scenario.createdAt)} · base revision ${scenario.baseRevisionId}`}
        back={{ href: '/planner', label: 'Planner' }}
        actions={
          draft ? (
            <ConfirmButton
              question="Publish this layout as the live twin?"
              detail="A new twin revision is published and a relocation work order lists the stock to move. This cannot be undone from here."
              confirmLabel="Publish"
              className="button button--primary"
              testId="planner-publish"
              disabled={!scenario.baseIsCurrent || save.isPending || publish.isPending}
              onConfirm={() =>
                publish.mutate(
                  { id: scenario.id },
                  {
                    onSuccess: (r) => {
                      toast.success(
                        `Published revision ${r.revisionId}; work order #${r.workOrderId} lists ${r.transfers} transfer(s)`,
                      );
                      void queryClient.invalidateQueries({
                        queryKey: trpc.scenarios.get.queryKey({ id: scenario.id }),
                      });
                      void queryClient.invalidateQueries({ queryKey: trpc.twin.current.queryKey() });
                    },
                    onError: (e) => toast.error(errorMessage(e)),
                  },
                )
              }
            >
              Publish layout
            </ConfirmButton>
          ) : (
            <Badge code="applied" tone="success" label="Published" />
          )
        }
      />
      {scenario.notes ? <p className="muted">{scenario.notes}</p> : null}
      {!scenario.baseIsCurrent && draft ? (
        <p className="form-message form-message--warning" role="status">
          The live layout has changed since this scenario was started; it can still be simulated but not
          published.
        </p>
      ) : null}
      {scenario.workOrderId !== null ? (
        <p role="status" data-testid="planner-applied">
          Published as revision {scenario.appliedRevisionId}; relocation in{' '}
          <Link href={`/work-orders/${scenario.workOrderId}`}>work order #{scenario.workOrderId}</Link> (
          {scenario.transfers.length} transfer(s)).
        </p>
      ) : null}

      {scenario.transfers.length > 0 ? (
        <details className="card">
          <summary>Relocation list ({scenario.transfers.length} transfers)</summary>
          <table className="table" data-testid="planner-transfers">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Lot</th>
                <th scope="col">Qty</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {scenario.transfers.map((t) => (
                <tr key={`${t.itemId}|${t.lot}|${t.from}`}>
                  <td>
                    {t.sku} {t.name}
                  </td>
                  <td>{t.lot || '—'}</td>
                  <td>{format.number(t.qty)}</td>
                  <td>{t.from}</td>
                  <td>{t.to}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}

      <div className="planner-layout">
        <div className="planner-stage" data-testid="planner-stage">
          <TwinCanvas layout={layout}>
            {draft ? <RackHandle rack={rack} elevation={elevation} onDrop={moveTo} /> : null}
            {heatmap ? <HeatmapTiles heatmap={heatmap} elevation={elevation} /> : null}
          </TwinCanvas>
        </div>
        <aside className="planner-side">
          <section className="card" aria-label="Edit the layout">
            <h2 className="card__title">Edit the layout</h2>
            <label className="field">
              <span className="field__label">Rack</span>
              <select value={rackId} onChange={(e) => setRackId(e.target.value)} data-testid="planner-rack">
                <option value="">Choose a rack, or click one in the view</option>
                {facility.racks.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.id} (aisle {r.aisle})
                  </option>
                ))}
              </select>
            </label>
            {rack ? (
              <p className="muted" data-testid="planner-rack-position">
                Centre x {rackCentre(rack).x.toFixed(2)} m, z {rackCentre(rack).z.toFixed(2)} m, heading{' '}
                {Math.round((rack.origin.rotationY * 180) / Math.PI)}°. Drag the orange box to move it (10 cm
                snap).
              </p>
            ) : null}
            <fieldset className="planner-row planner-fieldset" aria-label="Move and turn the rack">
              <button
                type="button"
                className="button"
                disabled={!draft || !rack}
                onClick={() => nudge(-NUDGE_M, 0)}
                data-testid="planner-nudge-left"
              >
                ← x
              </button>
              <button
                type="button"
                className="button"
                disabled={!draft || !rack}
                onClick={() => nudge(NUDGE_M, 0)}
                data-testid="planner-nudge-right"
              >
                x →
              </button>
              <button
                type="button"
                className="button"
                disabled={!draft || !rack}
                onClick={() => nudge(0, -NUDGE_M)}
                data-testid="planner-nudge-up"
              >
                ↑ z
              </button>
              <button
                type="button"
                className="button"
                disabled={!draft || !rack}
                onClick={() => nudge(0, NUDGE_M)}
                data-testid="planner-nudge-down"
              >
                z ↓
              </button>
              <button
                type="button"
                className="button"
                disabled={!draft || !rack}
                onClick={() => rotate(SNAP_ROTATION)}
                data-testid="planner-rotate"
              >
                Turn 90°
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={!draft || !rack}
                onClick={() => rack && propose({ kind: 'removeRack', rackId: rack.id })}
                data-testid="planner-remove"
              >
                Remove
              </button>
            </fieldset>
            <div className="planner-row">
              <button
                type="button"
                className="button"
                disabled={!draft || history.edits.length === 0}
                onClick={() => dispatch({ type: 'undo' })}
                data-testid="planner-undo"
              >
                Undo
              </button>
              <button
                type="button"
                className="button"
                disabled={!draft || history.undone.length === 0}
                onClick={() => dispatch({ type: 'redo' })}
                data-testid="planner-redo"
              >
                Redo
              </button>
              <span className="muted" data-testid="planner-edit-count">
                {history.edits.length} edit(s){save.isPending ? ', saving…' : ''}
              </span>
            </div>
            <AisleWidth
              aisles={facility.aisles.filter((a) => a.kind === 'aisle')}
              disabled={!draft}
              onApply={(aisleId, width) => propose({ kind: 'setAisleWidth', aisleId, width })}
            />
            {refusal ? (
              <div className="form-message form-message--error" role="alert" data-testid="planner-refused">
                That edit was refused: {refusal.join('; ')}
              </div>
            ) : null}
          </section>
          <JobRunner
            scenarioId={scenario.id}
            disabled={save.isPending}
            onDone={(kind) => {
              if (kind === 'slotting') toast.success('Slotting moves added to the scenario');
              else toast.success('Simulation finished');
            }}
          />
        </aside>
      </div>

      {simulation ? (
        <section className="card" aria-label="Comparison">
          <h2 className="card__title">Base layout and scenario</h2>
          <p>
            Pick-list walking {simulation.saving >= 0 ? 'saved' : 'added'}:{' '}
            <strong data-testid="planner-saving">
              {Math.abs(Math.round(simulation.saving * 1000) / 10)}%
            </strong>{' '}
            ({format.number(simulation.base.pickLists)} pick lists, {format.number(simulation.base.orders)}{' '}
            orders).
          </p>
          <ComparisonTable simulation={simulation} />
          <DistanceHistogram simulation={simulation} />
          <label className="field">
            <span className="field__label">Heatmap in the 3D view (where pickers stood)</span>
            <select
              value={heat}
              onChange={(e) => setHeat(e.target.value as typeof heat)}
              data-testid="planner-heatmap"
            >
              <option value="none">None</option>
              <option value="base">Base layout</option>
              <option value="scenario">Scenario</option>
            </select>
          </label>
        </section>
      ) : null}
    </div>
  );
}

/** Sets a rack aisle's width; the racks facing it move out or in by half the change each. */
function AisleWidth({
  aisles,
  disabled,
  onApply,
}: {
  aisles: { id: string; letter?: string | undefined; footprint: { width: number; depth: number } }[];
  disabled: boolean;
  onApply: (aisleId: string, width: number) => void;
}) {
  const [aisleId, setAisleId] = useState('');
  const [width, setWidth] = useState('');
  const aisle = aisles.find((a) => a.id === aisleId);
  const current = aisle ? Math.min(aisle.footprint.width, aisle.footprint.depth) : null;
  return (
    <div className="planner-row">
      <label className="field">
        <span className="field__label">Aisle width</span>
        <select
          value={aisleId}
          onChange={(e) => {
            setAisleId(e.target.value);
            const a = aisles.find((x) => x.id === e.target.value);
            setWidth(a ? String(Math.min(a.footprint.width, a.footprint.depth)) : '');
          }}
          data-testid="planner-aisle"
        >
          <option value="">Choose an aisle</option>
          {aisles.map((a) => (
            <option key={a.id} value={a.id}>
              Aisle {a.letter ?? a.id}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Metres{current !== null ? ` (now ${current})` : ''}</span>
        <input
          type="number"
          step={0.1}
          min={0.5}
          value={width}
          onChange={(e) => setWidth(e.target.value)}
          data-testid="planner-aisle-width"
        />
      </label>
      <button
        type="button"
        className="button"
        disabled={disabled || aisle === undefined || !(Number(width) > 0)}
        onClick={() => onApply(aisleId, snap(Number(width)))}
        data-testid="planner-aisle-apply"
      >
        Set width
      </button>
    </div>
  );
}
