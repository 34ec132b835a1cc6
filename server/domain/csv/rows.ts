import type { z } from 'zod';
import { readTextCell } from './formulas.ts';
import { type CellError, readCsv } from './read-csv.ts';

/**
 * One column of a kind's file. `type` decides the formula rules (a number such as -3.5 is not a
 * formula) and reads a decimal comma in `;` files; `example` fills the template.
 */
export type ColumnSpec = {
  name: string;
  required: boolean;
  type: 'text' | 'number';
  description: string;
  example: string;
  /** A reference by name (a supplier): "skf" and "SKF" are the same value. */
  caseInsensitive?: boolean;
  /** An empty cell keeps the stored value instead of clearing it (a plan's last_done). */
  keepWhenEmpty?: boolean;
  /**
   * Text of this shape is data even with a leading `+` or `-` ("+49 30 1234567"): made of digits and
   * separators only, a spreadsheet can do no more than arithmetic with it.
   */
  plain?: RegExp;
};

/** A cell as the row schema sees it: absent when the file has no such column. */
export type RawRow = Record<string, string | undefined>;

export type ParsedRow<Row> = { line: number; row: Row };

export type ParsedFile<Row> = {
  /** The columns the file has; on an update, the others keep their stored values. */
  present: ReadonlySet<string>;
  /** Data rows that passed their schema. */
  rows: ParsedRow<Row>[];
  /** Every problem found so far (header, malformed records, cells), by line. */
  errors: CellError[];
  /** Lines of data rows with an error, malformed or not. */
  failedLines: number[];
  /** Data records in the file, readable or not. */
  rowCount: number;
  /** False when the header alone rules the rows out (a required column is missing). */
  checked: boolean;
};

/**
 * Reads a file into typed rows: header checks (missing, unknown and repeated columns are errors on
 * the header line naming the column), the formula rules on every text cell, decimal commas in
 * `;` files, then the row schema, with each issue on the column it is about.
 */
export function parseRows<Row>(
  columns: readonly ColumnSpec[],
  schema: z.ZodType<Row>,
  text: string,
  refusedColumns: Readonly<Record<string, string>> = {},
): ParsedFile<Row> {
  const file = readCsv(text);
  const errors: CellError[] = [...file.errors];
  const headerLine = file.header.line;
  const known = new Map(columns.map((c) => [c.name, c]));
  const at = new Map<string, number>();
  file.header.names.forEach((name, i) => {
    const reason = Object.hasOwn(refusedColumns, name) ? refusedColumns[name] : undefined;
    if (name === '') errors.push({ line: headerLine, column: '', message: `Column ${i + 1} has no name` });
    else if (at.has(name))
      errors.push({ line: headerLine, column: name, message: `The column ${name} appears twice` });
    else if (reason !== undefined) errors.push({ line: headerLine, column: name, message: reason });
    else if (!known.has(name)) {
      errors.push({
        line: headerLine,
        column: name,
        message: `Unknown column ${name}; the columns are ${columns.map((c) => c.name).join(', ')}`,
      });
    } else at.set(name, i);
  });
  const empty = file.header.names.length === 0;
  const missing = empty ? [] : columns.filter((c) => c.required && !at.has(c.name));
  for (const c of missing) {
    errors.push({ line: headerLine, column: c.name, message: `The required column ${c.name} is missing` });
  }
  const malformedLines = file.errors.map((e) => e.line);
  const rowCount = file.records.length + malformedLines.length;
  if (empty && file.errors.length === 0) {
    errors.push({ line: 1, column: '', message: 'The file is empty; the first line must name the columns' });
  } else if (rowCount === 0 && missing.length === 0) {
    errors.push({ line: headerLine, column: '', message: 'The file has no data rows' });
  }
  if (missing.length > 0 || empty) {
    return finish({
      present: new Set(at.keys()),
      rows: [],
      errors,
      failedLines: [],
      rowCount,
      checked: false,
    });
  }

  const used = [...at].flatMap(([name, index]) => {
    const column = known.get(name);
    return column ? [{ column, index }] : [];
  });
  const rows: ParsedRow<Row>[] = [];
  const failed = new Set(malformedLines);
  for (const record of file.records) {
    const raw: RawRow = {};
    const refused = new Set<string>();
    for (const { column, index } of used) {
      const cell = readCell(column, record.cells[index] ?? '', file.delimiter);
      if (cell.ok) raw[column.name] = cell.value;
      else {
        refused.add(column.name);
        errors.push({ line: record.line, column: column.name, message: cell.message });
      }
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success && refused.size === 0) {
      rows.push({ line: record.line, row: parsed.data });
      continue;
    }
    failed.add(record.line);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const column = typeof issue.path[0] === 'string' ? issue.path[0] : '';
      // A refused cell already has its error; what the schema makes of it adds nothing.
      if (!refused.has(column)) errors.push({ line: record.line, column, message: issue.message });
    }
  }
  return finish({
    present: new Set(at.keys()),
    rows,
    errors,
    failedLines: [...failed],
    rowCount,
    checked: true,
  });
}

function finish<Row>(file: ParsedFile<Row>): ParsedFile<Row> {
  file.errors.sort((a, b) => a.line - b.line);
  file.failedLines.sort((a, b) => a - b);
  return file;
}

const DECIMAL_COMMA = /^\s*[-+]?\d+,\d+\s*$/;

function readCell(column: ColumnSpec, cell: string, delimiter: ',' | ';') {
  if (column.type === 'number') {
    // Excel in much of Europe writes 4,35 in `;` files.
    const value = delimiter === ';' && DECIMAL_COMMA.test(cell) ? cell.replace(',', '.') : cell;
    const trimmed = value.trim();
    if (trimmed === '' || Number.isFinite(Number(trimmed))) return { ok: true as const, value };
  }
  if (column.plain?.test(cell.trim())) return { ok: true as const, value: cell };
  return readTextCell(cell);
}
