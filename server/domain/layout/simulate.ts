/**
 * Replays real work against a layout: pick lines from the ledger become orders, orders are batched
 * into pick lists per wave, each list is walked from the packing bench in the order the tour
 * optimiser gives and back; receipts become put-away trips from the dock; transfers become
 * replenishment trips. Walking distances come from the layout's walk model; the walkers then go
 * through the congestion simulation. Same lines, layout, options and seed: same result.
 */

import { exhaustive } from '../../../common/errors.ts';
import type { ItemMove } from '../../../common/layout/edits.ts';
import { HISTOGRAM_WIDTH_M, type SimulationResult } from '../../../common/layout/simulation-result.ts';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import { optimiseTour } from '../tour/optimise-tour.ts';
import { simulateCongestion, type Trip, type TripStop } from './congestion.ts';
import type { WalkModel } from './walk-model.ts';

/** One line of work from the ledger: a pick (or part issue), a receipt put away, a transfer. */
export type WorkLine = {
  at: number;
  kind: 'pick' | 'putaway' | 'transfer';
  itemId: number;
  bin: string;
  /** Destination of a transfer. */
  toBin: string | null;
  qty: number;
  /** Lines with the same key are one order (a work order's parts, one pick request). */
  order: string;
};

export type SimulationOptions = {
  seed: number;
  walkers: number;
  speedMps: number;
  /** Seconds per pick line, drawn uniformly from this range per line (seeded). */
  pickSeconds: readonly [number, number];
  putawaySeconds: number;
  maxLinesPerList: number;
  waveMinutes: number;
  putawayLinesPerTrip: number;
  /** The tour optimiser's budget in steps of an injected clock, so results never depend on the machine. */
  tourSteps: number;
};

export const DEFAULT_SIMULATION: SimulationOptions = {
  seed: 1,
  walkers: 4,
  speedMps: 1,
  pickSeconds: [8, 14],
  putawaySeconds: 20,
  maxLinesPerList: 6,
  waveMinutes: 60,
  putawayLinesPerTrip: 8,
  tourSteps: 40,
};

const HISTOGRAM_BUCKETS = 40;
const HEATMAP_CELL_M = 2;

export type Checkpoint = (fraction: number, stage: string) => Promise<void> | void;

/** Where each line's stock is in this scenario: item moves send (item, bin) elsewhere. */
export function relocate(moves: readonly ItemMove[]): (itemId: number, bin: string) => string {
  if (moves.length === 0) return (_item, bin) => bin;
  // Per item, then per bin: no key strings built for each of a hundred thousand lines.
  const byItem = new Map<number, Map<string, string>>();
  for (const m of moves) {
    let bins = byItem.get(m.itemId);
    if (bins === undefined) {
      bins = new Map();
      byItem.set(m.itemId, bins);
    }
    bins.set(m.fromBin, m.toBin);
  }
  return (item, bin) => byItem.get(item)?.get(bin) ?? bin;
}

type Stop = { point: number; lines: number; serviceS: number };

export async function simulateWork(
  model: WalkModel,
  lines: readonly WorkLine[],
  moves: readonly ItemMove[],
  options: SimulationOptions,
  checkpoint?: Checkpoint,
): Promise<SimulationResult> {
  const rng = mulberry32(options.seed);
  const where = relocate(moves);
  const table = model.table;
  const reachable = (point: number | undefined): point is number =>
    point !== undefined && Number.isFinite(table.distance(model.pickDepot, point));
  const pickSeconds = (): number =>
    options.pickSeconds[0] + (options.pickSeconds[1] - options.pickSeconds[0]) * rng.next();

  // Ledger rows come in time order already; sort (stably) only when they do not.
  let sorted = true;
  for (let i = 1; i < lines.length && sorted; i++) sorted = (lines[i - 1]?.at ?? 0) <= (lines[i]?.at ?? 0);
  const ordered = sorted
    ? lines
    : lines
        .map((l, i) => ({ l, i }))
        .sort((a, b) => a.l.at - b.l.at || a.i - b.i)
        .map((x) => x.l);

  let unplaced = 0;
  const orders = new Map<string, { at: number; lines: { point: number }[] }>();
  const putaways: { at: number; point: number }[] = [];
  const transfers: { at: number; from: number; to: number }[] = [];
  let pickLines = 0;
  let putawayLines = 0;
  let transferLines = 0;
  const heatColumns = Math.ceil((model.grid.columns * model.grid.cell) / HEATMAP_CELL_M);
  const heatRows = Math.ceil((model.grid.rows * model.grid.cell) / HEATMAP_CELL_M);
  const heat = new Array<number>(heatColumns * heatRows).fill(0);

  for (const line of ordered) {
    const point = model.pointOfBin.get(where(line.itemId, line.bin));
    switch (line.kind) {
      case 'pick': {
        pickLines++;
        if (!reachable(point)) {
          unplaced++;
          break;
        }
        let order = orders.get(line.order);
        if (order === undefined) {
          order = { at: line.at, lines: [] };
          orders.set(line.order, order);
        }
        order.lines.push({ point });
        const p = model.points[point];
        if (p !== undefined) {
          const c = Math.min(heatColumns - 1, Math.floor(p.x / HEATMAP_CELL_M));
          const r = Math.min(heatRows - 1, Math.floor(p.z / HEATMAP_CELL_M));
          heat[r * heatColumns + c] = (heat[r * heatColumns + c] ?? 0) + 1;
        }
        break;
      }
      case 'putaway':
        putawayLines++;
        if (reachable(point)) putaways.push({ at: line.at, point });
        else unplaced++;
        break;
      case 'transfer': {
        transferLines++;
        const to = line.toBin === null ? undefined : model.pointOfBin.get(where(line.itemId, line.toBin));
        if (reachable(point) && reachable(to)) transfers.push({ at: line.at, from: point, to });
        else unplaced++;
        break;
      }
      default:
        return exhaustive(line.kind);
    }
  }

  // Orders into pick lists: per wave, in order of arrival, up to maxLinesPerList lines per list.
  const waveMs = options.waveMinutes * 60_000;
  const lists: { at: number; orders: number[][] }[] = [];
  let current: { at: number; wave: number; orders: number[][]; lines: number } | null = null;
  for (const order of orders.values()) {
    const wave = Math.floor(order.at / waveMs);
    const points = order.lines.map((l) => l.point);
    for (let k = 0; k < points.length; k += options.maxLinesPerList) {
      const chunk = points.slice(k, k + options.maxLinesPerList);
      if (
        current === null ||
        current.wave !== wave ||
        current.lines + chunk.length > options.maxLinesPerList
      ) {
        if (current !== null) lists.push(current);
        current = { at: (wave + 1) * waveMs, wave, orders: [], lines: 0 };
      }
      current.orders.push(chunk);
      current.lines += chunk.length;
    }
  }
  if (current !== null) lists.push(current);

  const trips: Trip[] = [];
  const tourOf = (depot: number, stops: Stop[], seed: number): { order: Stop[]; length: number } => {
    const pts = [depot, ...stops.map((s) => s.point)];
    const cost = (i: number, j: number): number => table.distance(pts[i] ?? depot, pts[j] ?? depot);
    let sequence: number[];
    if (pts.length <= 3) sequence = pts.map((_, i) => i);
    else {
      let tick = 0;
      sequence = optimiseTour(
        { n: pts.length, cost },
        { timeBudgetMs: options.tourSteps, seed, startAt: 0, now: () => tick++ },
      ).tour;
    }
    let length = 0;
    for (let k = 0; k < sequence.length; k++)
      length += cost(sequence[k] ?? 0, sequence[(k + 1) % sequence.length] ?? 0);
    const order = sequence.slice(1).map((i) => stops[i - 1] as Stop);
    return { order, length };
  };
  const tripFrom = (releaseMs: number, depot: number, order: Stop[]): Trip => {
    const stops: TripStop[] = [];
    let prev = depot;
    for (const s of order) {
      stops.push({
        travelS: table.distance(prev, s.point) / options.speedMps,
        serviceS: s.serviceS,
        aisle: model.aisleOfPoint[s.point] ?? -1,
      });
      prev = s.point;
    }
    return { releaseS: releaseMs / 1000, stops, returnS: table.distance(prev, depot) / options.speedMps };
  };

  const histogram = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
  let pickDistance = 0;
  let orderCount = 0;
  let orderMinutes = 0;
  let handlingS = 0;
  const progressEvery = 250;
  for (let li = 0; li < lists.length; li++) {
    if (checkpoint && li % progressEvery === 0)
      await checkpoint((0.85 * li) / lists.length, `Walking pick list ${li + 1} of ${lists.length}`);
    const list = lists[li];
    if (list === undefined) continue;
    const byPoint = new Map<number, Stop>();
    let listLines = 0;
    for (const o of list.orders) {
      for (const point of o) {
        listLines++;
        const s = byPoint.get(point) ?? { point, lines: 0, serviceS: 0 };
        s.lines++;
        s.serviceS += pickSeconds();
        byPoint.set(point, s);
      }
    }
    const stops = [...byPoint.values()];
    const { order, length } = tourOf(model.pickDepot, stops, (options.seed * 7919 + li) >>> 0);
    pickDistance += length;
    const service = stops.reduce((sum, s) => sum + s.serviceS, 0);
    handlingS += service;
    const listMinutes = (length / options.speedMps + service) / 60;
    for (const o of list.orders) {
      const share = o.length / listLines;
      const d = length * share;
      const bucket = Math.min(HISTOGRAM_BUCKETS - 1, Math.floor(d / HISTOGRAM_WIDTH_M));
      histogram[bucket] = (histogram[bucket] ?? 0) + 1;
      orderCount++;
      orderMinutes += listMinutes * share;
    }
    trips.push(tripFrom(list.at, model.pickDepot, order));
  }

  if (checkpoint) await checkpoint(0.87, 'Put-away and replenishment trips');
  let putawayDistance = 0;
  let putawayTrips = 0;
  for (let k = 0; k < putaways.length; ) {
    const wave = Math.floor((putaways[k]?.at ?? 0) / waveMs);
    const byPoint = new Map<number, Stop>();
    let n = 0;
    while (k < putaways.length && n < options.putawayLinesPerTrip) {
      const p = putaways[k];
      if (p === undefined || Math.floor(p.at / waveMs) !== wave) break;
      const s = byPoint.get(p.point) ?? { point: p.point, lines: 0, serviceS: 0 };
      s.lines++;
      s.serviceS += options.putawaySeconds;
      byPoint.set(p.point, s);
      k++;
      n++;
    }
    const stops = [...byPoint.values()];
    const { order, length } = tourOf(model.dockDepot, stops, (options.seed * 104729 + k) >>> 0);
    putawayDistance += length;
    putawayTrips++;
    handlingS += n * options.putawaySeconds;
    trips.push(tripFrom((wave + 1) * waveMs, model.dockDepot, order));
  }
  let replenishmentDistance = 0;
  for (const t of transfers) {
    const order: Stop[] = [
      { point: t.from, lines: 1, serviceS: options.putawaySeconds },
      { point: t.to, lines: 1, serviceS: options.putawaySeconds },
    ];
    replenishmentDistance +=
      table.distance(model.pickDepot, t.from) +
      table.distance(t.from, t.to) +
      table.distance(t.to, model.pickDepot);
    handlingS += 2 * options.putawaySeconds;
    trips.push(tripFrom(t.at, model.pickDepot, order));
  }

  if (checkpoint) await checkpoint(0.92, 'Walkers meeting in narrow aisles');
  const congestion = simulateCongestion(
    trips,
    options.walkers,
    model.narrowAisles.map((a) => a.capacity),
  );
  const totalDistance = pickDistance + putawayDistance + replenishmentDistance;
  const busiestAisles = model.narrowAisles
    .map((a, i) => ({ label: a.label, waitMinutes: round((congestion.waitByAisle[i] ?? 0) / 60) }))
    .filter((a) => a.waitMinutes > 0)
    .sort((a, b) => b.waitMinutes - a.waitMinutes)
    .slice(0, 5);
  return {
    pickLines,
    putawayLines,
    transferLines,
    unplacedLines: unplaced,
    orders: orderCount,
    pickLists: lists.length,
    pickDistanceM: round(pickDistance),
    putawayTrips,
    putawayDistanceM: round(putawayDistance),
    replenishmentTrips: transfers.length,
    replenishmentDistanceM: round(replenishmentDistance),
    totalDistanceM: round(totalDistance),
    walkHours: round(totalDistance / options.speedMps / 3600),
    handlingHours: round(handlingS / 3600),
    congestionWaitMinutes: round(congestion.waitS / 60),
    congestionWaits: congestion.waits,
    meanOrderDistanceM: orderCount === 0 ? 0 : round(pickDistance / orderCount),
    meanOrderMinutes: orderCount === 0 ? 0 : round(orderMinutes / orderCount),
    orderDistanceHistogram: histogram,
    heatmap: { cellM: HEATMAP_CELL_M, columns: heatColumns, rows: heatRows, counts: heat },
    busiestAisles,
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
