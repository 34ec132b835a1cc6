import type { z } from 'zod';
import type { CsvKind } from '../../../common/csv/kinds.ts';
import { invalid } from '../../../common/errors.ts';
import type { Executor } from '../../db/database.ts';
import type { WriteTx } from '../../db/writer.ts';
import {
  type Candidate,
  type Cells,
  candidate,
  type Plan,
  planRows,
  type Report,
} from '../../domain/csv/plan.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { type ColumnSpec, type ParsedRow, parseRows } from '../../domain/csv/rows.ts';
import { writeCsv } from '../../domain/csv/write-csv.ts';

/**
 * One kind of CSV file (items, locations, stock, ...): everything the engine needs to know about it,
 * so the service has no per-kind branches and a new kind is one new file in this folder.
 */
export type CsvKindSpec<Row extends object, Context> = {
  kind: CsvKind;
  /** "Items", as the page and the docs name the kind. */
  title: string;
  columns: readonly ColumnSpec[];
  /** The schema of one data row: cells (absent columns undefined) in, the typed row out. */
  schema: z.ZodType<Row>;
  /** The column key problems are reported on (the first of a compound key). */
  keyColumn: string;
  /** The natural key, normalised as the database matches it (SKUs and codes ignore case). */
  key(row: Row): string;
  /** How a person names the record: "SKU FST-M8-030". */
  label(row: Row): string;
  /** A row as it is written out; also how rows and stored records are compared. */
  format(row: Row): Cells;
  /** Template rows beyond the one made of each column's example. */
  moreExamples?: readonly Cells[];
  /** Reads, in bulk, the stored records with these rows' keys and whatever the checks refer to. */
  load(ex: Executor, rows: readonly Row[]): Promise<Context>;
  /** The stored record with this row's key, in row form. */
  existing(context: Context, row: Row): Row | undefined;
  /** Rules across rows and against the database, each finding on the column it is about. */
  check(context: Context, rows: readonly Candidate<Row>[]): CellError[];
  /** Writes the checked changes with multi-row statements, inside the writer's transaction. */
  apply(tx: WriteTx, context: Context, changes: Changes<Row>, meta: ApplyMeta): Promise<void>;
  /** Every stored record, in row form, in a stable order. */
  exportRows(ex: Executor): Promise<Row[]>;
};

export type ApplyMeta = { now: number; actorId: number | null };
export type Changes<Row> = Pick<Plan<Row>, 'creates' | 'updates'>;
export type CheckOptions = { update: boolean; updateHint: string; listRows: boolean };

/** A file checked against the database: what each row would do, and how to write it. */
export type CheckedFile = { report: Report; apply(tx: WriteTx, meta: ApplyMeta): Promise<void> };

/** A file read and parsed; checking it needs the database. */
export type ReadFile = { check(ex: Executor, options: CheckOptions): Promise<CheckedFile> };

/** A kind as the service uses it, whatever its row type. */
export type CsvKindEngine = {
  kind: CsvKind;
  title: string;
  columns: readonly ColumnSpec[];
  template(): string;
  exportCsv(ex: Executor): Promise<string>;
  /** Parsing is pure CPU work, so it happens before the writer is asked for its transaction. */
  read(text: string): ReadFile;
};

export function defineCsvKind<Row extends object, Context>(spec: CsvKindSpec<Row, Context>): CsvKindEngine {
  const example: Cells = Object.fromEntries(spec.columns.map((c) => [c.name, c.example]));
  return {
    kind: spec.kind,
    title: spec.title,
    columns: spec.columns,
    template: () => writeCsv(spec.columns, [example, ...(spec.moreExamples ?? [])]),
    exportCsv: async (ex) => writeCsv(spec.columns, (await spec.exportRows(ex)).map(spec.format)),
    read(text) {
      const file = parseRows(spec.columns, spec.schema, text);
      return {
        async check(ex, options) {
          const context = await spec.load(
            ex,
            file.rows.map((r) => r.row),
          );
          const candidates = file.rows.map((r: ParsedRow<Row>) =>
            candidate(r, spec.existing(context, r.row), file.present),
          );
          const plan = planRows({
            columns: spec.columns,
            file,
            candidates,
            keyColumn: spec.keyColumn,
            key: spec.key,
            label: spec.label,
            format: spec.format,
            checks: spec.check(context, candidates),
            update: options.update,
            updateHint: options.updateHint,
            listRows: options.listRows,
          });
          // The writes need only the changes, not the report of every row.
          const changes: Changes<Row> = { creates: plan.creates, updates: plan.updates };
          return { report: plan.report, apply: (tx, meta) => spec.apply(tx, context, changes, meta) };
        },
      };
    },
  };
}

/** A real import with errors writes nothing; the message leads with the first few to fix, all in details. */
export function refusal(errors: readonly CellError[]) {
  const shown = errors
    .slice(0, 5)
    .map((e) => `line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.message}`);
  const more = errors.length > 5 ? `; and ${errors.length - 5} more (a dry run lists them all)` : '';
  return invalid(
    `Nothing was imported: ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix. ${shown.join('; ')}${more}`,
    { errors },
  );
}
