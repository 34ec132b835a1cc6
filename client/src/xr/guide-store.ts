/**
 * Guidance UI state, outside React (zustand vanilla) so the frame loop and the tests can read it
 * with `getState()`. The frame loop never writes here: it writes `live`, and `tick` (a timer, a few
 * times a second) copies what the overlay shows, so React re-renders at most that often.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import {
  alignFromMarker,
  alignFromPoints,
  invertTransform,
  type MarkerPose,
  type PointPair,
  type RigidTransform,
  type Vec3,
} from './alignment.ts';
import { cueDue } from './guidance.ts';
import { live } from './live.ts';
import { nextPhase, type SessionEvent, type SessionPhase, type Support } from './session.ts';

export type AlignmentSource = { kind: 'marker'; code: string } | { kind: 'manual' } | { kind: 'start' };

export type Alignment = {
  /** twin → XR */
  transform: RigidTransform;
  /** XR → twin: the pose of the XR origin in the twin */
  inverse: RigidTransform;
  source: AlignmentSource;
  fixedAt: number;
  /** `live.walkedM` when it was fixed, so the overlay can say how far the user walked since. */
  walkedAtFix: number;
};

export type Display = {
  hasRoute: boolean;
  hasPosition: boolean;
  x: number;
  z: number;
  remainingM: number;
  offRouteM: number;
  cueText: string | null;
  cueKind: 'turn' | 'arrive' | null;
  toCueM: number;
  cueDue: boolean;
  arrived: boolean;
  /** Seconds since the last alignment fix, and metres walked since (null when not aligned). */
  staleS: number | null;
  walkedSinceFixM: number | null;
};

export type GuideState = {
  support: Support;
  phase: SessionPhase;
  alignment: Alignment | null;
  display: Display;
  /** Cue texts in the order they came due (what a user was told, for the tests and a log). */
  fired: string[];
  /** Manual alignment in progress: the twin floor points to tap, and the XR points tapped so far. */
  manual: { targets: { label: string; point: Vec3 }[]; tapped: Vec3[] } | null;
  notice: string | null;
};

const EMPTY_DISPLAY: Display = {
  hasRoute: false,
  hasPosition: false,
  x: 0,
  z: 0,
  remainingM: 0,
  offRouteM: 0,
  cueText: null,
  cueKind: null,
  toCueM: 0,
  cueDue: false,
  arrived: false,
  staleS: null,
  walkedSinceFixM: null,
};

function initial(): GuideState {
  return {
    support: { kind: 'checking' },
    phase: { kind: 'idle' },
    alignment: null,
    display: EMPTY_DISPLAY,
    fired: [],
    manual: null,
    notice: null,
  };
}

export const guideStore = createStore<GuideState>()(() => initial());

export function useGuide<T>(selector: (s: GuideState) => T): T {
  return useStore(guideStore, selector);
}

/** Marker poses of the current layout in twin coordinates (floor elevation added). */
let markerPoses: ReadonlyMap<string, MarkerPose & { size: number }> = new Map();

export function setMarkerPoses(poses: ReadonlyMap<string, MarkerPose & { size: number }>): void {
  markerPoses = poses;
}

export function markerPose(code: string): (MarkerPose & { size: number }) | undefined {
  return markerPoses.get(code);
}

function round(v: number, step: number): number {
  return Math.round(v / step) * step;
}

export const guideActions = {
  reset(): void {
    guideStore.setState(initial());
  },
  setSupport(support: Support): void {
    guideStore.setState({ support });
  },
  session(event: SessionEvent): void {
    const s = guideStore.getState();
    const phase = nextPhase(s.phase, event);
    if (phase === s.phase) return;
    // A new session has its own XR space: an alignment from the last one means nothing in it.
    const ended = phase.kind === 'idle' || phase.kind === 'starting';
    guideStore.setState(ended ? { phase, alignment: null, manual: null, fired: [] } : { phase });
  },
  align(transform: RigidTransform, source: AlignmentSource, now: number): void {
    guideStore.setState({
      alignment: {
        transform,
        inverse: invertTransform(transform),
        source,
        fixedAt: now,
        walkedAtFix: live.walkedM,
      },
      notice: null,
    });
  },
  /**
   * A marker seen at `observed` (XR space): align to it. Every later marker re-aligns, so drift is
   * corrected wherever the user passes one.
   */
  markerObserved(code: string, observed: MarkerPose, now: number): boolean {
    const twin = markerPoses.get(code);
    if (twin === undefined) {
      guideStore.setState({ notice: `Code ${code} is not a marker of this layout.` });
      return false;
    }
    guideActions.align(alignFromMarker(twin, observed), { kind: 'marker', code }, now);
    return true;
  },
  startManual(targets: { label: string; point: Vec3 }[]): void {
    guideStore.setState({ manual: { targets, tapped: [] }, notice: null });
  },
  cancelManual(): void {
    guideStore.setState({ manual: null });
  },
  /** One tapped floor point (hit test, XR space); the second one aligns. */
  manualTap(xr: Vec3, now: number): void {
    const m = guideStore.getState().manual;
    if (m === null) return;
    const tapped = [...m.tapped, xr];
    if (tapped.length < m.targets.length) {
      guideStore.setState({ manual: { ...m, tapped } });
      return;
    }
    const pairs: PointPair[] = m.targets.map((t, i) => ({ twin: t.point, xr: tapped[i] ?? t.point }));
    const transform = alignFromPoints(pairs);
    if (transform === null) {
      guideStore.setState({
        manual: { ...m, tapped: [] },
        notice: 'Those two points were too close: try again.',
      });
      return;
    }
    guideStore.setState({ manual: null });
    guideActions.align(transform, { kind: 'manual' }, now);
  },
  notice(text: string | null): void {
    guideStore.setState({ notice: text });
  },
  /** Copies what the overlay shows from `live`, and records cues as they come due. */
  tick(now: number): void {
    const s = guideStore.getState();
    const p = live.progress;
    const track = live.track;
    const cue = track && p.cue >= 0 ? track.cues[p.cue] : undefined;
    const due = track !== null && live.hasPosition && cueDue(p);
    const display: Display = {
      hasRoute: track !== null,
      hasPosition: live.hasPosition,
      x: round(live.x, 0.1),
      z: round(live.z, 0.1),
      remainingM: round(p.remainingM, 0.1),
      offRouteM: round(p.offRouteM, 0.1),
      cueText: cue?.text ?? null,
      cueKind: cue?.kind ?? null,
      toCueM: round(p.toCueM, 0.1),
      cueDue: due,
      arrived: track !== null && live.hasPosition && p.arrived,
      staleS: s.alignment ? Math.floor((now - s.alignment.fixedAt) / 1000) : null,
      walkedSinceFixM: s.alignment ? round(live.walkedM - s.alignment.walkedAtFix, 0.1) : null,
    };
    const fired =
      due && cue !== undefined && s.fired[s.fired.length - 1] !== cue.text ? [...s.fired, cue.text] : s.fired;
    const prev = s.display;
    let same = fired === s.fired;
    for (const k of Object.keys(display) as (keyof Display)[]) if (display[k] !== prev[k]) same = false;
    if (!same) guideStore.setState({ display, fired });
  },
};

/**
 * The test seam, `window.__xrGuide`: read what guidance shows, and inject a marker detection (its
 * code and the pose at which the device saw it, in XR space) exactly as the camera scanner reports
 * one. End-to-end tests and the benchmark use it because an emulated headset has no camera image.
 */
export type XrGuideProbe = {
  snapshot(): {
    phase: SessionPhase['kind'];
    mode: string | null;
    aligned: AlignmentSource | null;
    display: Display;
    fired: string[];
    xrFrames: number;
    route: { x: number; z: number }[] | null;
  };
  injectMarker(code: string, pose: MarkerPose): boolean;
};

declare global {
  interface Window {
    __xrGuide?: XrGuideProbe;
  }
}

if (typeof window !== 'undefined') {
  window.__xrGuide = {
    snapshot() {
      const s = guideStore.getState();
      const t = live.track;
      return {
        phase: s.phase.kind,
        mode: 'mode' in s.phase ? s.phase.mode : null,
        aligned: s.alignment?.source ?? null,
        display: s.display,
        fired: s.fired,
        xrFrames: live.xrFrames,
        route: t ? Array.from(t.xs, (x, i) => ({ x, z: t.zs[i] ?? 0 })) : null,
      };
    },
    injectMarker: (code, pose) => guideActions.markerObserved(code, pose, Date.now()),
  };
}
