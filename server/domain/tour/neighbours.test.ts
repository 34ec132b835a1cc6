import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import { buildNeighbourLists, kNearestByGrid } from './neighbours.ts';
import type { TourProblem } from './optimise-tour.ts';
import { randomEuclidean } from './test-support.ts';

/** The k smallest distances from i by looking at everything. */
function bruteKth(x: ArrayLike<number>, y: ArrayLike<number>, i: number, k: number): number[] {
  const d: number[] = [];
  for (let j = 0; j < x.length; j++) {
    if (j !== i) d.push(Math.hypot((x[j] ?? 0) - (x[i] ?? 0), (y[j] ?? 0) - (y[i] ?? 0)));
  }
  return d.sort((a, b) => a - b).slice(0, k);
}

function distancesOf(x: ArrayLike<number>, y: ArrayLike<number>, i: number, js: ArrayLike<number>): number[] {
  return Array.from(js, (j) => Math.hypot((x[j] ?? 0) - (x[i] ?? 0), (y[j] ?? 0) - (y[i] ?? 0))).sort(
    (a, b) => a - b,
  );
}

describe('candidate neighbour lists', () => {
  it('grid k-nearest matches brute force on uniform, clustered and lined-up points', () => {
    const rng = mulberry32(4);
    const uniform = Array.from({ length: 700 }, () => [rng.range(0, 100), rng.range(0, 100)] as const);
    // Tight clusters far apart, with exact duplicates, stress the ring search's stopping rule.
    const clustered = Array.from({ length: 600 }, (_, i) => {
      const c = i % 4;
      return [c * 1000 + Math.floor(rng.range(0, 5)), c * 37 + Math.floor(rng.range(0, 5))] as const;
    });
    const line = Array.from({ length: 200 }, (_, i) => [i * 0.5, 7] as const);
    for (const pts of [uniform, clustered, line]) {
      const x = pts.map((p) => p[0]);
      const y = pts.map((p) => p[1]);
      for (const k of [1, 5, 10]) {
        const knn = kNearestByGrid(x, y, pts.length, k);
        for (let i = 0; i < pts.length; i++) {
          const row = knn.subarray(i * k, i * k + k);
          expect(row.includes(i)).toBe(false);
          expect(new Set(row).size).toBe(k);
          // Compared by distance: ties may pick either of two equally near points.
          expect(distancesOf(x, y, i, row)).toEqual(bruteKth(x, y, i, k));
        }
      }
    }
  });

  it('without coordinates, takes the k cheapest by the cost function, sorted by cost', () => {
    const problem = randomEuclidean(60, 2, false);
    const nb = buildNeighbourLists(problem, 6);
    for (let i = 0; i < 60; i++) {
      const from = nb.start[i] ?? 0;
      const row = Array.from(nb.list.subarray(from, nb.start[i + 1]));
      const costs = row.map((j) => problem.cost(i, j));
      const all = Array.from({ length: 60 }, (_, j) => j)
        .filter((j) => j !== i)
        .map((j) => problem.cost(i, j))
        .sort((a, b) => a - b);
      expect(costs).toEqual(all.slice(0, 6));
      expect(Array.from(nb.cost.subarray(from, from + 6))).toEqual(costs);
    }
  });

  it('uses the caller’s neighbours when given, dropping self, duplicates and out-of-range nodes', () => {
    const problem: TourProblem = {
      n: 5,
      cost: (i, j) => Math.abs(i - j),
      neighbours: (i) => [i, 4, 4, 9, -1, (i + 1) % 5],
    };
    const nb = buildNeighbourLists(problem);
    expect(Array.from(nb.list.subarray(nb.start[3], nb.start[4]))).toEqual([4]);
    expect(Array.from(nb.list.subarray(nb.start[0], nb.start[1]))).toEqual([1, 4]);
  });
});
