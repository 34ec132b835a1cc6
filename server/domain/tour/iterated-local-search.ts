/**
 * Iterated local search: local search to a local optimum, then repeatedly kick (local double
 * bridge), repair with local search, and keep the result unless it is longer, in which case the
 * logged reversals are replayed backwards. The current tour is therefore always the best seen, so
 * stopping at any moment (deadline, iteration cap, abort) returns the best tour without copying.
 */
import type { Rng } from '../../../twin-models/generate/random.ts';
import { ArrayTour } from './array-tour.ts';
import { LocalSearch, type LocalSearchOptions } from './local-search.ts';
import type { NeighbourLists } from './neighbours.ts';
import { localDoubleBridge } from './perturb.ts';

export type SearchLimits = {
  /** Stop when this returns true (deadline passed or aborted); checked between kicks and inside long repairs. */
  stop: () => boolean;
  /** Number of kicks at most; 0 gives plain local search. */
  maxKicks: number;
};

export type SearchResult = { tour: number[]; kicks: number };

export function iteratedLocalSearch(
  cost: (i: number, j: number) => number,
  nb: NeighbourLists,
  start: readonly number[],
  rng: Rng,
  limits: SearchLimits,
  options: LocalSearchOptions,
): SearchResult {
  const tour = new ArrayTour(start);
  const ls = new LocalSearch(cost, nb, tour, options);
  // Plain 2-opt first: it removes most of the starting tour's excess in a fraction of the time the
  // full move set takes from the same start, which is what counts when the budget is short.
  if (!options.twoOptOnly) {
    ls.pushAll(tour.order);
    ls.run(limits.stop, true);
  }
  ls.pushAll(tour.order);
  ls.run(limits.stop);
  tour.commit();
  const touched = new Int32Array(6);
  let kicks = 0;
  // A double bridge needs two segments plus the nodes either side.
  if (tour.n < 8) return { tour: tour.toArray(), kicks };
  while (kicks < limits.maxKicks && !limits.stop()) {
    kicks++;
    const delta = localDoubleBridge(tour, cost, rng, touched);
    ls.pushAll(touched);
    const gain = ls.run(limits.stop);
    // Equal tours are accepted: drifting across plateaus finds exits a strict rule would miss.
    if (delta - gain > options.eps) {
      tour.rollback(0);
      ls.clear();
    } else tour.commit();
  }
  return { tour: tour.toArray(), kicks };
}
