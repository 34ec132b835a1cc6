/**
 * Turn-by-turn guidance along a route, as pure functions over preallocated numbers: where the user
 * is along the route, how far is left, which cue is next, whether they have arrived, whether to ask
 * for a new route. `locate` runs in the XR frame loop, so it allocates nothing and writes into the
 * caller's object.
 */

export type Point2 = { x: number; z: number };
export type Step = { text: string; distanceM: number; at: Point2 };

/** Within this straight-line distance of the target's standing point the user has arrived. */
export const ARRIVAL_M = 1.5;
/** A cue is announced this far before the place it is about. */
const CUE_AHEAD_M = 4;
/** Further than this from the route, the route is recomputed from where the user stands. */
const OFF_ROUTE_M = 2.5;
/** …but not more often than this. */
export const REROUTE_EVERY_MS = 3000;

export type Cue = { text: string; along: number; kind: 'turn' | 'arrive' };

export type RouteTrack = {
  xs: Float64Array;
  zs: Float64Array;
  /** Distance along the route at each point. */
  cumulative: Float64Array;
  lengthM: number;
  end: Point2;
  /** Turns in route order, then the arrival line. */
  cues: Cue[];
};

export type Progress = {
  /** Distance along the route of the closest point on it. */
  along: number;
  remainingM: number;
  /** Distance from the route. */
  offRouteM: number;
  /** Straight-line distance to the end of the route. */
  toEndM: number;
  /** Index into `cues` of the next cue not yet passed, or -1. */
  cue: number;
  /** Metres until that cue's place. */
  toCueM: number;
  arrived: boolean;
};

export function emptyProgress(): Progress {
  return { along: 0, remainingM: 0, offRouteM: 0, toEndM: 0, cue: -1, toCueM: 0, arrived: false };
}

/** Built once per route (allocates); `locate` then runs per frame without allocating. */
export function buildTrack(points: readonly Point2[], steps: readonly Step[]): RouteTrack {
  const n = points.length;
  const xs = new Float64Array(n);
  const zs = new Float64Array(n);
  const cumulative = new Float64Array(n);
  let total = 0;
  points.forEach((p, i) => {
    xs[i] = p.x;
    zs[i] = p.z;
    if (i > 0) total += Math.hypot(p.x - (xs[i - 1] ?? 0), p.z - (zs[i - 1] ?? 0));
    cumulative[i] = total;
  });
  const last = points[n - 1] ?? { x: 0, z: 0 };
  const track: RouteTrack = { xs, zs, cumulative, lengthM: total, end: { x: last.x, z: last.z }, cues: [] };
  const scratch = emptyProgress();
  steps.forEach((step, i) => {
    const isLast = i === steps.length - 1;
    // Turn lines have no length of their own; walk lines are what the list shows between them.
    if (!isLast && step.distanceM > 0) return;
    if (isLast) {
      track.cues.push({ text: step.text, along: total, kind: 'arrive' });
      return;
    }
    locate(track, step.at.x, step.at.z, scratch, -1);
    track.cues.push({ text: step.text, along: scratch.along, kind: 'turn' });
  });
  return track;
}

/**
 * Where (x, z) is relative to the route. `lastCue` is the cue shown before: cues only move forward,
 * so someone who steps back a little does not hear the previous turn again.
 */
export function locate(track: RouteTrack, x: number, z: number, out: Progress, lastCue: number): Progress {
  const { xs, zs, cumulative } = track;
  let best = Number.POSITIVE_INFINITY;
  let along = 0;
  const n = xs.length;
  if (n === 1) {
    best = Math.hypot(x - (xs[0] ?? 0), z - (zs[0] ?? 0));
  }
  for (let i = 0; i + 1 < n; i++) {
    const ax = xs[i] ?? 0;
    const az = zs[i] ?? 0;
    const dx = (xs[i + 1] ?? 0) - ax;
    const dz = (zs[i + 1] ?? 0) - az;
    const len2 = dx * dx + dz * dz;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (z - az) * dz) / len2));
    const px = ax + dx * t;
    const pz = az + dz * t;
    const d = Math.hypot(x - px, z - pz);
    if (d < best) {
      best = d;
      along = (cumulative[i] ?? 0) + Math.sqrt(len2) * t;
    }
  }
  out.along = along;
  out.offRouteM = best;
  out.remainingM = Math.max(0, track.lengthM - along) + (best > 0.5 ? best : 0);
  out.toEndM = Math.hypot(x - track.end.x, z - track.end.z);
  out.arrived = out.toEndM <= ARRIVAL_M;
  let cue = -1;
  for (let i = Math.max(0, lastCue); i < track.cues.length; i++) {
    const c = track.cues[i];
    // A cue stays current until the user is a metre past its place.
    if (c !== undefined && (c.kind === 'arrive' || c.along > along - 1)) {
      cue = i;
      break;
    }
  }
  out.cue = cue;
  out.toCueM = cue < 0 ? 0 : Math.max(0, (track.cues[cue]?.along ?? along) - along);
  return out;
}

/** A cue is due (to be shown large and spoken) once the user is close to its place. */
export function cueDue(p: Progress): boolean {
  return p.cue >= 0 && (p.toCueM <= CUE_AHEAD_M || p.arrived);
}

/** Ask for a fresh route when the user has left this one, at most every REROUTE_EVERY_MS. */
export function shouldReroute(p: Progress, nowMs: number, lastRouteAtMs: number): boolean {
  return !p.arrived && p.offRouteM > OFF_ROUTE_M && nowMs - lastRouteAtMs >= REROUTE_EVERY_MS;
}
