/**
 * What the XR frame loop writes each frame: plain numbers in one module-level object, never React
 * state. The overlay copies what it shows from here a few times a second (see guide-store `tick`).
 */
import { emptyProgress, type RouteTrack } from './guidance.ts';

export const live = {
  /** The route being followed, built once per route outside the frame loop. */
  track: null as RouteTrack | null,
  progress: emptyProgress(),
  /** The user's position in twin coordinates is known (aligned in XR, or walking the 3D view). */
  hasPosition: false,
  x: 0,
  z: 0,
  /** Head pose in XR space (the marker scanner needs it), valid while a session runs. */
  headX: 0,
  headY: 0,
  headZ: 0,
  headYaw: 0,
  /** Distance walked in XR space this session (alignment staleness is measured against it). */
  walkedM: 0,
  hasLastHead: false,
  lastHeadX: 0,
  lastHeadZ: 0,
  /** XR frames seen this session (tests wait on it). */
  xrFrames: 0,
};

/** A session ended: its XR space, head track and frame count mean nothing any more. */
export function resetSessionLive(): void {
  live.hasPosition = false;
  live.walkedM = 0;
  live.hasLastHead = false;
  live.xrFrames = 0;
}

/** The guide page closed. */
export function resetLive(): void {
  resetSessionLive();
  live.track = null;
  Object.assign(live.progress, emptyProgress());
}
