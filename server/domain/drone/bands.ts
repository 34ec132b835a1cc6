/**
 * Cluster first: each aisle is cut into bands of consecutive bay positions, and one sortie flies a
 * band as a U: up the aisle along one face and back along the other, so the flight to and from the
 * dock is paid once per band instead of once per face stretch. Where the cuts go is chosen per aisle
 * by dynamic programming over the positions, with every sortie's time computed exactly (take-off,
 * scan moves, the turn across the aisle, landing, hover) and held within the battery.
 *
 * Why: a full site is dominated by dock commutes, and a sortie that scans one face outwards has to
 * fly the whole stretch back empty. The route-first plan (optimised segment tour, then the optimal
 * split) cannot see that, because the split only cuts a fixed sequence; here the sequence is built
 * around the battery instead. The result is still a flat scan sequence, so the caller splits it with
 * the same exact split as every other plan (which may merge or move a cut when that is shorter).
 */
import { type DroneConfig, usableSeconds } from './config.ts';
import {
  dockFlightPoint,
  type FlightPoint,
  type FlightSpace,
  flightDistance,
  nearestDock,
} from './flight-space.ts';
import { moveSeconds, type ScanPoint } from './waypoints.ts';

/** One face of one aisle in stored order: positions ascending, levels up on even positions, down on odd. */
type Face = {
  scans: ScanPoint[];
  /** prefixS[k]: seconds of scan moves from scans[0] to scans[k]. */
  prefixS: Float64Array;
  /** dockM[k]: metres between scans[k] and the dock a sortie starting or ending there uses. */
  dockM: Float64Array;
};

function faceOf(t: Timing, scans: ScanPoint[]): Face {
  const { space, config } = t;
  // The same parity on both faces makes the U's turn land at the level where the other face starts.
  scans.sort((a, b) => {
    if (a.position !== b.position) return a.position - b.position;
    return a.position % 2 === 0 ? a.level - b.level : b.level - a.level;
  });
  const prefixS = new Float64Array(scans.length);
  for (let k = 1; k < scans.length; k++) {
    const a = scans[k - 1] as ScanPoint;
    const b = scans[k] as ScanPoint;
    prefixS[k] = (prefixS[k - 1] ?? 0) + moveSeconds(a, b, flightDistance(space, a, b), config);
  }
  // With landing at the nearest dock the previous sortie usually ended nearby: count take-off from the
  // dock nearest the band's start. The exact split afterwards accounts for the real docks.
  const dockM = Float64Array.from(scans, (s) =>
    config.landAtNearestDock ? nearestDock(space, s).distance : flightDistance(space, t.home, s),
  );
  return { scans, prefixS, dockM };
}

/** First index in `scans` (sorted by position) whose position is at least `p`. */
function lowerBound(scans: readonly ScanPoint[], p: number): number {
  let lo = 0;
  let hi = scans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((scans[mid] as ScanPoint).position < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A run of one face, flown forwards (ascending position) or backwards. */
type Run = { face: Face; from: number; to: number; forwards: boolean };

const firstIndex = (r: Run) => (r.forwards ? r.from : r.to - 1);
const lastIndex = (r: Run) => (r.forwards ? r.to - 1 : r.from);
const runFirst = (r: Run) => r.face.scans[firstIndex(r)] as ScanPoint;
const runLast = (r: Run) => r.face.scans[lastIndex(r)] as ScanPoint;
const runSeconds = (r: Run) => (r.face.prefixS[r.to - 1] ?? 0) - (r.face.prefixS[r.from] ?? 0);

/** The four ways to fly a band as a U: which face first, and from which end. */
function uShapes(a: Face, b: Face, i: [number, number], j: [number, number]): Run[][] {
  const shapes: Run[][] = [];
  for (const [first, second, fi, si] of [
    [a, b, i, j],
    [b, a, j, i],
  ] as const) {
    for (const forwards of [true, false]) {
      const runs: Run[] = [];
      if (fi[1] > fi[0]) runs.push({ face: first, from: fi[0], to: fi[1], forwards });
      if (si[1] > si[0]) runs.push({ face: second, from: si[0], to: si[1], forwards: !forwards });
      shapes.push(runs);
    }
  }
  return shapes;
}

type Timing = { space: FlightSpace; config: DroneConfig; home: FlightPoint };

/** Airborne seconds of one sortie flying `runs` from the dock and back (landing at the nearest dock if configured). */
function sortieSeconds(t: Timing, runs: readonly Run[]): number {
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (first === undefined || last === undefined) return 0;
  const takeOff = first.face.dockM[firstIndex(first)] ?? 0;
  const land = last.face.dockM[lastIndex(last)] ?? 0;
  let s = (takeOff + land) / t.config.speedMps;
  let bins = 0;
  let prev: ScanPoint | null = null;
  for (const r of runs) {
    const a = runFirst(r);
    if (prev !== null) s += moveSeconds(prev, a, flightDistance(t.space, prev, a), t.config);
    s += runSeconds(r);
    bins += r.to - r.from;
    prev = runLast(r);
  }
  return s + bins * t.config.secondsPerScan;
}

function flattenRuns(runs: readonly Run[], out: ScanPoint[]): void {
  for (const r of runs) {
    if (r.forwards) for (let k = r.from; k < r.to; k++) out.push(r.face.scans[k] as ScanPoint);
    else for (let k = r.to - 1; k >= r.from; k--) out.push(r.face.scans[k] as ScanPoint);
  }
}

/**
 * Bands of one aisle: least flight plus charging over all cuts, each band within the battery. Bands
 * that cannot fit (a single position too far for one battery) are left as one position each; the
 * exact split afterwards reports them by name.
 */
function aisleBands(t: Timing, left: Face, right: Face): { seconds: number; bands: Run[][] } {
  const positions = [...new Set([...left.scans, ...right.scans].map((s) => s.position))].sort(
    (a, b) => a - b,
  );
  const p = positions.length;
  const usable = usableSeconds(t.config);
  const charge = t.config.chargeMinutes * 60;
  const index = (face: Face, k: number) =>
    k >= p ? face.scans.length : lowerBound(face.scans, positions[k] ?? 0);
  const li = Array.from({ length: p + 1 }, (_, k) => index(left, k));
  const ri = Array.from({ length: p + 1 }, (_, k) => index(right, k));
  const best = new Float64Array(p + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(p + 1);
  const shape: Run[][] = new Array(p + 1);
  best[0] = 0;
  for (let j = 1; j <= p; j++) {
    for (let i = j - 1; i >= 0; i--) {
      const shapes = uShapes(left, right, [li[i] ?? 0, li[j] ?? 0], [ri[i] ?? 0, ri[j] ?? 0]);
      let bandBest = Number.POSITIVE_INFINITY;
      let bandShape: Run[] = [];
      for (const runs of shapes) {
        const s = sortieSeconds(t, runs);
        if (s < bandBest) {
          bandBest = s;
          bandShape = runs;
        }
      }
      // Longer bands only take longer; one position always stays allowed so every bin is placed.
      if (bandBest > usable && i < j - 1) break;
      const c = (best[i] ?? 0) + bandBest + charge;
      if (c < (best[j] ?? Number.POSITIVE_INFINITY)) {
        best[j] = c;
        from[j] = i;
        shape[j] = bandShape;
      }
    }
  }
  const bands: Run[][] = [];
  for (let j = p; j > 0; j = from[j] ?? 0) bands.push(shape[j] ?? []);
  return { seconds: best[p] ?? 0, bands: bands.reverse() };
}

/**
 * All scans as one sequence of U-shaped bands, aisle by aisle. Aisles alternate near-to-far and
 * far-to-near so that the split may join the last band of one aisle with the first of the next.
 */
export function bandSequence(
  space: FlightSpace,
  scans: readonly ScanPoint[],
  config: DroneConfig,
): ScanPoint[] {
  const byPlace = new Map<number, { left: ScanPoint[]; right: ScanPoint[] }>();
  for (const s of scans) {
    let g = byPlace.get(s.place);
    if (g === undefined) {
      g = { left: [], right: [] };
      byPlace.set(s.place, g);
    }
    (s.face === 'left' ? g.left : g.right).push(s);
  }
  const t: Timing = { space, config, home: dockFlightPoint(space) };
  const out: ScanPoint[] = [];
  let outwards = true;
  for (const place of [...byPlace.keys()].sort((a, b) => a - b)) {
    const g = byPlace.get(place);
    if (g === undefined) continue;
    const { bands } = aisleBands(t, faceOf(t, g.left), faceOf(t, g.right));
    const near = (runs: Run[]) => {
      const first = runs[0];
      return first ? flightDistance(space, t.home, runFirst(first)) : 0;
    };
    // Bands in the order that walks the aisle away from the dock, or back towards it.
    const head = bands[0];
    const tail = bands[bands.length - 1];
    const ascendingIsOutwards = head === undefined || tail === undefined || near(head) <= near(tail);
    if (ascendingIsOutwards !== outwards) bands.reverse();
    for (const runs of bands) flattenRuns(runs, out);
    outwards = !outwards;
  }
  return out;
}
