import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { DerivedBin } from '../../../twin-models/geometry.ts';
import { BinContents } from '../components/BinContents.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { errorCode, errorMessage } from '../lib/errors.ts';
import { type Outputs, useTRPC } from '../trpc.ts';
import { EMPTY_SWATCH, fillOf, HEATMAP_LEGENDS } from '../twin/colors.ts';
import { TwinFiles } from '../twin/export/TwinFiles.tsx';
import { buildLayout, framing, overview, type TwinLayout } from '../twin/layout.ts';
import { type RouteEnd, useRoute } from '../twin/route.ts';
import { type HeatmapMode, twinActions, useTwin } from '../twin/store.ts';
import { TwinCanvas } from '../twin/TwinScene.tsx';

type Revision = Outputs['twin']['current'];

/** `/twin`: the published layout in 3D, with item search, routes, heatmaps and bin details. */
export function TwinPage() {
  const trpc = useTRPC();
  useDocumentTitle('Twin');
  const current = useQuery(trpc.twin.current.queryOptions(undefined, { staleTime: 60_000 }));
  useEffect(() => () => twinActions.reset(), []);

  if (current.isPending) {
    return (
      <div className="page page--wide">
        <PageHeader title="Digital twin" />
        <Loading label="Loading the facility layout…" />
      </div>
    );
  }
  if (current.isError) {
    return (
      <div className="page page--wide">
        <PageHeader title="Digital twin" />
        {errorCode(current.error) === 'NOT_FOUND' ? (
          <div data-testid="twin-empty">
            <EmptyState title="No facility layout has been published yet">
              <p>
                The 3D view shows the building once a planner publishes its layout (the facility document with
                floors, racks and docks). Ask a planner to publish one; this page updates when they do.
              </p>
            </EmptyState>
          </div>
        ) : (
          <ErrorState
            error={current.error}
            title="The layout could not be loaded"
            onRetry={() => void current.refetch()}
          />
        )}
      </div>
    );
  }
  return <TwinView revision={current.data} />;
}

type ItemBin = { code: string; onHand: number; bin: DerivedBin; index: number };

function startPoint(layout: TwinLayout, facility: Revision['facility'], start: string) {
  const [kind, code] = splitStart(start);
  if (kind === 'dock') {
    const dock = layout.docks.find((d) => d.code === code);
    return dock ? { x: dock.x, z: dock.z } : null;
  }
  const marker = facility.markers.find((m) => m.code === code);
  return marker ? { x: marker.pose.position.x, z: marker.pose.position.z } : null;
}

function splitStart(start: string): ['dock' | 'marker', string] {
  const i = start.indexOf(':');
  return [start.slice(0, i) === 'marker' ? 'marker' : 'dock', start.slice(i + 1)];
}

function TwinView({ revision }: { revision: Revision }) {
  const format = useFormat();
  const trpc = useTRPC();
  const { facility } = revision;
  const layout = useMemo(() => buildLayout(facility), [facility]);
  const search = useSearch();
  const [, navigate] = useLocation();
  const itemParam = Number(new URLSearchParams(search).get('item'));
  const itemId = Number.isInteger(itemParam) && itemParam > 0 ? itemParam : null;
  const setItem = (id: number | null) =>
    navigate(id === null ? '/twin' : `/twin?item=${id}`, { replace: true });

  const binStates = useQuery(trpc.twin.binStates.queryOptions());
  useEffect(() => {
    if (binStates.data) twinActions.setBinStates(binStates.data);
  }, [binStates.data]);

  const heatmap = useTwin((s) => s.heatmap);
  const cameraMode = useTwin((s) => s.cameraMode);
  const selected = useTwin((s) => s.selected);

  // ---- the searched item, its bins and the route to the nearest one ----
  const item = useQuery(trpc.items.get.queryOptions(itemId === null ? skipToken : { id: itemId }));
  const level = useQuery(trpc.stock.level.queryOptions(itemId === null ? skipToken : { itemId }));
  const itemBins = useMemo<ItemBin[]>(() => {
    if (!level.data) return [];
    const byCode = new Map<string, ItemBin>();
    for (const loc of level.data.locations) {
      const idx = layout.binIndex.get(loc.code);
      const bin = idx === undefined ? undefined : layout.bins[idx];
      if (bin === undefined || idx === undefined || loc.onHand <= 0) continue;
      const seen = byCode.get(loc.code);
      if (seen) seen.onHand += loc.onHand;
      else byCode.set(loc.code, { code: loc.code, onHand: loc.onHand, bin, index: idx });
    }
    return [...byCode.values()];
  }, [level.data, layout]);
  const binKey = itemBins.map((b) => b.code).join(',');

  const defaultStart = layout.docks[0] ? `dock:${layout.docks[0].code}` : '';
  const [start, setStart] = useState(defaultStart);
  const from = useMemo<RouteEnd | null>(() => {
    if (start === '') return null;
    const [kind, code] = splitStart(start);
    return { kind, code };
  }, [start]);
  const nearest = useMemo(() => {
    const p = startPoint(layout, facility, start);
    if (p === null) return itemBins[0] ?? null;
    let best: ItemBin | null = null;
    let bestD = Number.POSITIVE_INFINITY;
    for (const b of itemBins) {
      const d = Math.hypot(b.bin.position.x - p.x, b.bin.position.z - p.z);
      if (d < bestD) {
        bestD = d;
        best = b;
      }
    }
    return best;
  }, [layout, facility, start, itemBins]);
  const to = useMemo<RouteEnd | null>(
    () => (nearest ? { kind: 'bin', code: nearest.code } : null),
    [nearest],
  );
  const route = useRoute(itemId === null ? null : from, to);

  const itemBinsRef = useRef(itemBins);
  itemBinsRef.current = itemBins;
  useEffect(() => {
    // Light up and fly to the bins when which bins they are changes, not on every stock refetch.
    void binKey;
    const bins = itemBinsRef.current;
    twinActions.highlight(bins.map((b) => b.code));
    const goal = framing(
      layout,
      bins.map((b) => b.index),
    );
    if (goal) {
      twinActions.setCameraMode('orbit');
      twinActions.flyTo(goal.target, goal.position);
    }
  }, [binKey, layout]);

  useEffect(() => {
    const floorY = layout.floors[0]?.elevation ?? 0;
    if (route.data?.ok && itemId !== null) {
      twinActions.setRoute({
        points: route.data.points,
        lengthM: route.data.lengthM,
        steps: route.data.steps,
        y: floorY,
      });
    } else {
      twinActions.setRoute(null);
    }
  }, [route.data, itemId, layout]);

  // ---- selection flies to the bin ----
  useEffect(() => {
    if (selected === null) return;
    const idx = layout.binIndex.get(selected);
    const goal = idx === undefined ? null : framing(layout, [idx]);
    if (goal) {
      twinActions.setCameraMode('orbit');
      twinActions.flyTo(goal.target, goal.position);
    }
  }, [selected, layout]);

  const resetView = () => {
    const o = overview(layout);
    twinActions.setCameraMode('orbit');
    twinActions.flyTo(o.target, o.position);
  };

  const clearItem = () => {
    setItem(null);
    twinActions.highlight([]);
  };

  const legend = HEATMAP_LEGENDS[heatmap];

  return (
    <div className="page page--wide twin-page" data-testid="twin-page">
      <PageHeader
        title="Digital twin"
        subtitle={
          <>
            {facility.name} · {format.number(layout.bins.length)} bins · layout #{revision.revisionId}{' '}
            published {format.dateTime(revision.createdAt)}
          </>
        }
      />
      <div className="twin-toolbar">
        <ItemSearch onChoose={setItem} chosenName={item.data?.name ?? null} onClear={clearItem} />
        <label className="twin-toolbar__field">
          <span>Route from</span>
          <select value={start} onChange={(e) => setStart(e.target.value)} data-testid="route-start">
            {layout.docks.length > 0 ? (
              <optgroup label="Docks">
                {layout.docks.map((d) => (
                  <option key={d.code} value={`dock:${d.code}`}>
                    Dock {d.code}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {layout.markers.length > 0 ? (
              <optgroup label="Markers">
                {layout.markers.map((m) => (
                  <option key={m.code} value={`marker:${m.code}`}>
                    Marker {m.code}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        <label className="twin-toolbar__field">
          <span>Heatmap</span>
          <select
            value={heatmap}
            onChange={(e) => twinActions.setHeatmap(e.target.value as HeatmapMode)}
            data-testid="heatmap-select"
          >
            <option value="none">None</option>
            <option value="fill">Fill</option>
            <option value="cover">Days of cover</option>
            <option value="counted">Time since last count</option>
          </select>
        </label>
        <fieldset className="twin-toolbar__modes">
          <legend className="visually-hidden">Camera</legend>
          <button
            type="button"
            className={`button button--small${cameraMode === 'orbit' ? ' button--primary' : ''}`}
            aria-pressed={cameraMode === 'orbit'}
            onClick={() => twinActions.setCameraMode('orbit')}
          >
            Orbit
          </button>
          <button
            type="button"
            className={`button button--small${cameraMode === 'walk' ? ' button--primary' : ''}`}
            aria-pressed={cameraMode === 'walk'}
            onClick={() => twinActions.setCameraMode('walk')}
            data-testid="walk-mode"
          >
            Walk
          </button>
          <button type="button" className="button button--small" onClick={resetView}>
            Reset view
          </button>
        </fieldset>
      </div>
      <div className="twin-layout">
        <div className="twin-stage" data-testid="twin-stage">
          <TwinCanvas layout={layout} />
          <HoverLabel />
          <p className="twin-stage__hint" aria-hidden="true">
            {cameraMode === 'orbit'
              ? 'Drag to rotate · wheel to zoom · right-drag or shift-drag to pan · click a bin'
              : 'W A S D or arrow keys to walk (shift: faster) · drag to look'}
          </p>
          {legend ? (
            <div className="twin-legend" data-testid="heatmap-legend">
              <span className="twin-legend__label">{legend.label}</span>
              <span className="twin-legend__scale">
                <span>{legend.low}</span>
                <span
                  className="twin-legend__bar"
                  style={{ background: legend.gradient }}
                  aria-hidden="true"
                />
                <span>{legend.high}</span>
              </span>
              <span className="twin-legend__empty">
                <span
                  className="twin-legend__swatch"
                  style={{ background: EMPTY_SWATCH }}
                  aria-hidden="true"
                />{' '}
                empty
              </span>
            </div>
          ) : null}
        </div>
        <aside className="twin-side" aria-label="Details">
          {binStates.isError ? (
            <p className="notice notice--error">
              Stock levels could not be loaded: {errorMessage(binStates.error)}
            </p>
          ) : null}
          {selected !== null ? <SelectedBin code={selected} /> : null}
          {itemId !== null ? (
            <section className="card twin-card" aria-label="Item" data-testid="twin-item">
              {item.isPending || level.isPending ? (
                <Loading label="Finding the item…" />
              ) : item.isError ? (
                <ErrorState error={item.error} onRetry={() => void item.refetch()} />
              ) : level.isError ? (
                <ErrorState error={level.error} onRetry={() => void level.refetch()} />
              ) : (
                <>
                  <h2 className="twin-card__title">
                    <Link href={`/items/${item.data.id}`}>{item.data.name}</Link>
                  </h2>
                  <p className="muted">
                    <span className="mono">{item.data.sku}</span> · {format.number(level.data.onHand)}{' '}
                    {item.data.unit} on hand
                  </p>
                  {itemBins.length === 0 ? (
                    <p>None of it is in a bin of this layout.</p>
                  ) : (
                    <ul className="twin-bins">
                      {itemBins.map((b) => (
                        <li key={b.code}>
                          <button
                            type="button"
                            className="twin-bins__bin"
                            onClick={() => twinActions.select(b.code)}
                            data-testid="twin-item-bin"
                          >
                            <span className="mono strong">{b.code}</span>
                            <span>
                              {format.number(b.onHand)} {item.data.unit}
                            </span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
            </section>
          ) : null}
          {itemId !== null && to !== null ? (
            <section className="card twin-card" aria-label="Route" data-testid="twin-route">
              <h2 className="twin-card__title">
                Route to <span className="mono">{to.kind === 'bin' ? to.code : ''}</span>
              </h2>
              {route.isPending ? (
                <Loading label="Finding a route…" />
              ) : route.isError ? (
                <ErrorState error={route.error} title="No route" onRetry={() => void route.refetch()} />
              ) : !route.data.ok ? (
                <p className="notice notice--error" data-testid="route-error">
                  {route.data.reason}
                </p>
              ) : (
                <>
                  <p className="muted" data-testid="route-length">
                    {format.length(route.data.lengthM)} walk from{' '}
                    {start.startsWith('dock:') ? 'dock' : 'marker'} {splitStart(start)[1]}
                  </p>
                  <ol className="twin-steps" data-testid="route-steps">
                    {route.data.steps.map((step, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: steps of one route never reorder; texts may repeat
                      <li key={`${i}-${step.text}`} className="twin-steps__step" data-testid="route-step">
                        <span className="twin-steps__text">{step.text}</span>
                        {step.distanceM > 0 ? (
                          <span className="twin-steps__distance">{format.length(step.distanceM)}</span>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </section>
          ) : null}
          {selected === null && itemId === null ? (
            <section className="card twin-card">
              <h2 className="twin-card__title">Find something</h2>
              <p className="muted">
                Search for an item to light up its bins and get walking directions, or click a bin to see what
                is in it.
              </p>
            </section>
          ) : null}
          <TwinFiles facility={facility} />
        </aside>
      </div>
    </div>
  );
}

function ItemSearch({
  onChoose,
  chosenName,
  onClear,
}: {
  onChoose: (id: number) => void;
  chosenName: string | null;
  onClear: () => void;
}) {
  const format = useFormat();
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const debounced = useDebounced(q.trim(), 200);
  const results = useQuery(
    trpc.items.search.queryOptions(debounced === '' ? skipToken : { q: debounced, limit: 8 }, {
      placeholderData: (prev) => prev,
    }),
  );
  const choose = (id: number) => {
    onChoose(id);
    setOpen(false);
    setQ('');
  };
  const hits = debounced === '' ? [] : (results.data ?? []);
  return (
    <div className="twin-search">
      <search className="searchbar searchbar--compact">
        <label htmlFor="twin-search-input" className="visually-hidden">
          Find an item in the building
        </label>
        <span className="searchbar__icon" aria-hidden="true">
          ⌕
        </span>
        <input
          id="twin-search-input"
          type="search"
          className="searchbar__input"
          placeholder={chosenName ? `Showing ${chosenName}` : 'Find an item…'}
          value={q}
          autoComplete="off"
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && hits[0]) {
              e.preventDefault();
              choose(hits[0].id);
            } else if (e.key === 'Escape') setOpen(false);
          }}
          data-testid="twin-search-input"
        />
      </search>
      {chosenName !== null ? (
        <button type="button" className="button button--small button--ghost" onClick={onClear}>
          Clear
        </button>
      ) : null}
      {open && debounced !== '' ? (
        <ul className="twin-search__results" aria-label="Matching items">
          {results.isError ? (
            <li className="twin-search__empty">{errorMessage(results.error)}</li>
          ) : hits.length === 0 && !results.isFetching ? (
            <li className="twin-search__empty">Nothing matches “{debounced}”</li>
          ) : (
            hits.map((hit) => (
              <li key={hit.id}>
                <button
                  type="button"
                  className="twin-search__hit"
                  onClick={() => choose(hit.id)}
                  data-testid="twin-search-result"
                >
                  <span>{hit.name}</span>
                  <span className="muted">
                    {format.number(hit.onHand)} {hit.unit}
                  </span>
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}

function SelectedBin({ code }: { code: string }) {
  const trpc = useTRPC();
  const bin = useQuery(trpc.locations.get.queryOptions({ code }));
  return (
    <section className="card twin-card" aria-label={`Bin ${code}`} data-testid="twin-selected">
      <div className="twin-card__head">
        <h2 className="twin-card__title">
          Bin <Link href={`/bins/${encodeURIComponent(code)}`}>{code}</Link>
        </h2>
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => twinActions.select(null)}
          aria-label="Close bin details"
        >
          ✕
        </button>
      </div>
      {bin.isPending ? (
        <Loading label="Loading bin…" />
      ) : bin.isError ? (
        <ErrorState error={bin.error} onRetry={() => void bin.refetch()} />
      ) : (
        <BinContents bin={bin.data} />
      )}
    </section>
  );
}

/** What is under the pointer; positioned from the pointer event, not from the render loop. */
function HoverLabel() {
  const format = useFormat();
  const hovered = useTwin((s) => s.hovered);
  const state = useTwin((s) => (s.hovered ? s.binStates.get(s.hovered.code) : undefined));
  if (hovered === null) return null;
  return (
    <div className="twin-hover" style={{ left: hovered.x + 14, top: hovered.y + 14 }} role="status">
      <span className="mono strong">{hovered.code}</span>
      <span>
        {state && state.onHand > 0
          ? `${format.number(state.onHand)} on hand · ${state.items} item${state.items === 1 ? '' : 's'} · ${format.number(Math.round(fillOf(state) * 100))}% full`
          : 'empty'}
      </span>
      {state?.lastCountedAt ? (
        <span className="muted">counted {format.relativeDay(state.lastCountedAt, Date.now())}</span>
      ) : null}
    </div>
  );
}
