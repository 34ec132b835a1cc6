import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type HeatmapMode = 'none' | 'fill' | 'cover' | 'counted';
export type CameraMode = 'orbit' | 'walk';

export type BinState = {
  code: string;
  onHand: number;
  /** What the bin holds when full, in the same units as on hand. */
  capacity: number;
  items: number;
  lastCountedAt: number | null;
  daysOfCover: number | null;
};

export type RoutePoint = { x: number; z: number };
export type RouteStep = { text: string; distanceM: number; at: RoutePoint };
export type DrawnRoute = { points: RoutePoint[]; lengthM: number; steps: RouteStep[]; y: number };

/** Where the camera should go: what it looks at and where it stands (world coordinates). */
export type CameraGoal = {
  id: number;
  target: readonly [number, number, number];
  position: readonly [number, number, number];
};

export type TwinState = {
  /** The scene is built and has drawn its first frame. */
  ready: boolean;
  binCount: number;
  selected: string | null;
  hovered: { code: string; x: number; y: number } | null;
  highlighted: ReadonlySet<string>;
  heatmap: HeatmapMode;
  cameraMode: CameraMode;
  cameraGoal: CameraGoal | null;
  binStates: ReadonlyMap<string, BinState>;
  route: DrawnRoute | null;
  /** Where walk mode starts (x, z and heading, three.js yaw); null: under the camera. */
  walkFrom: { x: number; z: number; yaw: number } | null;
};

const EMPTY_SET: ReadonlySet<string> = new Set();

function initialState(): TwinState {
  return {
    ready: false,
    binCount: 0,
    selected: null,
    hovered: null,
    highlighted: EMPTY_SET,
    heatmap: 'none',
    cameraMode: 'orbit',
    cameraGoal: null,
    binStates: new Map(),
    route: null,
    walkFrom: null,
  };
}

/**
 * Twin UI state, outside React so the render loop can read it with `getState()` without
 * re-rendering anything. React components subscribe to slices with `useTwin`.
 */
export const twinStore = createStore<TwinState>()(() => initialState());

export function useTwin<T>(selector: (s: TwinState) => T): T {
  return useStore(twinStore, selector);
}

let goalId = 0;

export const twinActions = {
  reset(): void {
    twinStore.setState(initialState());
  },
  select(code: string | null): void {
    twinStore.setState({ selected: code });
  },
  hover(hovered: TwinState['hovered']): void {
    const prev = twinStore.getState().hovered;
    if (prev === hovered) return;
    if (prev && hovered && prev.code === hovered.code && prev.x === hovered.x && prev.y === hovered.y) return;
    twinStore.setState({ hovered });
  },
  highlight(codes: Iterable<string>): void {
    twinStore.setState({ highlighted: new Set(codes) });
  },
  setHeatmap(heatmap: HeatmapMode): void {
    twinStore.setState({ heatmap });
  },
  setCameraMode(cameraMode: CameraMode): void {
    twinStore.setState({ cameraMode, walkFrom: null });
  },
  /** Walk mode from a given spot and heading (the start of a route, facing along it). */
  walkFrom(x: number, z: number, yaw: number): void {
    twinStore.setState({ cameraMode: 'walk', walkFrom: { x, z, yaw } });
  },
  setBinStates(states: readonly BinState[]): void {
    twinStore.setState({ binStates: new Map(states.map((s) => [s.code, s])) });
  },
  setRoute(route: DrawnRoute | null): void {
    twinStore.setState({ route });
  },
  flyTo(target: readonly [number, number, number], position: readonly [number, number, number]): void {
    goalId += 1;
    twinStore.setState({ cameraGoal: { id: goalId, target, position } });
  },
};

/** What tests and benchmarks may read (never write): `window.__twin`. */
export type TwinProbe = {
  ready: boolean;
  highlighted: string[];
  selected: string | null;
  routeLengthM: number | null;
  drawCalls: number;
  bins: number;
};

declare global {
  interface Window {
    __twin?: TwinProbe;
  }
}

export const probe: TwinProbe = {
  ready: false,
  highlighted: [],
  selected: null,
  routeLengthM: null,
  drawCalls: 0,
  bins: 0,
};

function syncProbe(s: TwinState): void {
  probe.ready = s.ready;
  probe.highlighted = [...s.highlighted];
  probe.selected = s.selected;
  probe.routeLengthM = s.route ? s.route.lengthM : null;
  probe.bins = s.binCount;
}

twinStore.subscribe(syncProbe);
syncProbe(twinStore.getState());
if (typeof window !== 'undefined') window.__twin = probe;
