import type { CellError } from './read-csv.ts';
import type { ColumnSpec, ParsedFile, ParsedRow } from './rows.ts';

/** A cell as it is written out: the same form for a stored record and a row of the file. */
export type Cells = Record<string, string | number>;

export type RowAction = 'create' | 'update' | 'unchanged' | 'error';
export type RowReport = { line: number; key: string; action: RowAction; changed: readonly string[] };
export type Totals = { rows: number; create: number; update: number; unchanged: number; error: number };

export type Report = { totals: Totals; errors: CellError[]; rows: RowReport[] };

/**
 * A row of the file with the stored record of its key, if any, and the columns whose value it
 * changes. For a stored record the row is already merged over it: a column the file does not have
 * keeps its stored value.
 */
export type Candidate<Row> = ParsedRow<Row> & { before: Row | undefined; changed: readonly string[] };

/** Shared by every row that changes nothing: a 100,000-row file would otherwise hold as many empty arrays. */
const NO_CHANGES: readonly string[] = Object.freeze([]);

/** How rows of a kind compare: its columns, and a row as it is written out. */
export type Comparison<Row> = { columns: readonly ColumnSpec[]; format(row: Row): Cells };

export type Plan<Row> = {
  report: Report;
  creates: ParsedRow<Row>[];
  updates: (ParsedRow<Row> & { before: Row; changed: readonly string[] })[];
};

/**
 * The row as it would be stored: the file's columns over the stored record's. In a `keepWhenEmpty`
 * column an empty cell (null) keeps the stored value too.
 */
export function candidate<Row extends object>(
  parsed: ParsedRow<Row>,
  before: Row | undefined,
  present: ReadonlySet<string>,
  comparison: Comparison<Row>,
): Candidate<Row> {
  if (before === undefined) return { ...parsed, before, changed: NO_CHANGES };
  const merged = { ...before } as Record<string, unknown>;
  for (const [name, value] of Object.entries(parsed.row)) {
    const keep = value === null && comparison.columns.some((c) => c.name === name && c.keepWhenEmpty);
    if (present.has(name) && !keep) merged[name] = value;
  }
  const row = merged as Row;
  return { line: parsed.line, row, before, changed: changedColumns(comparison, before, row) };
}

export type PlanInput<Row> = {
  columns: readonly ColumnSpec[];
  file: ParsedFile<Row>;
  /** The file's rows that passed their schema, each with its stored record. */
  candidates: readonly Candidate<Row>[];
  /** The column a key error is reported on. */
  keyColumn: string;
  /** The natural key, normalised the way the database matches it. */
  key(row: Row): string;
  /** How a person names the record: "SKU FST-M8-030". */
  label(row: Row): string;
  format(row: Row): Cells;
  /** Cross-row and database findings about the rows. */
  checks: readonly CellError[];
  update: boolean;
  /** How to ask for updates where the import was started: "tick 'Update existing'". */
  updateHint: string;
  /** Whether to report each row (a dry run) or only the totals and errors (a real import). */
  listRows: boolean;
};

/**
 * Decides what each row does: create when its key is new, unchanged when every column the file has
 * matches the stored record, update otherwise, naming the columns that change. Without "update
 * existing" a change to a stored record is an error on the key column, so nothing is overwritten by
 * surprise; a key repeated in the file is an error on the later rows.
 */
export function planRows<Row>(input: PlanInput<Row>): Plan<Row> {
  const { file } = input;
  const errors: CellError[] = [...file.errors, ...input.checks];
  const rowsWithErrors = new Set([...file.failedLines, ...input.checks.map((e) => e.line)]);
  const firstLine = new Map<string, number>();
  const reports: RowReport[] = [];
  const totals: Totals = {
    rows: file.rowCount,
    create: 0,
    update: 0,
    unchanged: 0,
    error: file.failedLines.length,
  };
  const report = (line: number, label: string, action: RowAction, changed: readonly string[]) => {
    totals[action] += 1;
    if (input.listRows) reports.push({ line, key: label, action, changed });
  };
  if (input.listRows) {
    for (const line of file.failedLines)
      reports.push({ line, key: '', action: 'error', changed: NO_CHANGES });
  }
  const creates: Plan<Row>['creates'] = [];
  const updates: Plan<Row>['updates'] = [];

  for (const { line, row, before, changed } of input.candidates) {
    const label = input.label(row);
    const fail = (message: string) => {
      errors.push({ line, column: input.keyColumn, message });
      rowsWithErrors.add(line);
    };
    const key = input.key(row);
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else fail(`${label} is also on line ${first}`);

    if (before !== undefined && changed.length > 0 && !input.update) {
      fail(`${label} already exists; ${input.updateHint} to change it (changes: ${changed.join(', ')})`);
    }
    if (rowsWithErrors.has(line)) {
      report(line, label, 'error', changed);
      continue;
    }
    if (before === undefined) {
      creates.push({ line, row });
      report(line, label, 'create', []);
    } else if (changed.length === 0) {
      report(line, label, 'unchanged', changed);
    } else {
      updates.push({ line, row, before, changed });
      report(line, label, 'update', changed);
    }
  }
  errors.sort((a, b) => a.line - b.line);
  reports.sort((a, b) => a.line - b.line);
  return { report: { totals, errors, rows: reports }, creates, updates };
}

/** The columns whose value differs from the stored record, compared as they are written out. */
function changedColumns<Row>(input: Comparison<Row>, before: Row, after: Row): readonly string[] {
  const was = input.format(before);
  const now = input.format(after);
  const changed = input.columns.filter((c) => !sameCell(c, was[c.name], now[c.name])).map((c) => c.name);
  return changed.length === 0 ? NO_CHANGES : changed;
}

function sameCell(column: ColumnSpec, a: string | number | undefined, b: string | number | undefined) {
  const x = String(a ?? '').trim();
  const y = String(b ?? '').trim();
  // In a number column 12.5 and 12.50 are one value (a price stored in cents reads back as 12.50).
  if (column.type === 'number' && x !== '' && y !== '') return Number(x) === Number(y);
  return column.caseInsensitive ? x.toLowerCase() === y.toLowerCase() : x === y;
}
