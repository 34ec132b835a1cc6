/**
 * Simulated stock-movement history: where each item lives and what happened to it over `days` days.
 *
 * The simulation keeps on-hand per (slot, lot) and only emits movements the stock can support, so a
 * ledger replayed from these events never goes negative; demand that finds an empty shelf is lost, as
 * it is in a real store-room. Each item is simulated independently (items do not interact), which keeps
 * the loop simple and fast; the events are merged and sorted by time at the end.
 */

import type { DemandProfile } from './catalog.ts';
import type { Rng } from './random.ts';
import { shuffled } from './random.ts';

export type HistoryEvent = {
  at: number;
  kind: 'receive' | 'pick' | 'count' | 'transfer';
  itemIndex: number;
  binIndex: number;
  toBinIndex?: number;
  qty: number;
  lot?: string;
};

export type HistoryItem = {
  demand: DemandProfile;
  tracking: 'none' | 'lot' | 'serial';
  reorderPoint: number;
  reorderQty: number;
  leadTimeDays: number;
};

export type MovementHistoryInput = {
  rng: Rng;
  items: readonly HistoryItem[];
  binCount: number;
  days: number;
  endAt: number;
};

export type MovementHistory = { slots: { itemIndex: number; binIndex: number }[]; events: HistoryEvent[] };

const DAY_MS = 86_400_000;
const WORKDAY_START_S = 7 * 3600;
const WORKDAY_SECONDS = 10 * 3600;
/** A skeleton weekend crew still draws parts, just far fewer. */
const WEEKEND_DEMAND_FACTOR = 0.25;
/** Per item and weekday; gives each item a count roughly every two months. */
const CYCLE_COUNT_PROBABILITY = 1 / 40;
const COUNT_ERROR_PROBABILITY = 0.12;
const RANDOM_TRANSFER_PROBABILITY = 0.01;
const REPLENISH_TRANSFER_PROBABILITY = 0.6;

/** Without a lot the stock is keyed by this so one map shape serves every tracking mode. */
const NO_LOT = '';

type Draft = Omit<HistoryEvent, 'at'>;

type Slot = { binIndex: number; stock: Map<string, number> };

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function total(stock: Map<string, number>): number {
  let sum = 0;
  for (const q of stock.values()) sum += q;
  return sum;
}

function take(stock: Map<string, number>, lot: string, qty: number): void {
  const left = (stock.get(lot) ?? 0) - qty;
  if (left > 0) stock.set(lot, left);
  else stock.delete(lot);
}

function put(stock: Map<string, number>, lot: string, qty: number): void {
  if (qty > 0) stock.set(lot, (stock.get(lot) ?? 0) + qty);
}

function assignSlots(rng: Rng, itemCount: number, binCount: number): number[][] {
  if (binCount < itemCount) {
    throw new RangeError(
      `generateMovementHistory: ${itemCount} items need at least ${itemCount} bins, got ${binCount}`,
    );
  }
  const free = shuffled(
    rng,
    Array.from({ length: Math.max(0, binCount - 1) }, (_, i) => i + 1),
  );
  let cursor = 0;
  const nextBin = (): number => {
    const b = free[cursor];
    cursor++;
    return b ?? -1;
  };
  // Bins beyond one per item are spare capacity that fast movers and bulky items spread into.
  let spare = binCount - itemCount;
  const out: number[][] = [];
  for (let i = 0; i < itemCount; i++) {
    const bins = [i === 0 ? 0 : nextBin()];
    const r = rng.next();
    const extra = r < 0.08 ? 2 : r < 0.35 ? 1 : 0;
    for (let e = 0; e < extra && spare > 0; e++) {
      bins.push(nextBin());
      spare--;
    }
    out.push(bins);
  }
  return out;
}

export function generateMovementHistory(input: MovementHistoryInput): MovementHistory {
  const { rng, items, binCount, days, endAt } = input;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`generateMovementHistory: days must be >= 1`);
  const slotBins = assignSlots(rng, items.length, binCount);
  const slots: MovementHistory['slots'] = [];
  slotBins.forEach((bins, itemIndex) => {
    for (const binIndex of bins) slots.push({ itemIndex, binIndex });
  });

  // Day 0 starts `days` midnights before endAt's day, so the last simulated day is yesterday and every
  // event is safely before endAt.
  const firstMidnight = Math.floor(endAt / DAY_MS) * DAY_MS - days * DAY_MS;
  const calendar = Array.from({ length: days }, (_, d) => {
    const start = firstMidnight + d * DAY_MS;
    const date = new Date(start);
    const year = date.getUTCFullYear();
    const dayOfYear = Math.floor((start - Date.UTC(year, 0, 1)) / DAY_MS);
    const weekday = date.getUTCDay();
    return {
      start,
      dayOfYear,
      workday: weekday !== 0 && weekday !== 6,
      lotDate: `${year}-${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`,
      serialPrefix: `${pad(year % 100, 2)}${pad(date.getUTCMonth() + 1, 2)}`,
    };
  });

  const events: HistoryEvent[] = [];

  items.forEach((item, itemIndex) => {
    const itemSlots: Slot[] = (slotBins[itemIndex] ?? []).map((binIndex) => ({ binIndex, stock: new Map() }));
    const primary = itemSlots[0];
    if (!primary) return;
    const overstock = itemSlots[itemSlots.length - 1] ?? primary;
    const { demand, tracking } = item;
    const orderSize = Math.max(1, demand.meanOrderSize);
    const lotsPerDate = new Map<string, number>();
    let serialCounter = 0;
    const pending: { day: number; qty: number }[] = [];

    const newLot = (lotDate: string, serialPrefix: string): string => {
      if (tracking === 'serial') {
        serialCounter++;
        return `S${serialPrefix}${pad(itemIndex, 4)}${pad(serialCounter, 3)}`;
      }
      if (tracking === 'lot') {
        const n = lotsPerDate.get(lotDate) ?? 0;
        lotsPerDate.set(lotDate, n + 1);
        // A..Z then AA.. keeps codes unique however many batches arrive in one day.
        const letter =
          n < 26
            ? String.fromCharCode(65 + n)
            : `${String.fromCharCode(65 + Math.floor(n / 26) - 1)}${String.fromCharCode(65 + (n % 26))}`;
        return `L${lotDate}-${letter}`;
      }
      return NO_LOT;
    };
    const draftOf = (kind: HistoryEvent['kind'], slot: Slot, qty: number, lot: string, to?: Slot): Draft => {
      const d: Draft = { kind, itemIndex, binIndex: slot.binIndex, qty };
      if (to) d.toBinIndex = to.binIndex;
      if (lot !== NO_LOT) d.lot = lot;
      return d;
    };
    const receive = (slot: Slot, qty: number, lotDate: string, serialPrefix: string, out: Draft[]): void => {
      if (tracking === 'serial') {
        for (let k = 0; k < qty; k++) {
          const serial = newLot(lotDate, serialPrefix);
          put(slot.stock, serial, 1);
          out.push(draftOf('receive', slot, 1, serial));
        }
        return;
      }
      const lot = newLot(lotDate, serialPrefix);
      put(slot.stock, lot, qty);
      out.push(draftOf('receive', slot, qty, lot));
    };
    const pick = (qty: number, out: Draft[]): void => {
      let rem = qty;
      for (const slot of itemSlots) {
        // Snapshot the lots: taking from the live map while iterating it would skip entries.
        for (const [lot, have] of [...slot.stock]) {
          if (rem <= 0) return;
          const q = tracking === 'serial' ? 1 : Math.min(have, rem);
          take(slot.stock, lot, q);
          out.push(draftOf('pick', slot, q, lot));
          rem -= q;
        }
      }
    };
    const transfer = (from: Slot, to: Slot, want: number, out: Draft[]): void => {
      let rem = want;
      for (const [lot, have] of [...from.stock]) {
        if (rem <= 0) return;
        const q = Math.min(have, rem);
        take(from.stock, lot, q);
        put(to.stock, lot, q);
        out.push(draftOf('transfer', from, q, lot, to));
        rem -= q;
      }
    };
    const onHand = (): number => itemSlots.reduce((s, slot) => s + total(slot.stock), 0);
    const orderQty = (): number => (tracking === 'serial' ? Math.max(1, item.reorderQty) : item.reorderQty);

    calendar.forEach((day, d) => {
      const drafts: Draft[] = [];
      if (d === 0) {
        // Opening stock as if a replenishment had just landed; lots carry their real (earlier) batch date.
        const opening = Math.max(itemSlots.length, item.reorderPoint + item.reorderQty);
        let left = opening;
        itemSlots.forEach((slot, s) => {
          const share =
            s === itemSlots.length - 1 ? left : Math.max(1, Math.round(opening / itemSlots.length));
          const qty = Math.min(left - (itemSlots.length - 1 - s), share);
          left -= qty;
          const backdated = new Date(day.start - rng.int(7, 120) * DAY_MS);
          const lotDate = `${backdated.getUTCFullYear()}-${pad(backdated.getUTCMonth() + 1, 2)}${pad(backdated.getUTCDate(), 2)}`;
          const serialPrefix = `${pad(backdated.getUTCFullYear() % 100, 2)}${pad(backdated.getUTCMonth() + 1, 2)}`;
          if (qty > 0) receive(slot, qty, lotDate, serialPrefix, drafts);
        });
      }

      // Deliveries come in the morning; weekend arrivals wait for Monday's goods-in.
      if (day.workday) {
        for (let k = pending.length - 1; k >= 0; k--) {
          const p = pending[k];
          if (!p || p.day > d) continue;
          pending.splice(k, 1);
          receive(overstock, p.qty, day.lotDate, day.serialPrefix, drafts);
        }
      }

      const factor = day.workday ? 1 : WEEKEND_DEMAND_FACTOR;
      if (demand.kind === 'intermittent') {
        if (rng.chance(demand.intermittentProbability * factor)) {
          pick(tracking === 'serial' ? 1 : 1 + rng.poisson(orderSize - 1), drafts);
        }
      } else {
        let mean = demand.meanDailyUnits * factor;
        if (demand.kind === 'seasonal') {
          mean *=
            1 +
            demand.seasonalAmplitude *
              Math.cos((2 * Math.PI * (day.dayOfYear - demand.seasonalPeakDay)) / 365);
        }
        const orders = rng.poisson(Math.max(0, mean) / orderSize);
        for (let k = 0; k < orders; k++)
          pick(tracking === 'serial' ? 1 : 1 + rng.poisson(orderSize - 1), drafts);
      }

      if (itemSlots.length > 1 && day.workday) {
        const primaryQty = total(primary.stock);
        const source = itemSlots.slice(1).find((s) => total(s.stock) > 0);
        if (
          source &&
          primaryQty < Math.max(1, item.reorderPoint / 2) &&
          rng.chance(REPLENISH_TRANSFER_PROBABILITY)
        ) {
          transfer(source, primary, Math.max(1, Math.ceil(item.reorderQty / 2)), drafts);
        } else if (rng.chance(RANDOM_TRANSFER_PROBABILITY)) {
          // Occasional re-slotting: someone consolidates or splits stock between the item's own bins.
          const from = rng.pick(itemSlots);
          const to = rng.pick(itemSlots.filter((s) => s !== from));
          const have = total(from.stock);
          if (to && have > 0) transfer(from, to, rng.int(1, have), drafts);
        }
      }

      if (day.workday && rng.chance(CYCLE_COUNT_PROBABILITY)) {
        const slot = rng.pick(itemSlots);
        if (slot.stock.size === 0 && tracking === 'none') drafts.push(draftOf('count', slot, 0, NO_LOT));
        for (const [lot, have] of [...slot.stock]) {
          let counted = have;
          if (tracking === 'serial') {
            if (rng.chance(COUNT_ERROR_PROBABILITY / 4)) counted = 0; // a serial is either there or missing
          } else if (rng.chance(COUNT_ERROR_PROBABILITY)) {
            counted = Math.max(0, have + rng.pick([-2, -1, -1, 1, 1, 2]));
          }
          if (counted > 0) slot.stock.set(lot, counted);
          else slot.stock.delete(lot);
          drafts.push(draftOf('count', slot, counted, lot));
        }
      }

      // Reorder on inventory position so an order already on its way is not duplicated.
      const onOrder = pending.reduce((s, p) => s + p.qty, 0);
      let position = onHand() + onOrder;
      while (position < item.reorderPoint && item.reorderQty > 0) {
        pending.push({ day: d + Math.max(1, Math.round(item.leadTimeDays)), qty: orderQty() });
        position += orderQty();
      }

      if (drafts.length === 0) return;
      const times = drafts.map(() => rng.int(0, WORKDAY_SECONDS - 1)).sort((a, b) => a - b);
      drafts.forEach((draft, k) => {
        events.push({ at: day.start + (WORKDAY_START_S + (times[k] ?? 0)) * 1000, ...draft });
      });
    });
  });

  // Ties keep generation order, which for one item is the order the simulation applied them.
  const order = events.map((_, i) => i);
  order.sort((a, b) => (events[a]?.at ?? 0) - (events[b]?.at ?? 0) || a - b);
  return { slots, events: order.flatMap((i) => events[i] ?? []) };
}
