import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import { ArrayTour } from './array-tour.ts';
import { LocalSearch } from './local-search.ts';
import { buildNeighbourLists } from './neighbours.ts';
import { tourLength } from './optimise-tour.ts';
import { localDoubleBridge } from './perturb.ts';
import { isPermutation, randomEuclidean } from './test-support.ts';

/** Each move's claimed gain must be the tour's real change, or the search optimises fiction. */
describe('local search moves', () => {
  it('shorten the tour by exactly the gain they report, with and without Or-opt and chains', () => {
    for (const [n, seed] of [
      [20, 1],
      [200, 2],
      [1000, 3],
    ] as const) {
      const problem = randomEuclidean(n, seed);
      const nb = buildNeighbourLists(problem);
      for (const twoOptOnly of [true, false]) {
        const rng = mulberry32(seed);
        const start = Array.from({ length: n }, (_, i) => i).sort(() => rng.next() - 0.5);
        const tour = new ArrayTour(start);
        const ls = new LocalSearch(problem.cost, nb, tour, { twoOptOnly, eps: 1e-9 });
        ls.pushAll(tour.order);
        const gain = ls.run(() => false);
        const after = tour.toArray();
        expect(isPermutation(after, n)).toBe(true);
        expect(tourLength(problem, start) - tourLength(problem, after)).toBeCloseTo(gain, 6);
        expect(gain).toBeGreaterThan(0);
      }
    }
  });

  it('kick reports its own length change and is undone exactly by rollback', () => {
    const problem = randomEuclidean(300, 4);
    const tour = new ArrayTour(Array.from({ length: 300 }, (_, i) => i));
    const rng = mulberry32(5);
    const touched = new Int32Array(6);
    for (let k = 0; k < 200; k++) {
      const before = tour.toArray();
      const delta = localDoubleBridge(tour, problem.cost, rng, touched);
      expect(tourLength(problem, tour.toArray()) - tourLength(problem, before)).toBeCloseTo(delta, 6);
      if (k % 2 === 0) {
        tour.rollback(0);
        expect(tour.toArray()).toEqual(before);
      } else tour.commit();
    }
  });
});
