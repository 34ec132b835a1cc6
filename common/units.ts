import { invalid } from './errors.ts';

/**
 * Packs: the ledger counts an item in its base unit (ea, m, kg); people also receive and buy it in
 * packs ("a box of 100"). These conversions are shared by the receive forms, the server and the
 * purchasing rules, so a screen's preview and the booked quantity can never disagree.
 */
export type Pack = { unit: string; size: number };

/** The most one stock operation may move, in base units (the API's quantity limit). */
export const MAX_BASE_QTY = 1_000_000;

/**
 * `count` packs in base units: 2 boxes of 100 are 200. Refused unless both are whole numbers above 0
 * and the result stays within what one operation may book.
 */
export function toBaseQuantity(count: number, pack: Pack): number {
  if (!Number.isInteger(count) || count <= 0)
    throw invalid('The number of packs must be a whole number above 0');
  if (!Number.isInteger(pack.size) || pack.size <= 0)
    throw invalid(`A ${pack.unit} must hold a whole number of units above 0`);
  const total = count * pack.size;
  if (total > MAX_BASE_QTY)
    throw invalid(
      `${describePacks(count, pack)} is ${total.toLocaleString('en')}; one booking may be at most ${MAX_BASE_QTY.toLocaleString('en')}`,
    );
  return total;
}

/** "2 box of 100": how a quantity in packs reads on a movement and in a form's preview. */
export function describePacks(count: number, pack: Pack): string {
  return `${count} ${pack.unit} of ${pack.size}`;
}

/** The smallest whole number of packs holding at least `qty` base units, and at least `minPacks`. */
export function packsFor(qty: number, packSize: number, minPacks = 1): number {
  return Math.max(minPacks, Math.ceil(Math.max(0, qty) / packSize));
}

/** Two packs are the same when their unit (any case) and size are. */
export const samePack = (a: Pack, b: Pack): boolean =>
  a.size === b.size && a.unit.toLowerCase() === b.unit.toLowerCase();
