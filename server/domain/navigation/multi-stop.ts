/**
 * Visiting order for a handful of stops: walking distances from the navmesh, nearest neighbour, then
 * 2-opt until nothing improves. Deterministic (ties go to the lower index) and never worse than the
 * order the caller gave, which is kept when it is already as short.
 */
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

function nearestNeighbour(d: readonly Float64Array[], n: number): number[] {
  const used = new Uint8Array(n);
  const order: number[] = [];
  let at = 0;
  for (let k = 0; k < n; k++) {
    let best = -1;
    let bestD = Number.POSITIVE_INFINITY;
    for (let s = 0; s < n; s++) {
      const v = d[at]?.[s + 1] ?? Number.POSITIVE_INFINITY;
      if (used[s] === 0 && (best < 0 || v < bestD)) {
        best = s;
        bestD = v;
      }
    }
    used[best] = 1;
    order.push(best);
    at = best + 1;
  }
  return order;
}

/** Reverses order[i..j] while that shortens the tour; recomputes whole tours so asymmetry is fine. */
function twoOpt(d: readonly Float64Array[], order: number[], hasEnd: boolean, n: number): number[] {
  let best = order;
  let bestLen = tourLength(d, best, hasEnd, n);
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const cand = [...best.slice(0, i), ...best.slice(i, j + 1).reverse(), ...best.slice(j + 1)];
        const len = tourLength(d, cand, hasEnd, n);
        // A relative margin stops float noise from looping between equal tours.
        if (len < bestLen - 1e-9 * Math.max(1, bestLen)) {
          best = cand;
          bestLen = len;
          improved = true;
        }
      }
    }
  }
  return best;
}

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
  const improved = n > 1 ? twoOpt(d, nearestNeighbour(d, n), hasEnd, n) : identity;
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
