/**
 * The kick of iterated local search: a double bridge (A B C D → A C B D) whose two middle segments
 * are short and start at a random node. 2-opt and Or-opt cannot undo it in one move, so the search
 * escapes its local optimum, yet it touches only one neighbourhood: the following local search stays
 * cheap and the rest of the tour keeps the improvements already found.
 */
import type { Rng } from '../../../twin-models/generate/random.ts';
import type { ArrayTour } from './array-tour.ts';

/** Longest segment a kick moves; long enough to reorder a few streets, short enough to stay local. */
function maxKickSegment(n: number): number {
  return Math.max(1, Math.min(50, Math.floor((n - 2) / 3)));
}

/** Applies a random local double bridge; returns the nodes whose edges changed and the length change. */
export function localDoubleBridge(
  tour: ArrayTour,
  cost: (i: number, j: number) => number,
  rng: Rng,
  touched: Int32Array,
): number {
  const n = tour.n;
  const maxSeg = maxKickSegment(n);
  const a = tour.order[rng.int(0, n - 1)] ?? 0;
  const lenB = rng.int(1, maxSeg);
  const lenC = rng.int(1, maxSeg);
  const b1 = tour.next(a);
  let b2 = b1;
  for (let k = 1; k < lenB; k++) b2 = tour.next(b2);
  const c1 = tour.next(b2);
  let c2 = c1;
  for (let k = 1; k < lenC; k++) c2 = tour.next(c2);
  const d = tour.next(c2);
  const delta = cost(a, c1) + cost(c2, b1) + cost(b2, d) - cost(a, b1) - cost(b2, c1) - cost(c2, d);
  tour.move2(a, b1, c2, d); // a c2..c1 b2..b1 d
  tour.move2(a, c2, c1, b2); // a c1..c2 b2..b1 d
  tour.move2(c2, b2, b1, d); // a c1..c2 b1..b2 d
  touched[0] = a;
  touched[1] = b1;
  touched[2] = b2;
  touched[3] = c1;
  touched[4] = c2;
  touched[5] = d;
  return delta;
}
