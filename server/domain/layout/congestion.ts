/**
 * A discrete-event simulation of the walkers: each trip (pick list, put-away, replenishment) is a
 * sequence of stops; walkers take trips in release order as they come free; a narrow aisle is a
 * resource that holds one walker at a time, so a walker who reaches an occupied one waits at its
 * mouth (first come, first served) until the other leaves. What it measures is the time lost waiting.
 * Deterministic: the same trips give the same events in the same order.
 */
import { MinHeap } from '../navigation/min-heap.ts';

export type TripStop = {
  /** Seconds walking from the previous stop (or the depot). */
  travelS: number;
  /** Seconds spent at the stop (picking, putting away). */
  serviceS: number;
  /** Narrow aisle index, or -1. */
  aisle: number;
};

export type Trip = { releaseS: number; stops: TripStop[]; returnS: number };

export type CongestionResult = {
  waitS: number;
  waits: number;
  /** Seconds waited per narrow aisle. */
  waitByAisle: number[];
  /** When the last walker got back. */
  endS: number;
};

type WalkerState = { trip: number; stop: number; held: number; since: number };

const ARRIVE = 0;
const DEPART = 1;
const FREE = 2;

export function simulateCongestion(
  trips: readonly Trip[],
  walkers: number,
  capacities: readonly number[],
): CongestionResult {
  const order = trips
    .map((_, i) => i)
    .sort((a, b) => (trips[a]?.releaseS ?? 0) - (trips[b]?.releaseS ?? 0) || a - b);
  const heap = new MinHeap();
  // Event payloads in parallel arrays indexed by the id the heap carries.
  const evWalker: number[] = [];
  const evKind: number[] = [];
  const schedule = (t: number, walker: number, kind: number): void => {
    const id = evWalker.length;
    evWalker.push(walker);
    evKind.push(kind);
    heap.push(t, id);
  };
  const state: WalkerState[] = Array.from({ length: walkers }, () => ({
    trip: -1,
    stop: 0,
    held: -1,
    since: 0,
  }));
  const occupancy = new Array<number>(capacities.length).fill(0);
  const queues: number[][] = capacities.map(() => []);
  const waitByAisle = new Array<number>(capacities.length).fill(0);
  let next = 0;
  let waitS = 0;
  let waits = 0;
  let endS = 0;

  const startService = (w: number, t: number): void => {
    const s = state[w] as WalkerState;
    const stop = trips[s.trip]?.stops[s.stop];
    schedule(t + (stop?.serviceS ?? 0), w, DEPART);
  };
  const release = (w: number, t: number): void => {
    const s = state[w] as WalkerState;
    const a = s.held;
    if (a < 0) return;
    s.held = -1;
    occupancy[a] = (occupancy[a] ?? 1) - 1;
    const queue = queues[a] ?? [];
    const head = queue.shift();
    if (head !== undefined) {
      const hs = state[head] as WalkerState;
      occupancy[a] = (occupancy[a] ?? 0) + 1;
      hs.held = a;
      waitS += t - hs.since;
      waitByAisle[a] = (waitByAisle[a] ?? 0) + (t - hs.since);
      startService(head, t);
    }
  };
  const arrive = (w: number, t: number): void => {
    const s = state[w] as WalkerState;
    const stop = trips[s.trip]?.stops[s.stop];
    const a = stop?.aisle ?? -1;
    if (a === s.held) {
      startService(w, t);
      return;
    }
    release(w, t);
    if (a < 0) {
      startService(w, t);
      return;
    }
    if ((occupancy[a] ?? 0) < (capacities[a] ?? 1)) {
      occupancy[a] = (occupancy[a] ?? 0) + 1;
      s.held = a;
      startService(w, t);
      return;
    }
    s.since = t;
    waits++;
    queues[a]?.push(w);
  };
  const take = (w: number, t: number): void => {
    const s = state[w] as WalkerState;
    const k = order[next];
    if (k === undefined) {
      s.trip = -1;
      endS = Math.max(endS, t);
      return;
    }
    next++;
    const trip = trips[k] as Trip;
    s.trip = k;
    s.stop = 0;
    const start = Math.max(t, trip.releaseS);
    const first = trip.stops[0];
    if (first === undefined) schedule(start + trip.returnS, w, FREE);
    else schedule(start + first.travelS, w, ARRIVE);
  };

  for (let w = 0; w < walkers; w++) take(w, 0);
  for (;;) {
    const top = heap.pop();
    if (top === null) break;
    const [t, id] = top;
    const w = evWalker[id] ?? 0;
    const kind = evKind[id];
    if (kind === ARRIVE) arrive(w, t);
    else if (kind === DEPART) {
      const s = state[w] as WalkerState;
      const trip = trips[s.trip] as Trip;
      const following = trip.stops[s.stop + 1];
      if (following === undefined) {
        release(w, t);
        schedule(t + trip.returnS, w, FREE);
      } else {
        s.stop++;
        schedule(t + following.travelS, w, ARRIVE);
      }
    } else take(w, t);
  }
  return { waitS, waits, waitByAisle, endS };
}
