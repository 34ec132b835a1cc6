/**
 * Route planning. Two ways to build the flown sequence compete:
 * - route first: segments are ordered by the shared tour optimiser (the dock is node 0), each
 *   segment's direction is chosen exactly by dynamic programming over that order;
 * - cluster first: every aisle is cut into U-shaped bands sized to the battery (bands.ts).
 * Each sequence is cut into sorties by a dynamic programme that minimises the audit's duration
 * (flight plus charging) subject to the battery. The plan built from the starting (serpentine)
 * order goes through the same split, and the one with the least flight time of the three is kept,
 * so a plan never flies longer than its starting order.
 */

import { invalid } from '../../../common/errors.ts';
import { optimiseTour } from '../tour/optimise-tour.ts';
import { bandSequence } from './bands.ts';
import { type DroneConfig, usableSeconds } from './config.ts';
import {
  type DockStop,
  dockFlightPoint,
  type FlightSpace,
  flightDistance,
  nearestDock,
} from './flight-space.ts';
import { moveSeconds, type ScanPoint, type Segment } from './waypoints.ts';

export type Sortie = {
  /** Where it takes off (the previous sortie's landing dock) and lands (the dock nearest its last bin). */
  fromDock: string;
  toDock: string;
  scans: ScanPoint[];
  distanceM: number;
  /** Airborne seconds: moving plus hovering to scan. */
  flightS: number;
  scanS: number;
};

export type PlanFigures = {
  bins: number;
  sorties: number;
  distanceM: number;
  /** Airborne time over all sorties. */
  flightS: number;
  /** First take-off to last landing, charging between sorties included. */
  durationS: number;
  binsPerHour: number;
};

export type RoutePlan = { sorties: Sortie[]; figures: PlanFigures };

export type PlanHooks = {
  progress?: (fraction: number, stage: string) => void;
  /** Gives the event loop a turn; may throw to cancel. */
  yield?: () => Promise<void>;
  signal?: AbortSignal;
  now?: () => number;
  seed?: number;
};

/** Which sequence the kept plan was split from. */
export type PlanMethod = 'aisle-bands' | 'segment-tour' | 'starting-order';

export type PlannedRoute = RoutePlan & {
  method: PlanMethod;
  /** The same pipeline on the serpentine starting order, for comparison. */
  startingOrder: PlanFigures;
  optimiser: { initialLength: number; length: number; ms: number };
};

/** Aisle by aisle; in each, the left face up the aisle and the right face back: the starting order. */
export function serpentineOrder(segments: readonly Segment[]): number[] {
  const key = (s: Segment) => {
    const first = s.scans[0];
    return first ? { place: first.place, right: first.face === 'right' ? 1 : 0, pos: first.position } : null;
  };
  return segments
    .map((s, i) => ({ i, k: key(s) }))
    .sort((a, b) => {
      if (a.k === null || b.k === null) return a.i - b.i;
      if (a.k.place !== b.k.place) return a.k.place - b.k.place;
      if (a.k.right !== b.k.right) return a.k.right - b.k.right;
      return a.k.right === 0 ? a.k.pos - b.k.pos : b.k.pos - a.k.pos;
    })
    .map((x) => x.i);
}

/**
 * The serpentine aisle-by-aisle baseline: each face flown level by level along the aisle (a
 * lawnmower: level 1 up the aisle, level 2 back, ...), aisles in turn, the left face then the right.
 */
export function baselineSequence(scans: readonly ScanPoint[]): ScanPoint[] {
  const rows = new Map<string, ScanPoint[]>();
  for (const s of scans) {
    const key = `${String(s.place).padStart(6, '0')}|${s.face === 'left' ? 0 : 1}|${String(s.level).padStart(3, '0')}`;
    const row = rows.get(key);
    if (row) row.push(s);
    else rows.set(key, [s]);
  }
  const out: ScanPoint[] = [];
  let forwards = true;
  for (const key of [...rows.keys()].sort()) {
    const row = rows.get(key) ?? [];
    row.sort((a, b) => (forwards ? a.position - b.position : b.position - a.position));
    out.push(...row);
    forwards = !forwards;
  }
  return out;
}

function ends(s: Segment): [ScanPoint, ScanPoint] {
  const a = s.scans[0];
  const b = s.scans[s.scans.length - 1];
  if (a === undefined || b === undefined) throw new Error('empty segment');
  return [a, b];
}

/** Exact best directions for segments flown in `order`, starting and ending at the dock. */
export function orientSegments(
  space: FlightSpace,
  segments: readonly Segment[],
  order: readonly number[],
): boolean[] {
  const dock = dockFlightPoint(space);
  const m = order.length;
  if (m === 0) return [];
  // cost[k][o]: best cost up to and including segment k flown with orientation o (1 = reversed).
  const cost = new Float64Array(m * 2);
  const from = new Int8Array(m * 2);
  const seg = (k: number) => {
    const s = segments[order[k] ?? -1];
    if (s === undefined) throw new Error('bad order');
    return ends(s);
  };
  const startOf = (k: number, o: number) => seg(k)[o];
  const endOf = (k: number, o: number) => seg(k)[1 - o];
  for (let o = 0; o < 2; o++) cost[o] = flightDistance(space, dock, startOf(0, o) as ScanPoint);
  for (let k = 1; k < m; k++) {
    for (let o = 0; o < 2; o++) {
      let best = Number.POSITIVE_INFINITY;
      let arg = 0;
      for (let p = 0; p < 2; p++) {
        const c =
          (cost[(k - 1) * 2 + p] ?? 0) +
          flightDistance(space, endOf(k - 1, p) as ScanPoint, startOf(k, o) as ScanPoint);
        if (c < best) {
          best = c;
          arg = p;
        }
      }
      cost[k * 2 + o] = best;
      from[k * 2 + o] = arg;
    }
  }
  const close = (o: number) =>
    (cost[(m - 1) * 2 + o] ?? 0) + flightDistance(space, endOf(m - 1, o) as ScanPoint, dock);
  let o = close(0) <= close(1) ? 0 : 1;
  const out = new Array<boolean>(m);
  for (let k = m - 1; k >= 0; k--) {
    out[k] = o === 1;
    o = from[k * 2 + o] ?? 0;
  }
  return out;
}

export function flatten(
  segments: readonly Segment[],
  order: readonly number[],
  reversed: readonly boolean[],
): ScanPoint[] {
  const out: ScanPoint[] = [];
  order.forEach((i, k) => {
    const s = segments[i];
    if (s === undefined) return;
    if (reversed[k]) for (let j = s.scans.length - 1; j >= 0; j--) out.push(s.scans[j] as ScanPoint);
    else out.push(...s.scans);
  });
  return out;
}

/**
 * Cuts a scan sequence into sorties, each leaving from and returning to the dock within the usable
 * battery, minimising flight plus charging time. Optimal for the given sequence. A sortie's time
 * only grows as it starts earlier (the triangle inequality), so each end looks back only as far as
 * one battery reaches.
 */
export function splitIntoSorties(
  space: FlightSpace,
  seq: readonly ScanPoint[],
  config: DroneConfig,
): RoutePlan {
  const m = seq.length;
  const home: DockStop = { ...dockFlightPoint(space), code: space.dock.code };
  const usable = usableSeconds(config);
  const charge = config.chargeMinutes * 60;
  // A sortie lands at the dock nearest its last bin; the next one takes off from there.
  const landAt: DockStop[] = new Array(m);
  const land = new Float64Array(m); // last bin -> its landing dock
  const takeOff = new Float64Array(m); // the dock the drone is at -> this bin, when a sortie starts here
  const prefix = new Float64Array(m); // metres from seq[0] to seq[k] along the sequence
  const prefixS = new Float64Array(m); // seconds for the same moves
  for (let k = 0; k < m; k++) {
    const s = seq[k] as ScanPoint;
    const near = nearestDock(space, s);
    landAt[k] = near.dock;
    land[k] = near.distance;
    if (k > 0) {
      const prev = seq[k - 1] as ScanPoint;
      const d = flightDistance(space, prev, s);
      prefix[k] = (prefix[k - 1] ?? 0) + d;
      prefixS[k] = (prefixS[k - 1] ?? 0) + moveSeconds(prev, s, d, config);
      takeOff[k] = flightDistance(space, landAt[k - 1] ?? home, s);
    } else takeOff[k] = flightDistance(space, home, s);
  }
  const metres = (i: number, j: number) =>
    (takeOff[i] ?? 0) + (prefix[j] ?? 0) - (prefix[i] ?? 0) + (land[j] ?? 0);
  const seconds = (i: number, j: number) =>
    ((takeOff[i] ?? 0) + (land[j] ?? 0)) / config.speedMps +
    (prefixS[j] ?? 0) -
    (prefixS[i] ?? 0) +
    (j - i + 1) * config.secondsPerScan;

  const tooFar = seq.filter((_, k) => seconds(k, k) > usable).map((s) => s.code);
  if (tooFar.length > 0) {
    throw invalid(
      `${tooFar.length} bin(s) are too far from a dock for one battery (${config.batteryMinutes} min less ${config.reserveMinutes} min reserve): ${tooFar.slice(0, 5).join(', ')}`,
      { bins: tooFar },
    );
  }
  // best[j + 1]: least time to fly seq[0..j]; a charge is counted after every sortie, less one.
  const best = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
  const start = new Int32Array(m + 1);
  best[0] = -charge;
  for (let j = 0; j < m; j++) {
    for (let i = j; i >= 0; i--) {
      const t = seconds(i, j);
      if (t > usable) break;
      const c = (best[i] ?? 0) + t + charge;
      if (c < (best[j + 1] ?? Number.POSITIVE_INFINITY)) {
        best[j + 1] = c;
        start[j + 1] = i;
      }
    }
  }
  const sorties: Sortie[] = [];
  for (let j = m; j > 0; ) {
    const i = start[j] ?? 0;
    const scanS = (j - i) * config.secondsPerScan;
    sorties.push({
      fromDock: i === 0 ? home.code : (landAt[i - 1]?.code ?? home.code),
      toDock: landAt[j - 1]?.code ?? home.code,
      scans: seq.slice(i, j),
      distanceM: metres(i, j - 1),
      flightS: seconds(i, j - 1),
      scanS,
    });
    j = i;
  }
  sorties.reverse();
  return { sorties, figures: figuresOf(sorties, config) };
}

export function figuresOf(sorties: readonly Sortie[], config: DroneConfig): PlanFigures {
  const bins = sorties.reduce((s, x) => s + x.scans.length, 0);
  const distanceM = sorties.reduce((s, x) => s + x.distanceM, 0);
  const flightS = sorties.reduce((s, x) => s + x.flightS, 0);
  const durationS = flightS + Math.max(0, sorties.length - 1) * config.chargeMinutes * 60;
  return {
    bins,
    sorties: sorties.length,
    distanceM,
    flightS,
    durationS,
    binsPerHour: durationS > 0 ? bins / (durationS / 3600) : 0,
  };
}

/** Default optimiser budget: grows with the problem, capped so a full site plans in seconds. */
export function optimiseBudgetMs(segments: number): number {
  return Math.min(2500, Math.max(50, segments * 4));
}

/** The optimiser runs in slices this long, so progress is reported and a cancel is seen between them. */
const SLICE_MS = 250;

export async function planRoute(
  space: FlightSpace,
  segments: readonly Segment[],
  config: DroneConfig,
  hooks: PlanHooks = {},
): Promise<PlannedRoute> {
  const now = hooks.now ?? (() => performance.now());
  const n = segments.length + 1;
  const dock = dockFlightPoint(space);
  const segEnds = segments.map(ends);
  const pairCost = (i: number, j: number): number => {
    if (i === j) return 0;
    if (i === 0 || j === 0) {
      const [a, b] = segEnds[(i === 0 ? j : i) - 1] as [ScanPoint, ScanPoint];
      return Math.min(flightDistance(space, dock, a), flightDistance(space, dock, b));
    }
    const [a, b] = segEnds[i - 1] as [ScanPoint, ScanPoint];
    const [c, d] = segEnds[j - 1] as [ScanPoint, ScanPoint];
    return Math.min(
      flightDistance(space, a, c),
      flightDistance(space, a, d),
      flightDistance(space, b, c),
      flightDistance(space, b, d),
    );
  };
  hooks.progress?.(0.3, 'Measuring flight distances');
  // A full matrix for up to ~3,000 segments (72 MB at most); beyond that, computed on demand.
  let cost = pairCost;
  if (n <= 3000) {
    const matrix = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const c = pairCost(i, j);
        matrix[i * n + j] = c;
        matrix[j * n + i] = c;
      }
      if (i % 200 === 199) await hooks.yield?.();
    }
    cost = (i, j) => matrix[i * n + j] ?? 0;
  }
  const xs = new Float64Array(n);
  const zs = new Float64Array(n);
  xs[0] = dock.x;
  zs[0] = dock.z;
  segments.forEach((s, k) => {
    xs[k + 1] = s.centre.x;
    zs[k + 1] = s.centre.z;
  });
  const problem = { n, cost, coords: { x: xs, y: zs } };
  const startOrder = serpentineOrder(segments);
  let tour = [0, ...startOrder.map((i) => i + 1)];
  const budget = config.optimiseMs ?? optimiseBudgetMs(segments.length);
  const started = now();
  let initialLength: number | null = null;
  let length = 0;
  const slices = Math.max(1, Math.ceil(budget / SLICE_MS));
  for (let slice = 0; slice < slices; slice++) {
    hooks.progress?.(0.35 + (0.5 * slice) / slices, 'Optimising the route');
    const result = optimiseTour(problem, {
      timeBudgetMs: budget / slices,
      seed: (hooks.seed ?? 1) + slice,
      initial: tour,
      startAt: 0,
      now,
      ...(hooks.signal ? { signal: hooks.signal } : {}),
    });
    initialLength ??= result.initialLength;
    tour = result.tour;
    length = result.length;
    await hooks.yield?.();
    if (hooks.signal?.aborted) break;
  }
  const ms = now() - started;

  hooks.progress?.(0.88, 'Splitting into sorties');
  const order = tour.filter((i) => i !== 0).map((i) => i - 1);
  const optimised = splitIntoSorties(
    space,
    flatten(segments, order, orientSegments(space, segments, order)),
    config,
  );
  await hooks.yield?.();
  const starting = splitIntoSorties(
    space,
    flatten(segments, startOrder, orientSegments(space, segments, startOrder)),
    config,
  );
  await hooks.yield?.();
  hooks.progress?.(0.94, 'Cutting aisles into bands');
  const banded = splitIntoSorties(
    space,
    bandSequence(
      space,
      segments.flatMap((s) => s.scans),
      config,
    ),
    config,
  );
  // The least flight time wins (the audit's objective; each split already weighs charging), then the
  // shorter duration; remaining ties go to the starting order, then the tour.
  const candidates: [PlanMethod, RoutePlan][] = [
    ['starting-order', starting],
    ['segment-tour', optimised],
    ['aisle-bands', banded],
  ];
  const better = (a: PlanFigures, b: PlanFigures) =>
    a.flightS < b.flightS - 1e-6 || (Math.abs(a.flightS - b.flightS) <= 1e-6 && a.durationS < b.durationS);
  let [method, chosen] = candidates[0] as [PlanMethod, RoutePlan];
  for (const [m, plan] of candidates) {
    if (better(plan.figures, chosen.figures)) [method, chosen] = [m, plan];
  }
  return {
    ...chosen,
    method,
    startingOrder: starting.figures,
    optimiser: { initialLength: initialLength ?? length, length, ms },
  };
}
