import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../common/errors.ts';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import { exactTour } from './exact.ts';
import { optimiseTour, type TourProblem, tourLength } from './optimise-tour.ts';
import { bruteForceLength, isPermutation, randomEuclidean } from './test-support.ts';

const LOTS_OF_TIME = 60_000;

function shuffled(n: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j] ?? 0, a[i] ?? 0];
  }
  return a;
}

describe('optimiseTour', () => {
  it('finds the brute-force optimum on small random instances', () => {
    for (let n = 4; n <= 9; n++) {
      for (const seed of [1, 2, 3]) {
        const problem = randomEuclidean(n, 100 * n + seed, seed !== 2);
        const { tour, length } = optimiseTour(problem, { timeBudgetMs: LOTS_OF_TIME });
        expect(isPermutation(tour, n)).toBe(true);
        expect(length).toBeCloseTo(bruteForceLength(problem), 6);
      }
    }
  });

  it('reaches the exact optimum with the heuristic once problems are too big for the exact solver', () => {
    for (const seed of [1, 2, 3, 4]) {
      const problem = randomEuclidean(15, seed);
      const optimum = tourLength(problem, exactTour(problem));
      const { length, iterations } = optimiseTour(problem, {
        timeBudgetMs: LOTS_OF_TIME,
        maxIterations: 3000,
      });
      expect(iterations).toBe(3000);
      expect(length).toBeCloseTo(optimum, 6);
    }
  });

  it('recovers the optimal 360 on a shuffled 6 × 6 lattice of spacing 10', () => {
    const x: number[] = [];
    const y: number[] = [];
    for (const i of shuffled(36, 9)) {
      x.push((i % 6) * 10);
      y.push(Math.floor(i / 6) * 10);
    }
    const problem: TourProblem = {
      n: 36,
      cost: (i, j) => Math.hypot((x[i] ?? 0) - (x[j] ?? 0), (y[i] ?? 0) - (y[j] ?? 0)),
      coords: { x, y },
    };
    expect(optimiseTour(problem, { timeBudgetMs: LOTS_OF_TIME, maxIterations: 2000 }).length).toBeCloseTo(
      360,
      6,
    );
  });

  it('is never longer than the starting tour it is given, and reports that tour as the initial length', () => {
    for (const n of [5, 13, 60, 300]) {
      const problem = randomEuclidean(n, n);
      const first = optimiseTour(problem, { timeBudgetMs: LOTS_OF_TIME, maxIterations: 200 });
      for (const initial of [shuffled(n, 7), first.tour]) {
        for (const maxIterations of [0, 50]) {
          const r = optimiseTour(problem, { timeBudgetMs: LOTS_OF_TIME, initial, maxIterations });
          expect(r.initialLength).toBeCloseTo(tourLength(problem, initial), 9);
          expect(r.length).toBeLessThanOrEqual(r.initialLength);
          expect(tourLength(problem, r.tour)).toBeCloseTo(r.length, 6);
        }
      }
    }
  });

  it('returns a valid tour starting at startAt for every size, including degenerate geometry', () => {
    const sameSpot: TourProblem = {
      n: 40,
      cost: () => 0,
      coords: { x: new Float64Array(40), y: new Float64Array(40) },
    };
    const onALine: TourProblem = {
      n: 50,
      cost: (i, j) => Math.abs(i - j),
      coords: { x: Float64Array.from({ length: 50 }, (_, i) => i), y: new Float64Array(50) },
    };
    const cases: TourProblem[] = [0, 1, 2, 3, 5, 12, 13, 200].map((n) => randomEuclidean(n, n + 1));
    for (const problem of [...cases, sameSpot, onALine]) {
      const startAt = problem.n > 3 ? 3 : 0;
      const r = optimiseTour(problem, { timeBudgetMs: LOTS_OF_TIME, maxIterations: 100, startAt });
      expect(isPermutation(r.tour, problem.n)).toBe(true);
      if (problem.n > 0) expect(r.tour[0]).toBe(startAt);
    }
    // Points on a line: the optimum walks out and back, twice the span.
    expect(optimiseTour(onALine, { timeBudgetMs: LOTS_OF_TIME, maxIterations: 100 }).length).toBe(98);
  });

  it('gives the same tour for the same seed and iteration cap, whatever the clock says', () => {
    const problem = randomEuclidean(400, 42);
    let fake = 0;
    const slowClock = () => {
      fake += 0.001;
      return fake;
    };
    const a = optimiseTour(problem, { timeBudgetMs: LOTS_OF_TIME, maxIterations: 500, seed: 9 });
    const b = optimiseTour(problem, {
      timeBudgetMs: LOTS_OF_TIME,
      maxIterations: 500,
      seed: 9,
      now: slowClock,
    });
    expect(b.tour).toEqual(a.tour);
    expect(b.iterations).toBe(500);
  });

  it('stops when the injected clock says the budget is spent', () => {
    const problem = randomEuclidean(300, 5);
    let t = 0;
    const clock = () => {
      t += 1;
      return t;
    };
    const r = optimiseTour(problem, { timeBudgetMs: 400, now: clock });
    expect(isPermutation(r.tour, 300)).toBe(true);
    expect(r.iterations ?? 0).toBeLessThan(400);
    expect(r.length).toBeLessThanOrEqual(r.initialLength);
  });

  it('returns the best valid tour so far when aborted, before or during the search', () => {
    const problem = randomEuclidean(500, 8);
    const before = new AbortController();
    before.abort();
    const r1 = optimiseTour(problem, { timeBudgetMs: LOTS_OF_TIME, signal: before.signal });
    expect(isPermutation(r1.tour, 500)).toBe(true);
    expect(r1.iterations).toBe(0);

    const during = new AbortController();
    let calls = 0;
    const clock = () => {
      if (++calls === 2000) during.abort();
      return 0;
    };
    const r2 = optimiseTour(problem, { timeBudgetMs: LOTS_OF_TIME, signal: during.signal, now: clock });
    expect(isPermutation(r2.tour, 500)).toBe(true);
    expect(r2.length).toBeLessThan(r2.initialLength);
    expect(r2.iterations ?? 0).toBeGreaterThan(0);
  });

  it('never looks at all n² pairs when coordinates are given', () => {
    const base = randomEuclidean(5000, 3);
    let calls = 0;
    const problem: TourProblem = {
      ...base,
      cost: (i, j) => {
        calls++;
        return base.cost(i, j);
      },
    };
    optimiseTour(problem, { timeBudgetMs: LOTS_OF_TIME, maxIterations: 0 });
    expect(calls).toBeLessThan(5000 * 5000 * 0.1);
  });

  it('refuses a starting tour that is not a permutation, a start node that does not exist and limits that never end', () => {
    const problem = randomEuclidean(20, 1);
    const bad = [...shuffled(19, 1), 3];
    expect(() => optimiseTour(problem, { timeBudgetMs: 10, initial: bad })).toThrow(DomainError);
    expect(() => optimiseTour(problem, { timeBudgetMs: 10, initial: [1, 2] })).toThrow(/expected 20/);
    expect(() => optimiseTour(problem, { timeBudgetMs: 10, startAt: 20 })).toThrow(DomainError);
    expect(() => optimiseTour(problem, { timeBudgetMs: Number.NaN })).toThrow(/timeBudgetMs/);
    expect(() => optimiseTour(problem, { timeBudgetMs: 10, maxIterations: -1 })).toThrow(/maxIterations/);
    expect(() => optimiseTour(problem, { timeBudgetMs: Number.POSITIVE_INFINITY })).toThrow(/unlimited/);
  });
});
