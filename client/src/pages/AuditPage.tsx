import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { AuditOverlay, type OverlayTrack } from '../audits/AuditOverlay.tsx';
import { PlaybackControls } from '../audits/PlaybackControls.tsx';
import { playbackActions } from '../audits/playback.ts';
import { ReviewList } from '../audits/ReviewList.tsx';
import { formatDuration, SORTIE_COLOURS } from '../audits/track-view.ts';
import { Badge } from '../components/Badge.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Stat } from '../components/Stat.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useIdParam } from '../hooks/useIdParam.ts';
import { useUser } from '../hooks/useUser.ts';
import { errorMessage } from '../lib/errors.ts';
import { isPlanner } from '../lib/roles.ts';
import { toast } from '../state/toasts.ts';
import { type Outputs, useTRPC } from '../trpc.ts';
import { buildLayout, framing } from '../twin/layout.ts';
import { twinActions } from '../twin/store.ts';
import { TwinCanvas } from '../twin/TwinScene.tsx';

type Audit = Outputs['droneAudits']['get'];
type Track = Outputs['droneAudits']['track'];

const warnIf = (on: boolean): { tone?: 'warning' } => (on ? { tone: 'warning' } : {});

const LIT = { read: 0x40c057, discrepancy: 0xf59f00, occluded: 0x868e96 };

/** `/audits/:id`: the plan's figures, the route in 3D with playback, the simulated flight and its review. */
export function AuditPage() {
  const id = useIdParam();
  useDocumentTitle(id ? `Drone audit #${id}` : 'Drone audit');
  const trpc = useTRPC();
  const audit = useQuery(trpc.droneAudits.get.queryOptions({ id: id ?? 0 }, { enabled: id !== null }));
  const track = useQuery(
    trpc.droneAudits.track.queryOptions({ id: id ?? 0 }, { enabled: id !== null, staleTime: Infinity }),
  );
  const current = useQuery(trpc.twin.current.queryOptions(undefined, { staleTime: 60_000 }));
  useEffect(() => () => twinActions.reset(), []);

  const header = (
    <PageHeader
      title={id ? `Drone audit #${id}` : 'Drone audit'}
      back={{ href: '/audits', label: 'Drone audits' }}
    />
  );
  if (id === null) {
    return (
      <div className="page">
        {header}
        <ErrorState error={new Error('That is not an audit number.')} />
      </div>
    );
  }
  const failed = audit.error ?? track.error ?? current.error;
  if (failed) {
    return (
      <div className="page">
        {header}
        <ErrorState
          error={failed}
          title="The audit could not be loaded"
          onRetry={() => {
            void audit.refetch();
            void track.refetch();
            void current.refetch();
          }}
        />
      </div>
    );
  }
  if (!audit.data || !track.data || !current.data) {
    return (
      <div className="page">
        {header}
        <Loading label="Loading the audit and its route…" />
      </div>
    );
  }
  return <AuditView audit={audit.data} track={track.data} revision={current.data} />;
}

function AuditView({
  audit,
  track,
  revision,
}: {
  audit: Audit;
  track: Track;
  revision: Outputs['twin']['current'];
}) {
  const format = useFormat();
  const planner = isPlanner(useUser().role);
  const layout = useMemo(() => buildLayout(revision.facility), [revision]);
  const overlayTrack = useMemo<OverlayTrack>(
    () => ({
      xyz: track.xyz,
      t: track.t,
      sortie: track.sortie,
      scanT: Float64Array.from(track.scans.map((s) => s.t)),
      scanCodes: track.scans.map((s) => s.code),
    }),
    [track],
  );
  const scanColours = useMemo(() => {
    const flagged = new Set(audit.lines.map((l) => l.code));
    const occluded = new Set(audit.occluded);
    return track.scans.map((s) =>
      occluded.has(s.code) ? LIT.occluded : flagged.has(s.code) ? LIT.discrepancy : LIT.read,
    );
  }, [audit, track]);

  useEffect(() => {
    playbackActions.load(track.durationS);
    const indices = track.scans.flatMap((s) => {
      const i = layout.binIndex.get(s.code);
      return i === undefined ? [] : [i];
    });
    const pose = framing(layout, indices);
    if (pose) twinActions.flyTo(pose.target, pose.position);
  }, [track, layout]);

  const f = audit.figures;
  return (
    <div className="page page--wide">
      <PageHeader
        title={`Drone audit #${audit.id}`}
        subtitle={
          <>
            {audit.label} · takes off from dock {audit.dockCode} · planned {format.dateTime(audit.createdAt)}{' '}
            <Badge code={audit.status} tone={audit.status === 'flown' ? 'success' : 'info'} />
          </>
        }
        back={{ href: '/audits', label: 'Drone audits' }}
      />
      {audit.revisionId !== revision.revisionId ? (
        <p className="form-message form-message--error" role="status">
          The layout has changed since this audit was planned; the route is drawn on the current layout.
        </p>
      ) : null}
      <div className="stats" data-testid="audit-figures">
        <Stat label="Bins" value={format.number(f.bins)} testId="figure-bins" />
        <Stat label="Distance" value={format.length(f.distanceM)} testId="figure-distance" />
        <Stat label="Flight time" value={formatDuration(f.flightS)} testId="figure-flight" />
        <Stat label="Sorties" value={f.sorties} testId="figure-sorties" />
        <Stat label="Bins per hour" value={format.number(Math.round(f.binsPerHour))} testId="figure-rate" />
        <Stat label="Start to finish" value={formatDuration(f.durationS)} testId="figure-duration" />
      </div>
      <div className="audit-layout">
        <div className="twin-stage audit-stage" data-testid="audit-stage">
          <TwinCanvas layout={layout}>
            <AuditOverlay layout={layout} track={overlayTrack} scanColours={scanColours} />
          </TwinCanvas>
        </div>
        <aside className="audit-side">
          <PlaybackControls sorties={audit.sorties.length} />
          <ol className="audit-sorties" aria-label="Sorties">
            {audit.sorties.map((s) => (
              <li key={s.index}>
                <span
                  className="audit-sorties__swatch"
                  style={{
                    background: `#${(SORTIE_COLOURS[s.index % SORTIE_COLOURS.length] ?? 0).toString(16).padStart(6, '0')}`,
                  }}
                  aria-hidden="true"
                />
                Sortie {s.index + 1}: {s.bins} bins, {format.length(s.distanceM)}, {formatDuration(s.flightS)}
                {s.fromDock === s.toDock ? ` (dock ${s.fromDock})` : ` (dock ${s.fromDock} → ${s.toDock})`}
              </li>
            ))}
          </ol>
          <p className="muted">
            Route optimiser: {audit.optimiser.segments} rack-face segments; the serpentine starting order
            would take {formatDuration(audit.startingOrder.durationS)}.
          </p>
          {audit.status === 'planned' && planner ? <FlyForm auditId={audit.id} /> : null}
          {audit.results ? (
            <div className="stats" data-testid="audit-results">
              <Stat label="Bins read" value={format.number(audit.results.read)} />
              <Stat
                label="Unreadable"
                value={audit.results.occluded}
                {...warnIf(audit.results.occluded > 0)}
              />
              <Stat label="Discrepancies" value={audit.lines.length} {...warnIf(audit.lines.length > 0)} />
            </div>
          ) : null}
        </aside>
      </div>
      {audit.status === 'flown' ? <ReviewList audit={audit} canReview={planner} /> : null}
    </div>
  );
}

/** Flies the plan in simulation; the seed makes the flight repeatable. */
function FlyForm({ auditId }: { auditId: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [seed, setSeed] = useState(1);
  const fly = useMutation(
    trpc.droneAudits.simulate.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Flown: ${r.bins} bins read, ${r.discrepancies} discrepancies to review`);
        void qc.invalidateQueries(trpc.droneAudits.pathFilter());
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <form
      className="form audit-fly"
      onSubmit={(e) => {
        e.preventDefault();
        fly.mutate({ id: auditId, seed });
      }}
    >
      <label>
        Seed{' '}
        <input
          type="number"
          min={0}
          value={seed}
          onChange={(e) => setSeed(Number(e.target.value))}
          data-testid="fly-seed"
        />
      </label>
      <button
        type="submit"
        className="button button--primary"
        disabled={fly.isPending}
        data-testid="fly-submit"
      >
        {fly.isPending ? 'Flying…' : 'Fly it (simulation)'}
      </button>
    </form>
  );
}
