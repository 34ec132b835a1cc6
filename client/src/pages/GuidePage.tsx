import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Link, useSearch } from 'wouter';
import { kindLabel } from '../../../common/masters/location.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useUser } from '../hooks/useUser.ts';
import { errorCode } from '../lib/errors.ts';
import { isPlanner } from '../lib/roles.ts';
import { type Outputs, useTRPC } from '../trpc.ts';
import { buildLayout, framing, type TwinLayout } from '../twin/layout.ts';
import { type RouteEnd, useRoute } from '../twin/route.ts';
import { twinActions, twinStore, useTwin } from '../twin/store.ts';
import { TwinCanvas } from '../twin/TwinScene.tsx';
import { applyTransform, invertTransform, type MarkerPose } from '../xr/alignment.ts';
import { FloorMap } from '../xr/FloorMap.tsx';
import { GuidePanel } from '../xr/GuidePanel.tsx';
import { type GuideTarget, GuideXR } from '../xr/GuideXR.tsx';
import { buildTrack, locate, shouldReroute } from '../xr/guidance.ts';
import { guideActions, guideStore, setMarkerPoses, useGuide } from '../xr/guide-store.ts';
import { live, resetLive, resetSessionLive } from '../xr/live.ts';
import type { PickTarget } from '../xr/pick-target.ts';
import { detectSupport } from '../xr/session.ts';
import { overlayRoot } from '../xr/xr-store.ts';

type Revision = Outputs['twin']['current'];
type Facility = Revision['facility'];

/**
 * `/guide?bin=CODE | item=ID | asset=TAG` (asset: register tag or placement id): walks the user to a bin (or an asset) in AR where the
 * device offers it, in VR for planners on a headset, and otherwise with the 3-D view and a floor
 * plan. A change of the query (a new target, e.g. from the voice helper) re-targets the guidance
 * without ending a running session: nothing here is keyed on the target.
 */
export function GuidePage() {
  const trpc = useTRPC();
  useDocumentTitle('Guide');
  const current = useQuery(trpc.twin.current.queryOptions(undefined, { staleTime: 60_000 }));
  useEffect(
    () => () => {
      twinActions.reset();
      guideActions.reset();
      resetLive();
    },
    [],
  );
  if (current.isPending) {
    return (
      <div className="page page--wide">
        <PageHeader title="Guide" />
        <Loading label="Loading the facility layout…" />
      </div>
    );
  }
  if (current.isError) {
    return (
      <div className="page page--wide">
        <PageHeader title="Guide" />
        {errorCode(current.error) === 'NOT_FOUND' ? (
          <EmptyState title="No facility layout has been published yet">
            <p>Guidance walks over the published layout; ask a planner to publish one.</p>
          </EmptyState>
        ) : (
          <ErrorState error={current.error} onRetry={() => void current.refetch()} />
        )}
      </div>
    );
  }
  return <GuideView facility={current.data.facility} />;
}

type Query = { bin: string | null; item: number | null; asset: string | null };

function parseQuery(search: string): Query {
  const q = new URLSearchParams(search);
  const item = Number(q.get('item'));
  return {
    bin: q.get('bin')?.trim() || null,
    item: Number.isInteger(item) && item > 0 ? item : null,
    asset: q.get('asset')?.trim() || null,
  };
}

function markerPosesOf(facility: Facility): Map<string, MarkerPose & { size: number }> {
  const elevation = new Map(facility.floors.map((f) => [f.id, f.elevation]));
  return new Map(
    facility.markers.map((m) => [
      m.code,
      {
        position: {
          x: m.pose.position.x,
          y: (elevation.get(m.floorId) ?? 0) + m.pose.position.y,
          z: m.pose.position.z,
        },
        yaw: m.pose.rotationY,
        size: m.size,
      },
    ]),
  );
}

/** Two floor spots for manual alignment: below the first marker and below the next one at least 4 m away. */
function manualTargetsOf(facility: Facility) {
  const [a, ...rest] = facility.markers;
  if (a === undefined) return null;
  const pa = a.pose.position;
  const b = rest
    .filter(
      (m) => m.floorId === a.floorId && Math.hypot(m.pose.position.x - pa.x, m.pose.position.z - pa.z) >= 4,
    )
    .sort(
      (m, n) =>
        Math.hypot(m.pose.position.x - pa.x, m.pose.position.z - pa.z) -
        Math.hypot(n.pose.position.x - pa.x, n.pose.position.z - pa.z),
    )[0];
  if (b === undefined) return null;
  const y = facility.floors.find((f) => f.id === a.floorId)?.elevation ?? 0;
  return [
    { label: `the floor right below marker ${a.code}`, point: { x: pa.x, y, z: pa.z } },
    {
      label: `the floor right below marker ${b.code}`,
      point: { x: b.pose.position.x, y, z: b.pose.position.z },
    },
  ];
}

function GuideView({ facility }: { facility: Facility }) {
  const format = useFormat();
  const trpc = useTRPC();
  const user = useUser();
  const layout = useMemo(() => buildLayout(facility), [facility]);
  const query = parseQuery(useSearch());
  const phase = useGuide((s) => s.phase);
  const alignment = useGuide((s) => s.alignment);
  const display = useGuide((s) => s.display);
  const manual = useGuide((s) => s.manual);
  const cameraMode = useTwin((s) => s.cameraMode);

  useEffect(() => setMarkerPoses(markerPosesOf(facility)), [facility]);
  useEffect(() => {
    let cancelled = false;
    void detectSupport({ isSecureContext: window.isSecureContext, xr: navigator.xr }).then((s) => {
      if (!cancelled) guideActions.setSupport(s);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // ---- where from: the chosen start until the user's own position is known ----
  const defaultStart = layout.docks[0]
    ? `dock:${layout.docks[0].code}`
    : facility.markers[0]
      ? `marker:${facility.markers[0].code}`
      : '';
  const [start, setStart] = useState(defaultStart);
  const [here, setHere] = useState<{ x: number; z: number } | null>(null);
  const startEnd = useMemo<RouteEnd | null>(() => {
    const i = start.indexOf(':');
    if (i < 0) return null;
    return { kind: start.slice(0, i) === 'marker' ? 'marker' : 'dock', code: start.slice(i + 1) };
  }, [start]);
  const from = useMemo<RouteEnd | null>(
    () => (here ? { kind: 'point', x: here.x, z: here.z } : startEnd),
    [here, startEnd],
  );
  const origin = here ?? startPoint(layout, facility, start);

  // ---- what to: the bin asked for, the item's nearest bin with stock, or an asset ----
  const item = useQuery(trpc.items.get.queryOptions(query.item === null ? skipToken : { id: query.item }));
  const level = useQuery(
    trpc.stock.level.queryOptions(query.item === null ? skipToken : { itemId: query.item }),
  );
  // The bin is chosen again when the target or the stock changes, not at every step the user takes.
  const originRef = useRef(origin);
  originRef.current = origin;
  const itemBin = useMemo(() => {
    const origin = originRef.current;
    if (!level.data) return null;
    let best: (typeof level.data.locations)[number] | null = null;
    let bestD = Number.POSITIVE_INFINITY;
    for (const loc of level.data.locations) {
      const idx = layout.binIndex.get(loc.code);
      const bin = idx === undefined ? undefined : layout.bins[idx];
      if (bin === undefined || loc.onHand - loc.reserved <= 0) continue;
      const d = origin ? Math.hypot(bin.position.x - origin.x, bin.position.z - origin.z) : 0;
      if (d < bestD) {
        bestD = d;
        best = loc;
      }
    }
    return best;
  }, [level.data, layout]);
  const binCode = query.bin ?? itemBin?.code ?? null;
  const bin = useQuery(trpc.locations.get.queryOptions(binCode === null ? skipToken : { code: binCode }));
  const to = useMemo<RouteEnd | null>(
    () =>
      binCode !== null
        ? { kind: 'bin', code: binCode }
        : query.asset !== null
          ? { kind: 'asset', id: query.asset }
          : null,
    [binCode, query.asset],
  );

  const pick = useMemo<PickTarget | null>(() => {
    if (!bin.data) return null;
    const rows = bin.data.contents.filter(
      (c) => (query.item === null ? true : c.itemId === query.item) && c.onHand > 0,
    );
    const row = rows[0];
    if (
      row === undefined ||
      (query.item === null && rows.length > 1 && new Set(rows.map((r) => r.itemId)).size > 1)
    ) {
      return null;
    }
    return {
      itemId: row.itemId,
      itemName: row.itemName,
      sku: row.sku,
      barcode: item.data?.barcode ?? null,
      unit: row.unit,
      locationId: bin.data.id,
      binCode: bin.data.code,
      lot: row.lot,
      onHand: row.onHand,
    };
  }, [bin.data, query.item, item.data]);

  const targetLabel =
    to === null
      ? 'No target: open this page from an item or a bin (Guide me), or add ?bin=CODE.'
      : to.kind === 'bin'
        ? `${bin.data ? kindLabel(bin.data.kind) : 'Bin'} ${to.code}${pick ? ` · ${pick.itemName} · ${format.number(pick.onHand)} ${pick.unit}` : ''}`
        : to.kind === 'asset'
          ? `Asset ${facility.assets.find((a) => a.id === to.id || a.assetTag === to.id)?.name ?? to.id}`
          : '';
  const guideTarget = useMemo<GuideTarget | null>(
    () =>
      binCode === null
        ? null
        : {
            code: binCode,
            title: pick?.itemName ?? 'Target bin',
            detail: pick ? `${format.number(pick.onHand)} ${pick.unit} on hand` : '',
          },
    [binCode, pick, format],
  );

  // ---- the route ----
  const route = useRoute(from, to);
  const lastRouteAt = useRef(0);
  useEffect(() => {
    twinActions.highlight(binCode === null ? [] : [binCode]);
    // A new target: the old route no longer applies (and its cues must not fire).
    live.track = null;
    twinActions.setRoute(null);
  }, [binCode]);
  // Outside a session, show the target from its aisle once the scene is up (in a session the
  // headset decides the view).
  const sceneReady = useTwin((s) => s.ready);
  useEffect(() => {
    const idx = binCode === null || !sceneReady ? undefined : layout.binIndex.get(binCode);
    const goal = idx === undefined ? null : framing(layout, [idx]);
    if (goal && guideStore.getState().phase.kind !== 'active') twinActions.flyTo(goal.target, goal.position);
  }, [binCode, layout, sceneReady]);
  useEffect(() => {
    if (!route.data) return;
    const floorY = layout.floors[0]?.elevation ?? 0;
    if (!route.data.ok) {
      live.track = null;
      twinActions.setRoute(null);
      return;
    }
    live.track = buildTrack(route.data.points, route.data.steps);
    live.progress.cue = -1;
    lastRouteAt.current = Date.now();
    twinActions.setRoute({
      points: route.data.points,
      lengthM: route.data.lengthM,
      steps: route.data.steps,
      y: floorY,
    });
  }, [route.data, layout]);

  // ---- the user's own position: at each alignment fix, and when they leave the route ----
  useEffect(
    () =>
      guideStore.subscribe((s, prev) => {
        if (s.alignment === prev.alignment) return;
        if (s.alignment === null) {
          setHere(null);
          return;
        }
        // A route from somewhere else (the dock, or before a re-alignment) must not give cues here.
        live.track = null;
        twinActions.setRoute(null);
        const p = applyTransform(
          s.alignment.inverse,
          { x: live.headX, y: live.headY, z: live.headZ },
          { x: 0, y: 0, z: 0 },
        );
        setHere({ x: Math.round(p.x * 10) / 10, z: Math.round(p.z * 10) / 10 });
      }),
    [],
  );
  useEffect(() => {
    if (phase.kind === 'idle') resetSessionLive();
    // VR: the user starts at the route's start, facing along it.
    if (phase.kind === 'active' && phase.mode === 'vr') {
      const t = live.track;
      const x0 = t?.xs[0] ?? originRef.current?.x ?? 0;
      const z0 = t?.zs[0] ?? originRef.current?.z ?? 0;
      const heading = t && t.xs.length > 1 ? Math.atan2((t.xs[1] ?? x0) - x0, (t.zs[1] ?? z0) - z0) : 0;
      const inverse = { yaw: heading - Math.PI, tx: x0, ty: layout.floors[0]?.elevation ?? 0, tz: z0 };
      guideActions.align(invertTransform(inverse), { kind: 'start' }, Date.now());
    }
  }, [phase, layout]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      const now = Date.now();
      const inSession = guideStore.getState().phase.kind === 'active';
      const track = live.track;
      if (!inSession && twinStore.getState().cameraMode !== 'walk' && track !== null) {
        // Without a position of their own, the user stands where the route starts.
        live.x = track.xs[0] ?? 0;
        live.z = track.zs[0] ?? 0;
        live.hasPosition = true;
        locate(track, live.x, live.z, live.progress, live.progress.cue);
      }
      guideActions.tick(now);
      if (live.hasPosition && track !== null && shouldReroute(live.progress, now, lastRouteAt.current)) {
        lastRouteAt.current = now;
        setHere({ x: Math.round(live.x * 10) / 10, z: Math.round(live.z * 10) / 10 });
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, []);

  const inAr = phase.kind === 'active' && phase.mode === 'ar';
  const content = inAr ? (alignment ? 'overlay' : 'none') : 'building';
  const routeData = route.data?.ok ? route.data : null;
  const nextTurn = useMemo(() => {
    const cue = routeData?.steps.find((s) => s.text === display.cueText);
    return cue ? cue.at : null;
  }, [routeData, display.cueText]);

  const panel = (
    <GuidePanel
      targetLabel={targetLabel}
      pick={pick}
      canVr={isPlanner(user.role)}
      manualTargets={manualTargetsOf(facility)}
    />
  );

  return (
    <div className="page page--wide guide-page" data-testid="guide-page">
      <PageHeader
        title="Guide"
        subtitle={
          <>
            {facility.name} · <Link href="/guide/markers">Print markers</Link>
          </>
        }
      />
      <div className="guide-layout">
        <div className="guide-stage">
          <div className="twin-stage guide-stage__3d" data-testid="twin-stage">
            <TwinCanvas layout={layout} content={content}>
              <GuideXR layout={layout} target={guideTarget} aligning={inAr && manual !== null} />
            </TwinCanvas>
            {!inAr ? (
              <div className="guide-stage__modes">
                <button
                  type="button"
                  className={`button button--small${cameraMode === 'walk' ? ' button--primary' : ''}`}
                  onClick={() => {
                    const t = live.track;
                    if (cameraMode === 'walk' || t === null || t.xs.length < 2) {
                      twinActions.setCameraMode(cameraMode === 'walk' ? 'orbit' : 'walk');
                      return;
                    }
                    // Start at the route's start, looking along its first leg (yaw 0 looks along -Z).
                    const x0 = t.xs[0] ?? 0;
                    const z0 = t.zs[0] ?? 0;
                    twinActions.walkFrom(x0, z0, Math.atan2(x0 - (t.xs[1] ?? x0), z0 - (t.zs[1] ?? z0)));
                  }}
                  data-testid="guide-walk"
                >
                  {cameraMode === 'walk' ? 'Stop walking' : 'Walk the route (W A S D)'}
                </button>
              </div>
            ) : null}
          </div>
          <FloorMap
            facility={facility}
            floorId={facility.floors[0]?.id ?? ''}
            route={routeData?.points ?? null}
            target={routeData?.points[routeData.points.length - 1] ?? null}
            you={display.hasPosition ? { x: display.x, z: display.z } : null}
            nextTurn={nextTurn}
          />
        </div>
        <aside className="guide-side" aria-label="Guidance">
          {phase.kind === 'active' ? createPortal(panel, overlayRoot) : panel}
          {!here ? (
            <label className="twin-toolbar__field">
              <span>Start from</span>
              <select value={start} onChange={(e) => setStart(e.target.value)} data-testid="guide-start">
                {layout.docks.map((d) => (
                  <option key={d.code} value={`dock:${d.code}`}>
                    Dock {d.code}
                  </option>
                ))}
                {facility.markers.map((m) => (
                  <option key={m.code} value={`marker:${m.code}`}>
                    Marker {m.code}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {routeData ? (
            <ol className="twin-steps" data-testid="route-steps">
              {routeData.steps.map((step) => (
                <li
                  key={`${step.at.x}:${step.at.z}:${step.text}`}
                  className={`twin-steps__step${step.text === display.cueText ? ' twin-steps__step--next' : ''}`}
                >
                  <span className="twin-steps__text">{step.text}</span>
                </li>
              ))}
            </ol>
          ) : route.data && !route.data.ok ? (
            <p className="notice notice--error">{route.data.reason}</p>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

function startPoint(layout: TwinLayout, facility: Facility, start: string): { x: number; z: number } | null {
  const i = start.indexOf(':');
  const kind = start.slice(0, i);
  const code = start.slice(i + 1);
  if (kind === 'dock') {
    const dock = layout.docks.find((d) => d.code === code);
    return dock ? { x: dock.x, z: dock.z } : null;
  }
  const marker = facility.markers.find((m) => m.code === code);
  return marker ? { x: marker.pose.position.x, z: marker.pose.position.z } : null;
}
