import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { number, text } from './cells.ts';
import { type Candidate, candidate, planRows } from './plan.ts';
import { type ColumnSpec, parseRows } from './rows.ts';

const COLUMNS: ColumnSpec[] = [
  { name: 'code', required: true, type: 'text', description: '', example: '' },
  { name: 'name', required: true, type: 'text', description: '', example: '' },
  { name: 'price', required: false, type: 'number', description: '', example: '' },
  { name: 'supplier', required: false, type: 'text', description: '', example: '', caseInsensitive: true },
];
const Row = z.object({
  code: text('code', 10),
  name: text('name', 50),
  price: z
    .string()
    .optional()
    .transform((s) => s ?? '0')
    .pipe(number('price')),
  supplier: z
    .string()
    .optional()
    .transform((s) => s ?? ''),
});
type Row = z.output<typeof Row>;
const format = (row: Row) => ({ ...row });

const STORED = new Map<string, Row>([
  ['A1', { code: 'A1', name: 'Bolt', price: 1.5, supplier: 'SKF' }],
  ['B2', { code: 'B2', name: 'Nut', price: 0.2, supplier: '' }],
]);

function plan(csv: string, update: boolean) {
  const file = parseRows(COLUMNS, Row, csv);
  const candidates: Candidate<Row>[] = file.rows.map((r) =>
    candidate(r, STORED.get(r.row.code.toUpperCase()), file.present, { columns: COLUMNS, format }),
  );
  return planRows({
    columns: COLUMNS,
    file,
    candidates,
    keyColumn: 'code',
    key: (row) => row.code.toUpperCase(),
    label: (row) => `Code ${row.code}`,
    format,
    checks: [],
    update,
    updateHint: "tick 'Update existing'",
    listRows: true,
  });
}

describe('planRows: create, update or unchanged', () => {
  const csv = 'code,name,price,supplier\nA1,Bolt,1.5,skf\nB2,Hex nut,0.25,\nC3,Washer,0.1,\n';

  test('each row says what it would do, with the columns an update changes, and the totals add up', () => {
    const { report, creates, updates } = plan(csv, true);
    expect(report.rows).toEqual([
      // A supplier named in another case is the same supplier.
      { line: 2, key: 'Code A1', action: 'unchanged', changed: [] },
      { line: 3, key: 'Code B2', action: 'update', changed: ['name', 'price'] },
      { line: 4, key: 'Code C3', action: 'create', changed: [] },
    ]);
    expect(report.totals).toEqual({ rows: 3, create: 1, update: 1, unchanged: 1, error: 0 });
    expect(report.errors).toEqual([]);
    expect(creates.map((c) => c.row.code)).toEqual(['C3']);
    expect(updates.map((u) => u.row)).toEqual([{ code: 'B2', name: 'Hex nut', price: 0.25, supplier: '' }]);
  });

  test('without "update existing" a changed record is an error on the key column; unchanged rows are fine', () => {
    const { report, creates, updates } = plan(csv, false);
    expect(report.errors).toEqual([
      {
        line: 3,
        column: 'code',
        message: "Code B2 already exists; tick 'Update existing' to change it (changes: name, price)",
      },
    ]);
    expect(report.rows.map((r) => r.action)).toEqual(['unchanged', 'error', 'create']);
    expect(report.totals).toEqual({ rows: 3, create: 1, update: 0, unchanged: 1, error: 1 });
    expect(updates).toEqual([]);
    expect(creates).toHaveLength(1);
  });

  test('a column the file does not have is not compared, and keeps its stored value on update', () => {
    const { report, updates } = plan('code,name\nA1,Bolt\nB2,Big nut\n', true);
    expect(report.rows.map((r) => [r.action, r.changed])).toEqual([
      ['unchanged', []],
      ['update', ['name']],
    ]);
    expect(updates[0]?.row).toEqual({ code: 'B2', name: 'Big nut', price: 0.2, supplier: '' });
  });

  test('a key repeated in the file is an error on the later row; parse errors make their rows errors', () => {
    const { report } = plan('code,name,price\nC3,Washer,1\nc3,Washer,1\nD4,Pin,x\n', true);
    expect(report.errors).toEqual([
      { line: 3, column: 'code', message: 'Code c3 is also on line 2' },
      { line: 4, column: 'price', message: 'price must be a number' },
    ]);
    expect(report.rows).toEqual([
      { line: 2, key: 'Code C3', action: 'create', changed: [] },
      { line: 3, key: 'Code c3', action: 'error', changed: [] },
      { line: 4, key: '', action: 'error', changed: [] },
    ]);
    expect(report.totals).toEqual({ rows: 3, create: 1, update: 0, unchanged: 0, error: 2 });
  });
});

describe('parseRows: header problems are errors on line 1 naming the column', () => {
  test('missing required, unknown and repeated columns', () => {
    const missing = parseRows(COLUMNS, Row, 'code,price\nA1,1\n');
    expect(missing.errors).toEqual([
      { line: 1, column: 'name', message: 'The required column name is missing' },
    ]);
    expect(missing.checked).toBe(false);
    const odd = parseRows(COLUMNS, Row, 'code,name,colour,name\nA1,Bolt,red,Bolt\n');
    expect(odd.errors).toEqual([
      {
        line: 1,
        column: 'colour',
        message: 'Unknown column colour; the columns are code, name, price, supplier',
      },
      { line: 1, column: 'name', message: 'The column name appears twice' },
    ]);
  });

  test('a header without rows, and an empty file', () => {
    expect(parseRows(COLUMNS, Row, 'code,name\n').errors).toEqual([
      { line: 1, column: '', message: 'The file has no data rows' },
    ]);
    expect(parseRows(COLUMNS, Row, '').errors).toEqual([
      { line: 1, column: '', message: 'The file is empty; the first line must name the columns' },
    ]);
  });

  test('a decimal comma is read in a ;-separated file', () => {
    expect(parseRows(COLUMNS, Row, 'code;name;price\nA1;Bolt;1,5\n').rows[0]?.row.price).toBe(1.5);
  });
});
