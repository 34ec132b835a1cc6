/**
 * The guidance overlay: session buttons (or why AR is not offered), alignment and how stale it is,
 * the next cue and distance left, arrival, and pick confirmation with the offline queue. On a phone
 * in AR it is portalled into the DOM-overlay root; elsewhere it is ordinary page content.
 */
import { useEffect, useRef, useState } from 'react';
import { useFormat } from '../hooks/useFormat.ts';
import { useSubmissionKey } from '../hooks/useSubmissionKey.ts';
import { VoiceTalkButton } from '../voice/VoiceTalkButton.tsx';
import { markerPoseFromDetection } from './alignment.ts';
import { type CodeScanner, startCodeScanner } from './code-scanner.ts';
import { reticleInXr } from './GuideXR.tsx';
import { guideActions, markerPose, useGuide } from './guide-store.ts';
import { live } from './live.ts';
import { type PickTarget, scanConfirms } from './pick-target.ts';
import { NO_AR_TEXT } from './session.ts';
import { usePickQueue } from './usePickQueue.ts';
import { enterXr, exitXr } from './xr-store.ts';

/** Phone cameras are 60–70° wide; the estimate only needs to be rough (the alignment is yaw + offset). */
const CAMERA_HFOV = (65 * Math.PI) / 180;

export function GuidePanel({
  targetLabel,
  pick,
  canVr,
  manualTargets,
}: {
  targetLabel: string;
  pick: PickTarget | null;
  canVr: boolean;
  manualTargets: { label: string; point: { x: number; y: number; z: number } }[] | null;
}) {
  const format = useFormat();
  const support = useGuide((s) => s.support);
  const phase = useGuide((s) => s.phase);
  const alignment = useGuide((s) => s.alignment);
  const display = useGuide((s) => s.display);
  const manual = useGuide((s) => s.manual);
  const notice = useGuide((s) => s.notice);
  const active = phase.kind === 'active';

  return (
    <div className="guide-panel" data-testid="guide-panel">
      <p className="guide-panel__target" data-testid="guide-target">
        {targetLabel}
      </p>
      {support.kind === 'checking' ? (
        <p className="muted">Checking what this device supports…</p>
      ) : active ? (
        <div className="guide-panel__row">
          <span className="badge" data-testid="guide-session">
            {phase.mode === 'ar' ? 'AR' : 'VR'} running
          </span>
          <button type="button" className="button button--small" onClick={exitXr} data-testid="guide-exit">
            Exit {phase.mode === 'ar' ? 'AR' : 'VR'}
          </button>
          {/* The DOM overlay shows only this panel, so voice rides along here during a session. */}
          <VoiceTalkButton />
        </div>
      ) : (
        <div className="guide-panel__row">
          {support.ar ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => void enterXr('ar')}
              disabled={phase.kind === 'starting'}
              data-testid="guide-start-ar"
            >
              Start AR
            </button>
          ) : null}
          {support.vr && canVr ? (
            <button
              type="button"
              className="button"
              onClick={() => void enterXr('vr')}
              disabled={phase.kind === 'starting'}
              data-testid="guide-start-vr"
            >
              Walk the twin in VR
            </button>
          ) : null}
        </div>
      )}
      {support.kind === 'known' && support.whyNoAr !== null && !active ? (
        <p className="notice" data-testid="no-ar-reason">
          {NO_AR_TEXT[support.whyNoAr]}
        </p>
      ) : null}
      {phase.kind === 'failed' ? (
        <p className="notice notice--error" role="alert">
          The {phase.mode === 'ar' ? 'AR' : 'VR'} session did not start: {phase.message}
        </p>
      ) : null}

      {active && phase.mode === 'ar' ? (
        <section className="guide-panel__section" aria-label="Alignment">
          <p data-testid="guide-alignment">
            {alignment === null
              ? 'Not aligned yet: scan a marker, or align by hand.'
              : `${alignment.source.kind === 'marker' ? `Aligned to marker ${alignment.source.code}` : 'Aligned by hand'} · ${display.staleS ?? 0} s ago · ${format.length(display.walkedSinceFixM ?? 0)} walked since`}
          </p>
          <MarkerScan pick={pick} />
          {manual === null ? (
            manualTargets ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => guideActions.startManual(manualTargets)}
              >
                Align by hand
              </button>
            ) : null
          ) : (
            <div className="guide-panel__manual">
              <p>
                Aim the ring at {manual.targets[manual.tapped.length]?.label ?? 'the next point'} and tap Mark
                ({manual.tapped.length + 1} of {manual.targets.length}).
              </p>
              <button
                type="button"
                className="button button--small button--primary"
                onClick={() => {
                  const p = reticleInXr();
                  if (p === null) guideActions.notice('No floor under the ring yet: move the phone slowly.');
                  else guideActions.manualTap(p, Date.now());
                }}
              >
                Mark
              </button>
              <button type="button" className="button button--small" onClick={guideActions.cancelManual}>
                Cancel
              </button>
            </div>
          )}
        </section>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      <section className="guide-panel__section" aria-label="Directions" aria-live="polite">
        {!display.hasRoute || (active && phase.mode === 'ar' && alignment === null) ? (
          <p className="muted" data-testid="guide-no-route">
            {active && phase.mode === 'ar' && alignment === null
              ? 'The route appears once the view is aligned.'
              : 'Finding a route…'}
          </p>
        ) : display.arrived ? (
          <p className="guide-panel__arrived" data-testid="guide-arrived">
            You have arrived. {display.cueText}
          </p>
        ) : (
          <>
            <p
              className={`guide-panel__cue${display.cueDue ? ' guide-panel__cue--due' : ''}`}
              data-testid="guide-cue"
            >
              {display.toCueM >= 1 ? `In ${format.length(display.toCueM)}: ` : ''}
              {display.cueText}
            </p>
            <p className="muted" data-testid="guide-remaining">
              {format.length(display.remainingM)} to go
            </p>
          </>
        )}
      </section>

      {pick ? <PickConfirm pick={pick} /> : null}
    </div>
  );
}

/** Camera scanning: a marker aligns; the target's bin or item code confirms the pick. */
function MarkerScan({ pick }: { pick: PickTarget | null }) {
  const video = useRef<HTMLVideoElement>(null);
  const [scanning, setScanning] = useState(false);
  const pickRef = useRef(pick);
  pickRef.current = pick;
  useEffect(() => {
    if (!scanning || video.current === null) return;
    let cancelled = false;
    let scanner: CodeScanner | null = null;
    startCodeScanner(video.current, (d) => {
      const marker = markerPose(d.value);
      if (marker) {
        const observed = markerPoseFromDetection({
          head: { x: live.headX, y: live.headY, z: live.headZ },
          headYaw: live.headYaw,
          centreXPx: d.centreX,
          sidePx: d.sidePx,
          imageWidthPx: d.imageWidth,
          hfovRad: CAMERA_HFOV,
          markerSizeM: marker.size,
          markerHeightM: marker.position.y,
        });
        guideActions.markerObserved(d.value, observed, Date.now());
        return;
      }
      const target = pickRef.current;
      if (target && scanConfirms(d.value, target))
        window.dispatchEvent(new CustomEvent('guide:scan-confirm'));
    })
      .then((s) => {
        if (cancelled) s.stop();
        else scanner = s;
      })
      .catch((error: unknown) => {
        setScanning(false);
        guideActions.notice(
          `The camera is not available here (${error instanceof Error ? error.message : String(error)}). Align by hand instead.`,
        );
      });
    return () => {
      cancelled = true;
      scanner?.stop();
    };
  }, [scanning]);
  return (
    <div className="guide-panel__scan">
      <button type="button" className="button button--small" onClick={() => setScanning((s) => !s)}>
        {scanning ? 'Stop scanning' : 'Scan a marker or code'}
      </button>
      {scanning ? <video ref={video} className="guide-panel__video" muted playsInline /> : null}
    </div>
  );
}

function PickConfirm({ pick }: { pick: PickTarget }) {
  const format = useFormat();
  const queue = usePickQueue();
  const keys = useSubmissionKey();
  const [qty, setQty] = useState(1);
  const [done, setDone] = useState<string | null>(null);
  const pending = queue.entries.filter((e) => e.status === 'queued').length;

  const confirm = async () => {
    const request = {
      itemId: pick.itemId,
      locationId: pick.locationId,
      qty,
      lot: pick.lot,
      reason: 'AR pick',
    };
    const idempotencyKey = keys.keyFor(request).replace(/^web:/, 'ar:');
    await queue.add(
      { ...request, idempotencyKey },
      { item: pick.itemName, bin: pick.binCode, unit: pick.unit },
    );
    keys.settle();
    const what = `${qty} ${pick.unit} of ${pick.itemName} from ${pick.binCode}`;
    const status = queue.statusOf(idempotencyKey);
    setDone(
      status === 'sent'
        ? `Picked ${what}`
        : status === 'queued'
          ? `Saved on this device: ${what}. It is sent when the network is back.`
          : `Not booked: ${what}.`,
    );
  };
  const confirmRef = useRef(confirm);
  confirmRef.current = confirm;
  useEffect(() => {
    const onScan = () => void confirmRef.current();
    window.addEventListener('guide:scan-confirm', onScan);
    return () => window.removeEventListener('guide:scan-confirm', onScan);
  }, []);

  return (
    <section className="guide-panel__section" aria-label="Pick">
      <p>
        <strong>{pick.itemName}</strong> · {format.number(pick.onHand)} {pick.unit} in{' '}
        <span className="mono">{pick.binCode}</span>
      </p>
      <div className="guide-panel__row">
        <label className="guide-panel__qty">
          <span className="visually-hidden">Quantity</span>
          <input
            type="number"
            min={1}
            step={1}
            value={qty}
            onChange={(e) => setQty(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
            data-testid="guide-qty"
          />
        </label>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void confirm()}
          data-testid="guide-pick"
        >
          Picked {qty}
        </button>
      </div>
      <p className="muted">Or scan the bin label or the item’s barcode to confirm.</p>
      {done ? (
        <p role="status" data-testid="guide-picked">
          {done}
        </p>
      ) : null}
      {pending > 0 ? (
        <p className="notice" data-testid="guide-queue-pending">
          {pending} pick{pending === 1 ? '' : 's'} waiting for the network; kept on this device and sent when
          it is back.
        </p>
      ) : null}
      {queue.entries
        .filter((e) => e.status === 'rejected')
        .slice(-3)
        .map((e) => (
          <p key={e.request.idempotencyKey} className="notice notice--error">
            Not booked: {e.request.qty} {e.label.unit} of {e.label.item} from {e.label.bin}. {e.error}
          </p>
        ))}
    </section>
  );
}
