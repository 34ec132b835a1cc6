import type { XRStoreOptions } from '@react-three/xr';

/**
 * The guide's XR session features, apart from its DOM overlay: hit tests for the floor, nothing
 * else it does not use (each feature costs per frame). Shared with the XR benchmark's empty
 * baseline so the two always ask the browser for the same session.
 */
export const GUIDE_XR_OPTIONS = {
  offerSession: false,
  emulate: false,
  enterGrantedSession: false,
  hitTest: true,
  anchors: false,
  planeDetection: false,
  meshDetection: false,
  layers: false,
  bodyTracking: false,
  depthSensing: false,
  hand: { model: false },
} as const satisfies XRStoreOptions;
