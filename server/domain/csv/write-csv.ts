import { stringify } from 'csv-stringify/sync';
import { neutralise } from './formulas.ts';
import type { Cells } from './plan.ts';
import type { ColumnSpec } from './rows.ts';

/**
 * A CSV file of these rows, every text cell made safe to open in a spreadsheet. Numbers in number
 * columns go out as they are: -3.5 is a coordinate, not a formula.
 */
export function writeCsv(columns: readonly ColumnSpec[], rows: readonly Cells[]): string {
  const names = columns.map((c) => c.name);
  const text = columns.map((c) => c.type === 'text');
  const records = rows.map((cells) =>
    names.map((name, i) => {
      const value = cells[name] ?? '';
      return text[i] && typeof value === 'string' ? neutralise(value) : value;
    }),
  );
  return stringify([names, ...records]);
}
