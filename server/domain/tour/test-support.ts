/** Instances and a brute-force solver shared by the tour tests. */
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import type { TourProblem } from './optimise-tour.ts';

export function randomEuclidean(n: number, seed: number, withCoords = true): TourProblem {
  const rng = mulberry32(seed);
  const x = Float64Array.from({ length: n }, () => rng.range(0, 1000));
  const y = Float64Array.from({ length: n }, () => rng.range(0, 1000));
  const cost = (i: number, j: number): number =>
    Math.hypot((x[i] ?? 0) - (x[j] ?? 0), (y[i] ?? 0) - (y[j] ?? 0));
  return withCoords ? { n, cost, coords: { x, y } } : { n, cost };
}

/** Shortest closed tour by trying every order of nodes 1..n-1 after node 0. */
export function bruteForceLength(problem: TourProblem): number {
  const rest = Array.from({ length: problem.n - 1 }, (_, i) => i + 1);
  let best = Number.POSITIVE_INFINITY;
  const walk = (at: number, sofar: number, left: number[]): void => {
    if (sofar >= best) return;
    if (left.length === 0) {
      best = Math.min(best, sofar + problem.cost(at, 0));
      return;
    }
    for (let k = 0; k < left.length; k++) {
      const v = left[k] ?? 0;
      walk(v, sofar + problem.cost(at, v), [...left.slice(0, k), ...left.slice(k + 1)]);
    }
  };
  walk(0, 0, rest);
  return best;
}

export function isPermutation(tour: readonly number[], n: number): boolean {
  return tour.length === n && [...tour].sort((a, b) => a - b).every((v, i) => v === i);
}
