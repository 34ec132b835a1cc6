import type { Formatters } from '../../../common/format.ts';

/** The select value meaning "I will type a bin code". */
export const TYPE_CODE = '__code';

export type BinValue = { choice: string; code: string };
export type BinOption = { value: string; label: string };
export type StockRow = { locationId: number; code: string; lot: string; onHand: number; reserved: number };

/** A location stock may be put into although the item is not there yet (a van, a cabinet). */
export type Place = StockRow & { name: string };

/** One select value per (bin, lot), since stock is held per lot within a bin. */
export const stockKey = (row: { locationId: number; lot: string }) => `${row.locationId}|${row.lot}`;

export const findRow = <R extends StockRow>(rows: readonly R[], choice: string): R | undefined =>
  rows.find((r) => stockKey(r) === choice);

/** Options for "take from": each bin and lot holding stock, with what is free to take. */
export function stockOptions(rows: readonly StockRow[], unit: string, format: Formatters): BinOption[] {
  return rows.map((r) => {
    const lot = r.lot ? ` · lot ${r.lot}` : '';
    const reserved = r.reserved > 0 ? `, ${format.number(r.reserved)} reserved` : '';
    return { value: stockKey(r), label: `${r.code}${lot} — ${format.number(r.onHand)} ${unit}${reserved}` };
  });
}

/**
 * Options for "put into": each bin the item already uses, then the places kept by hand (vans,
 * cabinets), each once (lots are entered separately).
 */
export function binOptions(rows: readonly StockRow[], places: readonly Place[] = []): BinOption[] {
  const seen = new Map<number, string>();
  for (const r of rows) if (!seen.has(r.locationId)) seen.set(r.locationId, r.code);
  for (const p of places) if (!seen.has(p.locationId)) seen.set(p.locationId, `${p.code} — ${p.name}`);
  return [...seen].map(([locationId, label]) => ({ value: `${locationId}|`, label }));
}

/** A sensible first choice: the first option, or typing a code when there are none. */
export const initialBin = (options: readonly BinOption[]): BinValue => ({
  choice: options[0]?.value ?? TYPE_CODE,
  code: '',
});
