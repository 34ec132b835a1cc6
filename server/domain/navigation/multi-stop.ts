/**
 * Visiting order for a pick list's stops: walking distances from the navmesh, then the shared tour
 * optimiser (server/domain/tour) on the open path start → stops → end. Deterministic (fixed seed and
 * a kick cap) and never worse than the order the caller gave, which is kept when it is already as
 * short.
 */
import { optimiseTour, type TourProblem } from '../tour/optimise-tour.ts';
import type { Navigator, ResolvedPoint } from './navmesh.ts';
import { polylineLength, type RouteResult, type RouteStep } from './route.ts';
import type { Target } from './targets.ts';

export type MultiStopResult = { order: number[]; route: RouteResult };

/** Total walk for start → stops in `order` → end (when there is one), from the distance matrix. */
function tourLength(
  d: readonly Float64Array[],
  order: readonly number[],
  hasEnd: boolean,
  n: number,
): number {
  // Matrix indices: 0 is the start, 1..n the stops, n + 1 the end.
  let total = 0;
  let at = 0;
  for (const s of order) {
    total += d[at]?.[s + 1] ?? Number.POSITIVE_INFINITY;
    at = s + 1;
  }
  if (hasEnd) total += d[at]?.[n + 1] ?? Number.POSITIVE_INFINITY;
  return total;
}

/**
 * The walk start → stops → end as a closed tour for the shared optimiser: a dummy node joined to the
 * start (and to the end, when there is one) for free and to everything else at a price no route can
 * save, so every tour worth having opens at the dummy into start → … → end. Walking distances can
 * differ slightly by direction; the optimiser wants symmetric costs, so each pair gets the mean.
 */
function pathAsTour(
  d: readonly Float64Array[],
  n: number,
  hasEnd: boolean,
): { problem: TourProblem; dummy: number } {
  const size = d.length;
  const dummy = size;
  let longest = 0;
  for (const row of d) for (const v of row) if (Number.isFinite(v) && v > longest) longest = v;
  const penalty = 1 + 2 * size * longest;
  const unreachable = 2 * penalty;
  const cost = (i: number, j: number): number => {
    if (i === j) return 0;
    if (i === dummy || j === dummy) {
      const other = i === dummy ? j : i;
      return other === 0 || (hasEnd && other === n + 1) ? 0 : penalty;
    }
    const v = ((d[i]?.[j] ?? Number.POSITIVE_INFINITY) + (d[j]?.[i] ?? Number.POSITIVE_INFINITY)) / 2;
    return Number.isFinite(v) ? v : unreachable;
  };
  return { problem: { n: size + 1, cost }, dummy };
}

/** Stop order (0-based) from the optimiser's closed tour, read from the dummy through the start. */
function stopsFromTour(tour: readonly number[], n: number): number[] {
  // The tour starts at the dummy; walk it in whichever direction reaches the start first.
  const forward = tour[1] === 0 ? tour.slice(1) : tour.slice(1).reverse();
  return forward.filter((v) => v >= 1 && v <= n).map((v) => v - 1);
}

/**
 * The search is bounded by work, not time, so the same pick list gets the same order on any machine
 * under any load: 50 kicks per stop is a few milliseconds for the lists people walk.
 */
const KICKS_PER_NODE = 50;

function concat(nav: Navigator, points: readonly ResolvedPoint[]): RouteResult {
  const all: { x: number; z: number }[] = [];
  const steps: RouteStep[] = [];
  let lengthM = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a === undefined || b === undefined) continue;
    const leg = nav.routeBetween(a, b);
    if (!leg.ok) return leg;
    // Each leg starts where the previous one ended; drop the duplicate point.
    all.push(...(all.length > 0 ? leg.points.slice(1) : leg.points));
    steps.push(...leg.steps);
    lengthM += leg.lengthM;
  }
  if (all.length === 0 && points[0] !== undefined) all.push({ x: points[0].x, z: points[0].z });
  return { ok: true, points: all, lengthM, steps };
}

export function orderStops(nav: Navigator, start: Target, stops: Target[], end?: Target): MultiStopResult {
  const n = stops.length;
  const identity = stops.map((_, i) => i);
  const targets = end === undefined ? [start, ...stops] : [start, ...stops, end];
  const points: ResolvedPoint[] = [];
  for (const t of targets) {
    const r = nav.resolve(t);
    if (!r.ok) return { order: identity, route: r };
    points.push(r.point);
  }
  const d = points.map(() => new Float64Array(points.length));
  for (let i = 0; i < points.length; i++) {
    for (let j = 0; j < points.length; j++) {
      const a = points[i];
      const b = points[j];
      const row = d[i];
      if (a === undefined || b === undefined || row === undefined || i === j) continue;
      const path = nav.path(a, b);
      row[j] = path === null ? Number.POSITIVE_INFINITY : polylineLength(path);
    }
  }
  const hasEnd = end !== undefined;
  const given = tourLength(d, identity, hasEnd, n);
  if (!Number.isFinite(given)) {
    const route = concat(nav, points);
    return {
      order: identity,
      route: route.ok ? { ok: false, reason: 'some stops cannot be reached' } : route,
    };
  }
  let improved = identity;
  if (n > 1) {
    const { problem, dummy } = pathAsTour(d, n, hasEnd);
    const initial = [dummy, 0, ...identity.map((s) => s + 1), ...(hasEnd ? [n + 1] : [])];
    const result = optimiseTour(problem, {
      timeBudgetMs: Number.POSITIVE_INFINITY,
      maxIterations: KICKS_PER_NODE * problem.n,
      initial,
      startAt: dummy,
      seed: 1,
    });
    improved = stopsFromTour(result.tour, n);
  }
  const order = tourLength(d, improved, hasEnd, n) < given ? improved : identity;
  const visit = [points[0], ...order.map((s) => points[s + 1])];
  if (hasEnd) visit.push(points[n + 1]);
  return {
    order,
    route: concat(
      nav,
      visit.filter((p): p is ResolvedPoint => p !== undefined),
    ),
  };
}
