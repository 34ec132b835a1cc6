/**
 * Slotting suggestion: move the contents of the busiest bins (pick lines per litre of bin, so a
 * small bin picked often beats a big one picked a little more) into the bins nearest the packing
 * bench, each into a bin at least as big so the stock still fits. Greedy over bins in order of that
 * density: optimal for the one-trip-per-line estimate below, and close for batched tours.
 * A bin's whole contents move together, so a bin never ends up shared by surprise.
 */

import type { ItemMove } from '../../../common/layout/edits.ts';
import type { DerivedBin } from '../../../twin-models/geometry.ts';
import type { WorkLine } from './simulate.ts';
import type { WalkModel } from './walk-model.ts';

export type SlottingOptions = {
  /** At most this many bins are emptied into others (each is one trip of the relocation work). */
  maxBinMoves: number;
};

export type SlottingSuggestion = {
  moves: ItemMove[];
  binMoves: number;
  /** Round trips from the bench to every picked bin, before and after, in metres (an estimate). */
  estimateBeforeM: number;
  estimateAfterM: number;
  estimatedSaving: number;
};

export function suggestSlotting(
  model: WalkModel,
  bins: readonly Pick<DerivedBin, 'code' | 'capacity'>[],
  slots: readonly { itemId: number; bin: string }[],
  lines: readonly WorkLine[],
  options: SlottingOptions,
): SlottingSuggestion {
  const table = model.table;
  const costOf = (code: string): number => {
    const p = model.pointOfBin.get(code);
    if (p === undefined) return Number.POSITIVE_INFINITY;
    return 2 * table.distance(model.pickDepot, p);
  };
  const capacity = new Map(bins.map((b) => [b.code, b.capacity]));
  const demand = new Map<string, number>();
  for (const l of lines) if (l.kind === 'pick') demand.set(l.bin, (demand.get(l.bin) ?? 0) + 1);
  const itemsIn = new Map<string, number[]>();
  for (const s of slots) {
    const list = itemsIn.get(s.bin);
    if (list) {
      if (!list.includes(s.itemId)) list.push(s.itemId);
    } else itemsIn.set(s.bin, [s.itemId]);
  }

  // Sources: bins holding stock that is picked; they are also targets once they are emptied.
  const sources = [...itemsIn.keys()]
    .filter((code) => (demand.get(code) ?? 0) > 0 && capacity.has(code) && Number.isFinite(costOf(code)))
    .map((code) => ({ code, lines: demand.get(code) ?? 0, cap: capacity.get(code) ?? 1, cost: costOf(code) }))
    .sort((a, b) => b.lines / b.cap - a.lines / a.cap || a.code.localeCompare(b.code));
  const targets = bins
    .filter((b) => Number.isFinite(costOf(b.code)))
    .map((b) => ({ code: b.code, cap: b.capacity, cost: costOf(b.code) }))
    .sort((a, b) => a.cost - b.cost || a.code.localeCompare(b.code));
  // A bin is free when it holds nothing; a source's bin frees up when its contents move out.
  const taken = new Set<string>(itemsIn.keys());
  let before = 0;
  let after = 0;
  let binMoves = 0;
  const moves: ItemMove[] = [];
  for (const s of sources) {
    before += s.lines * s.cost;
    let chosen: (typeof targets)[number] | undefined;
    if (binMoves < options.maxBinMoves) {
      chosen = targets.find((t) => t.cost < s.cost && !taken.has(t.code) && t.cap >= s.cap);
    }
    if (chosen === undefined) {
      after += s.lines * s.cost;
      continue;
    }
    taken.add(chosen.code);
    taken.delete(s.code);
    binMoves++;
    after += s.lines * chosen.cost;
    for (const itemId of itemsIn.get(s.code) ?? [])
      moves.push({ itemId, fromBin: s.code, toBin: chosen.code });
  }
  return {
    moves,
    binMoves,
    estimateBeforeM: Math.round(before),
    estimateAfterM: Math.round(after),
    estimatedSaving: before === 0 ? 0 : Math.round((1 - after / before) * 1000) / 1000,
  };
}
