/**
 * The simulated world and the drone's camera. The ledger says what each bin should hold; the
 * simulated shelf differs from it now and then (stock drifted, a stray case was put away in the
 * wrong bin), and the sensor sometimes cannot see a bin (occluded), misses an item, or miscounts by
 * one. All of it comes from one seeded PRNG consumed in scan order, so a seed replays exactly.
 */

import { invalid } from '../../../common/errors.ts';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import type { TrackScan } from './track.ts';

export type SensorModel = {
  /** Chance a bin cannot be read at all (a pallet wrap, a light reflection). */
  occlusionRate: number;
  /** Chance an item that is there is not seen. */
  missRate: number;
  /** Chance a seen quantity is off by one. */
  noiseRate: number;
  /** Chance the shelf really differs from the ledger for a line (shrinkage, a mis-pick). */
  driftRate: number;
  /** Chance an empty bin really holds something unexpected. */
  strayRate: number;
};

export const DEFAULT_SENSOR: SensorModel = {
  occlusionRate: 0.01,
  missRate: 0.02,
  noiseRate: 0.03,
  driftRate: 0.08,
  strayRate: 0.01,
};

export type StockLine = { itemId: number; lot: string; qty: number };
export type Outcome = 'found' | 'miscount' | 'missing' | 'unexpected';
export type ReadLine = {
  itemId: number;
  lot: string;
  expectedQty: number;
  readQty: number;
  confidence: number;
  outcome: Outcome;
};
export type BinReading = TrackScan & { status: 'read' | 'occluded'; lines: ReadLine[] };

export function checkSensor(s: SensorModel): SensorModel {
  for (const [key, v] of Object.entries(s)) {
    if (!(v >= 0 && v <= 1)) throw invalid(`${key} must be between 0 and 1`);
  }
  return s;
}

export function outcomeOf(expected: number, read: number): Outcome {
  if (expected === read) return 'found';
  if (read === 0) return 'missing';
  if (expected === 0) return 'unexpected';
  return 'miscount';
}

export function simulateReadings(
  scans: readonly TrackScan[],
  expected: (code: string) => readonly StockLine[],
  /** Items a stray case could be (untracked items only, so a count of them needs no lot). */
  strays: readonly number[],
  sensor: SensorModel,
  seed: number,
): BinReading[] {
  const rng = mulberry32(seed);
  const round2 = (v: number) => Math.round(v * 100) / 100;
  return scans.map((scan) => {
    const ledger = expected(scan.code).filter((l) => l.qty > 0);
    // The shelf as it really is.
    const truth = ledger.map((l) => {
      if (rng.next() >= sensor.driftRate) return { ...l };
      const spread = Math.max(1, Math.ceil(l.qty * 0.25));
      const delta = rng.int(1, spread) * (rng.next() < 0.7 ? -1 : 1);
      return { ...l, qty: Math.max(0, l.qty + delta) };
    });
    const first = strays[0];
    if (ledger.length === 0 && first !== undefined && rng.next() < sensor.strayRate) {
      truth.push({ itemId: strays[rng.int(0, strays.length - 1)] ?? first, lot: '', qty: rng.int(1, 12) });
    }
    if (rng.next() < sensor.occlusionRate) return { ...scan, status: 'occluded', lines: [] };
    // Higher shelves are read from a steeper angle: a little less confidence per level.
    const base = 0.98 - 0.01 * (scan.level - 1);
    const read = new Map<string, { itemId: number; lot: string; qty: number; confidence: number }>();
    for (const l of truth) {
      if (l.qty === 0) continue;
      if (rng.next() < sensor.missRate) continue;
      const noisy = rng.next() < sensor.noiseRate ? Math.max(0, l.qty + (rng.next() < 0.5 ? -1 : 1)) : l.qty;
      read.set(`${l.itemId}|${l.lot}`, { ...l, qty: noisy, confidence: round2(base - rng.next() * 0.06) });
    }
    const lines: ReadLine[] = [];
    const keys = new Set([...ledger.map((l) => `${l.itemId}|${l.lot}`), ...read.keys()]);
    for (const key of keys) {
      const e = ledger.find((l) => `${l.itemId}|${l.lot}` === key);
      const r = read.get(key);
      const expectedQty = e?.qty ?? 0;
      const readQty = r?.qty ?? 0;
      const itemId = e?.itemId ?? r?.itemId ?? 0;
      const lot = e?.lot ?? r?.lot ?? '';
      // Not seeing something is weaker evidence than seeing it.
      const confidence = r === undefined ? round2(base * 0.6) : r.confidence;
      lines.push({ itemId, lot, expectedQty, readQty, confidence, outcome: outcomeOf(expectedQty, readQty) });
    }
    return { ...scan, status: 'read', lines };
  });
}
